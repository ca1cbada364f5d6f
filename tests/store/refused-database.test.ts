import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { DATABASE_FILE } from '../../src/store/open-database.js';
import { openStore } from '../../src/store/open-store.js';
import { StoreError } from '../../src/store/store-error.js';
import { tempDir } from '../tips/support.js';

/**
 * A database the store refuses must come out of the attempt exactly as it went
 * in: same bytes, and no -wal or -shm beside it (SQLite's WAL switch rewrites
 * the header, and would turn a refusal into a modification).
 */

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function dataDir(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

function refusal(dir: string): StoreError {
  try {
    openStore({ dataDir: dir }).close();
  } catch (err) {
    if (err instanceof StoreError) return err;
    throw err;
  }
  throw new Error('the store accepted the file');
}

function expectUntouched(file: string, before: Buffer): void {
  expect(readFileSync(file).equals(before)).toBe(true);
  expect(existsSync(`${file}-wal`)).toBe(false);
  expect(existsSync(`${file}-shm`)).toBe(false);
}

describe('a database the store refuses is left exactly as it was', () => {
  it('a 0-byte vmvc.sqlite is refused (not reused as a fresh store), named, with how to start fresh on purpose', () => {
    const dir = dataDir();
    const file = path.join(dir, DATABASE_FILE);
    writeFileSync(file, '');
    const error = refusal(dir);
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/empty \(0 bytes\)/);
    expect(error.message).toMatch(/to start fresh on purpose, delete vmvc\.sqlite/);
    expect(error.message).not.toContain('\n');
    expectUntouched(file, Buffer.alloc(0));
  });

  it('a SQLite file from another program (rollback journal) keeps its bytes and gets no -wal/-shm', () => {
    const dir = dataDir();
    const file = path.join(dir, DATABASE_FILE);
    const other = new Database(file);
    other.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine')");
    other.close();
    const before = readFileSync(file);
    expect(refusal(dir).message).toMatch(/not a vmvc one/);
    expectUntouched(file, before);
  });

  it('a database from a newer vmvc keeps its bytes and gets no -wal/-shm', () => {
    const dir = dataDir();
    const file = path.join(dir, DATABASE_FILE);
    openStore({ dataDir: dir }).close();
    const newer = new Database(file);
    newer.pragma('journal_mode = DELETE');
    newer.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    newer.close();
    const before = readFileSync(file);
    expect(refusal(dir).message).toMatch(/newer vmvc/);
    expectUntouched(file, before);
  });
});
