import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanEnv, MAIN, runCli } from '../helpers/run-node.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vmvc-report-e2e-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('what people ask reaches the curator report (bot and CLI as child processes)', () => {
  it('groups unanswered questions after normalisation, counts answers, and keeps no raw markup', () => {
    const questions = ["what's for lunch", 'WHATS FOR LUNCH??', '<@U024BE7LH> whats for lunch', 'why are containers lighter', 'why-lighter', 'how do i rotate kubernetes secrets', 'how do i delete docker images'];
    const bot = spawnSync(process.execPath, [MAIN], { cwd: dataDir, input: `${questions.join('\n')}\nquit\n`, env: cleanEnv({ DATA_DIR: dataDir }), encoding: 'utf8', timeout: 20_000 });
    expect(bot.status).toBe(0);

    const report = runCli(['report', '--days', '1'], { env: { DATA_DIR: dataDir } });
    expect(report.status).toBe(0);
    expect(report.stdout).toMatch(/why-lighter \(Why are containers lighter than VMs\?\): 2 asked/);
    expect(report.stdout).toMatch(/"whats for lunch": 3 times/);
    expect(report.stdout).toMatch(/"how do i rotate kubernetes secrets": 1 time/);
    expect(report.stdout).not.toContain('U024BE7LH');
    // A how-to question about Docker is declined on purpose: the report does not ask curators for an entry.
    expect(report.stdout).toMatch(/"how do i delete docker images": 1 time\n\s+outside what the bot covers .*no entry needed/);
  });

  it('STORE_QUESTIONS=false keeps unanswered questions out of the store', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vmvc-report-off-'));
    try {
      spawnSync(process.execPath, [MAIN], { cwd: dir, input: "what's for lunch\nquit\n", env: cleanEnv({ DATA_DIR: dir, STORE_QUESTIONS: 'false' }), encoding: 'utf8', timeout: 20_000 });
      const report = runCli(['report'], { env: { DATA_DIR: dir } });
      expect(report.status).toBe(0);
      expect(report.stdout).not.toContain('lunch');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
