import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanEnv, MAIN, runCli } from '../helpers/run-node.js';

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** One console line through `npm start` (no tokens), as a user types it. */
function consoleSays(line: string): string {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'vmvc-console-'));
  temps.push(cwd);
  const r = spawnSync(process.execPath, [MAIN], { cwd, input: `${line}\nquit\n`, env: cleanEnv(), encoding: 'utf8', timeout: 20_000 });
  expect(r.status).toBe(0);
  return r.stdout;
}

describe('an unknown topic id or tip number: the console says what the CLI says', () => {
  it('/vmvc tip 9999 says there is no such tip and gives the range, instead of a random tip', () => {
    const out = consoleSays('/vmvc tip 9999');
    const cli = runCli(['tip', '--id', '9999']);
    const range = /tips are numbered \d+ to \d+/.exec(cli.stderr)?.[0];
    expect(range).toBeDefined();
    expect(out).toContain('No tip #9999');
    expect(out).toContain(range);
    expect(out).not.toContain('tip of the day');
  });

  it("/vmvc show nope says no topic 'nope', like vmvc show nope", () => {
    const out = consoleSays('/vmvc show nope');
    const cli = runCli(['show', 'nope']);
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain("no topic 'nope'");
    expect(out).toContain("No topic 'nope'");
    expect(out).not.toContain('Not something I can answer');
  });

  it('/vmvc show with a near-miss id offers the close ids the CLI offers, rather than answering a guess', () => {
    const out = consoleSays('/vmvc show why-lightr');
    const cli = runCli(['show', 'why-lightr']);
    const offered = /did you mean (.+)\?/.exec(cli.stderr)?.[1]?.split(', ') ?? [];
    expect(offered).toContain('why-lighter');
    expect(out).toContain("No topic 'why-lightr': did you mean");
    for (const id of offered) expect(out).toContain(`(${id})`);
    expect(out).not.toContain('Topic id: why-lighter');
  });
});
