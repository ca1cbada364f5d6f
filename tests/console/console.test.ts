import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanEnv, MAIN } from '../helpers/run-node.js';

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** An empty working folder (no .env, its own ./data), removed after the test. */
function tempCwd(): string {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'vmvc-console-'));
  temps.push(cwd);
  return cwd;
}

/** `npm start` with no tokens, in a folder with no .env, fed piped stdin. */
function startBot(input: string, env: Record<string, string> = {}) {
  const cwd = tempCwd();
  return spawnSync(process.execPath, [MAIN], { cwd, input, env: cleanEnv(env), encoding: 'utf8', timeout: 20_000 });
}

describe('console (npm start with no tokens)', () => {
  it('reports the knowledge and the adapters, answers, follows a numbered related entry, and quits', () => {
    const r = startBot(['why are containers so much lighter?', '1', '/vmvc compare startup', 'quit', 'this line is never read'].join('\n'));
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/vmvc: loaded \d+ FAQ entries, \d+ comparison dimensions, \d+ tips from 5 sources/);
    expect(r.stdout).toContain('adapters: console');
    expect(r.stdout).toContain('Why are containers lighter than VMs?');
    expect(r.stdout).toMatch(/Related:\n {2}1\. /);
    const firstRelated = /Related:\n {2}1\. (.+) \(([a-z0-9-]+)\)/.exec(r.stdout);
    expect(firstRelated).not.toBeNull();
    expect(r.stdout).toContain(`${firstRelated?.[1]}\n`); // the followed entry's card title
    expect(r.stdout).toMatch(/VM vs container: Startup/i);
    expect(r.stdout.trimEnd().endsWith('bye')).toBe(true);
    expect(r.stderr).toBe('');
  });

  it('handles help, slash commands, off-topic and hostile input without echoing it', () => {
    const lines = [
      'help',
      '/vmvc topics',
      '/vmvc why-lighter',
      "what's for lunch",
      '<!channel> @everyone <@U123> please',
      '\u0000\u0001\u0002binary\u0007',
      '🐳🐳🐳',
      '?!?!?!',
      'x'.repeat(100_000),
      '7',
    ];
    const r = startBot(`${lines.join('\n')}\n`);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Commands:');
    expect(r.stdout).toContain('Everything I can answer');
    expect(r.stdout).toContain('Not something I can answer');
    expect(r.stdout).not.toMatch(/<!channel>|@everyone|<@U123>/);
    expect(r.stdout).not.toContain('x'.repeat(200));
    expect(r.stdout).toMatch(/Pick a number from 1 to \d|There is nothing numbered/);
    expect(r.stdout.trimEnd().endsWith('bye')).toBe(true);
  });

  it('channel settings (tips, autoanswer) are listed in help and explained, never taken as questions for the report', () => {
    const cwd = tempCwd();
    const run = spawnSync(process.execPath, [MAIN], { cwd, input: '/vmvc help\n/vmvc tips status\n/vmvc autoanswer on\nquit\n', env: cleanEnv({ DATA_DIR: cwd }), encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/\/vmvc tips here \[HH:MM\]/);
    expect(run.stdout).toMatch(/\/vmvc tips is a channel setting/);
    expect(run.stdout).toMatch(/\/vmvc autoanswer is a channel setting/);
    const report = spawnSync(process.execPath, [path.join(path.dirname(MAIN), 'adapters/cli/bin.js'), 'report'], { cwd, env: cleanEnv({ DATA_DIR: cwd }), encoding: 'utf8', timeout: 20_000 });
    expect(report.status).toBe(0);
    expect(report.stdout).not.toMatch(/tips status|autoanswer/);
  });

  it('exits cleanly on EOF and on SIGINT', async () => {
    const eof = startBot('');
    expect(eof.status).toBe(0);
    expect(eof.stdout).toContain('bye');

    const cwd = tempCwd();
    const child = spawn(process.execPath, [MAIN], { cwd, env: cleanEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (out.includes('vmvc console')) {
          clearInterval(poll);
          resolve();
        }
      }, 20);
    });
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c, signal) => resolve(signal === 'SIGINT' ? 130 : c)));
    expect([0, 130]).toContain(code);
  });

  it('stops with one clear message on a bad environment, listing every bad variable', () => {
    const r = startBot('', { SLACK_BOT_TOKEN: 'xoxp-wrong', PORT: 'abc' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^vmvc: Configuration problems/);
    expect(r.stderr).toContain('SLACK_BOT_TOKEN must start with xoxb-');
    expect(r.stderr).toContain('PORT must be a whole number');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('stops with the knowledge problems when the knowledge folder is broken', () => {
    const r = startBot('', { KNOWLEDGE_DIR: path.join(os.tmpdir(), 'no-such-knowledge') });
    expect(r.status).toBe(1);
    // One line naming the folder, not one "cannot read" per file.
    expect(r.stderr).toContain(`Knowledge base has 1 problem:\n  - knowledge folder ${path.join(os.tmpdir(), 'no-such-knowledge')} does not exist\n`);
    expect(r.stderr).toContain('npx vmvc check');
  });
});
