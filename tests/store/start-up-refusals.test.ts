import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src/store/open-database.js';
import { openStore } from '../../src/store/open-store.js';
import { cleanEnv, MAIN } from '../helpers/run-node.js';

/**
 * The built bot (console mode, stdin closed) against a DATA_DIR it must refuse.
 * File modes only bind a user who is not root, so when the tests run as root
 * the bot is started as `nobody` (uid 65534): the condition is then as real as
 * on a server, not simulated. Everything a refusal must be: exit 1, one line
 * on stderr naming the file and the cause, and the console never opens.
 */

const AS_ROOT = process.getuid?.() === 0;
const BOT_USER = AS_ROOT ? { uid: 65534, gid: 65534 } : {};
const RUNS_AS = AS_ROOT ? ' (bot run as uid 65534: root ignores file modes)' : '';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** A temp folder the unprivileged bot user can enter; `data/` inside it is DATA_DIR. */
function workspace(): { root: string; dataDir: string; file: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'vmvc-refusals-'));
  cleanups.push(() => {
    chmodSync(root, 0o755);
    if (existsSync(path.join(root, 'data'))) chmodSync(path.join(root, 'data'), 0o755);
    rmSync(root, { recursive: true, force: true });
  });
  chmodSync(root, 0o755);
  const dataDir = path.join(root, 'data');
  return { root, dataDir, file: path.join(dataDir, DATABASE_FILE) };
}

function startBot(root: string, dataDir: string) {
  const result = spawnSync(process.execPath, [MAIN], {
    cwd: root,
    env: cleanEnv({ DATA_DIR: dataDir, HOME: root }),
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: 20_000,
    ...BOT_USER,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A real vmvc database, made by the store itself. */
function existingDatabase(dataDir: string): void {
  openStore({ dataDir }).close();
}

function expectOneLineRefusal(run: ReturnType<typeof startBot>, file: string): string {
  expect(run.status).toBe(1);
  expect(run.stdout).not.toMatch(/loaded|vmvc is running/);
  expect(run.stderr).toMatch(/^vmvc: [^\n]+\n$/);
  expect(run.stderr).toContain(file);
  return run.stderr;
}

describe(`the bot refuses a data folder it cannot use, in one line${RUNS_AS}`, () => {
  it('control: the same user starts normally on a writable folder (so the refusals below are about the folder)', () => {
    const { root, dataDir, file } = workspace();
    existingDatabase(dataDir);
    chmodSync(dataDir, 0o777);
    chmodSync(file, 0o666);
    const run = startBot(root, dataDir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/vmvc: loaded/);
  });

  it('a read-only database file: refused at start-up as not writable, with the cause, and no -wal/-shm left behind', () => {
    const { root, dataDir, file } = workspace();
    existingDatabase(dataDir);
    chmodSync(dataDir, 0o777);
    chmodSync(file, 0o444);
    const line = expectOneLineRefusal(startBot(root, dataDir), file);
    expect(line).toMatch(/it is not writable/);
    expect(line).toMatch(/permission denied \(EACCES\)/);
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(existsSync(`${file}-shm`)).toBe(false);
  });

  it('an existing database in a folder the bot cannot write: says the folder is not writable, not "restore it from a backup"', () => {
    const { root, dataDir, file } = workspace();
    existingDatabase(dataDir);
    chmodSync(file, 0o666);
    chmodSync(dataDir, 0o555);
    const line = expectOneLineRefusal(startBot(root, dataDir), file);
    expect(line).toContain(`its folder ${dataDir} is not writable`);
    expect(line).toMatch(/permission denied \(EACCES\)/);
    expect(line).not.toMatch(/backup/);
  });

  it('an empty folder the bot cannot write: says it cannot create the database there and why, not "unable to open database file"', () => {
    const { root, dataDir, file } = workspace();
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o555);
    const line = expectOneLineRefusal(startBot(root, dataDir), file);
    expect(line).toContain(`cannot create it: its folder ${dataDir} is not writable`);
    expect(line).toMatch(/permission denied \(EACCES\)/);
    expect(line).not.toMatch(/unable to open database file/);
    expect(existsSync(file)).toBe(false);
  });

  it('a DATA_DIR below a file (a condition root cannot write through either): names the cause', () => {
    const { root } = workspace();
    const blocker = path.join(root, 'data');
    writeFileSync(blocker, 'not a folder');
    const dataDir = path.join(blocker, 'inner');
    const line = expectOneLineRefusal(startBot(root, dataDir), path.join(dataDir, DATABASE_FILE));
    expect(line).toMatch(/part of the path is a file, not a folder/);
  });

  it('a 0-byte vmvc.sqlite: refused (not started empty), naming the file and how to start fresh on purpose', () => {
    const { root, dataDir, file } = workspace();
    mkdirSync(dataDir);
    writeFileSync(file, '');
    chmodSync(dataDir, 0o777);
    chmodSync(file, 0o666);
    const line = expectOneLineRefusal(startBot(root, dataDir), file);
    expect(line).toMatch(/empty \(0 bytes\)/);
    expect(line).toMatch(/to start fresh on purpose, delete vmvc\.sqlite/);
  });
});
