import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-node.js';

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh working directory, as a newcomer running `npx vmvc` from some other folder. */
function workingDir(): string {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'vmvc-cwd-')));
  temps.push(dir);
  return dir;
}

describe('.env and DATA_DIR come from the working directory, and the CLI names the data folder', () => {
  it('vmvc report prints the default ./data of the folder it ran in', () => {
    const cwd = workingDir();
    const r = runCli(['report'], { cwd });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Data folder: ${path.join(cwd, 'data')}\n`);
  });

  it('vmvc tips status reads .env from the working directory and prints the DATA_DIR it set', () => {
    const cwd = workingDir();
    writeFileSync(path.join(cwd, '.env'), 'DATA_DIR=from-dotenv\n');
    const r = runCli(['tips', 'status'], { cwd });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Data folder: ${path.join(cwd, 'from-dotenv')}\n`);
  });
});
