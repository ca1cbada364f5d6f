import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, ROOT } from '../helpers/run-node.js';

/**
 * A build whose committed weights were fitted for other features than its
 * engine computes (a feature added, `npm run fit` not run): every way in must
 * stop at once with one line saying what to run, before touching the store,
 * rather than fail on every question.
 */
describe('weights fitted for other features', () => {
  let root: string;
  let dataDir: string;

  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'vmvc-stale-'));
    cpSync(path.join(ROOT, 'dist/src'), path.join(root, 'dist/src'), { recursive: true });
    cpSync(path.join(ROOT, 'package.json'), path.join(root, 'package.json'));
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
    symlinkSync(path.join(ROOT, 'knowledge'), path.join(root, 'knowledge'), 'dir');
    const model = path.join(root, 'dist/src/core/match/fitted-model.js');
    const text = readFileSync(model, 'utf8');
    expect(text).toContain("'entryWords'");
    writeFileSync(model, text.replace("'entryWords'", "'someOldFeature'"));
    dataDir = path.join(root, 'data');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const run = (script: string, args: string[]) =>
    spawnSync(process.execPath, [path.join(root, script), ...args], {
      input: '',
      env: cleanEnv({ DATA_DIR: dataDir, XDG_CACHE_HOME: path.join(root, 'cache') }),
      cwd: root,
      encoding: 'utf8',
      timeout: 20_000,
    });

  it('`vmvc ask` exits 1 with one line naming npm run fit', () => {
    const r = run('dist/src/adapters/cli/bin.js', ['ask', 'what is a vm']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/the fitted rank model was fitted for features \[.*someOldFeature\].*: run npm run fit/);
  });

  it('the bot exits 1 with one line naming npm run fit, and opens no store', () => {
    const r = run('dist/src/main.js', []);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^vmvc: the fitted rank model was fitted for features .*: run npm run fit/);
    expect(existsSync(dataDir) ? readdirSync(dataDir) : []).toEqual([]);
  });
});
