import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { DATABASE_FILE } from '../../src/store/open-database.js';
import { openStore, type SqliteStorage } from '../../src/store/open-store.js';
import { StoreError } from '../../src/store/store-error.js';
import { tempDir } from '../tips/support.js';

const cleanups: (() => void)[] = [];
const stores: SqliteStorage[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
  cleanups.splice(0).forEach((c) => c());
});

function dataDir(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

function open(dir: string, storeQuestions = true): SqliteStorage {
  const store = openStore({ dataDir: dir, storeQuestions });
  stores.push(store);
  return store;
}

const at = (iso: string) => new Date(iso);

describe('opening the store', () => {
  it('creates DATA_DIR and a migrated WAL database in it', async () => {
    const dir = path.join(dataDir(), 'nested', 'data');
    const store = open(dir);
    expect(store.file).toBe(path.join(dir, DATABASE_FILE));
    expect(existsSync(store.file)).toBe(true);
    await store.close();
    const db = new Database(store.file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(['asks', 'auto_replies', 'deliveries', 'help_channels', 'recent_posts', 'store_markers', 'tip_posts', 'tip_rotation', 'tip_subscriptions', 'tip_votes', 'votes']);
    db.close();
  });

  it('a file that is not a database gives a clear StoreError naming it, and is left untouched', () => {
    const dir = dataDir();
    const file = path.join(dir, DATABASE_FILE);
    const junk = 'these are my notes, not a database\n'.repeat(200);
    writeFileSync(file, junk);
    let error: unknown;
    try {
      open(dir);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).message).toContain(file);
    expect((error as StoreError).message).toMatch(/not a SQLite database/);
    expect((error as StoreError).message).toMatch(/left as it is/);
    expect(readFileSync(file, 'utf8')).toBe(junk);
  });

  it('a damaged database fails the integrity check with a clear error', async () => {
    const dir = dataDir();
    const store = open(dir);
    for (let i = 0; i < 400; i++) await store.recorder.recordAsk({ platform: 'slack', status: 'declined', normalized: `question number ${i} ${'x'.repeat(50)}`, at: new Date() });
    await store.close();
    // Checkpointed into the main file on close; now scribble over pages past the header.
    const file = path.join(dir, DATABASE_FILE);
    const bytes = readFileSync(file);
    expect(bytes.length).toBeGreaterThan(8192);
    for (let i = 4096 + 16; i < bytes.length; i += 7) bytes[i] = 0xa5;
    writeFileSync(file, bytes);
    expect(() => open(dir)).toThrow(StoreError);
    expect(() => open(dir)).toThrow(new RegExp(`${DATABASE_FILE}: it is (damaged|not a SQLite database)`));
  });

  it('a SQLite file from something else is refused, not migrated', () => {
    const dir = dataDir();
    const db = new Database(path.join(dir, DATABASE_FILE));
    db.exec('CREATE TABLE other (x)');
    db.close();
    expect(() => open(dir)).toThrow(/not a vmvc one/);
  });

  it('a database from a newer vmvc is refused', async () => {
    const dir = dataDir();
    await open(dir).close();
    const db = new Database(path.join(dir, DATABASE_FILE));
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => open(dir)).toThrow(/newer vmvc/);
  });

  it('a DATA_DIR that cannot be created is a StoreError', () => {
    const dir = dataDir();
    const blocker = path.join(dir, 'file');
    writeFileSync(blocker, 'x');
    expect(() => open(path.join(blocker, 'data'))).toThrow(StoreError);
  });

  it('a directory where the database file should be is a StoreError', () => {
    const dir = dataDir();
    mkdirSync(path.join(dir, DATABASE_FILE));
    expect(() => open(dir)).toThrow(/Cannot use the database/);
  });
});

describe('what the SQLite file holds', () => {
  it('answered asks keep only the entry id; unanswered ones keep the normalised text', async () => {
    const store = open(dataDir());
    const now = at('2025-02-01T12:00:00Z');
    await store.recorder.recordAsk({ platform: 'slack', status: 'answered', entryId: 'why-lighter', normalized: 'contain light vm', at: now });
    await store.recorder.recordAsk({ platform: 'slack', status: 'declined', normalized: 'kubernet cost', at: now });
    const db = new Database(store.file, { readonly: true });
    const texts = db.prepare('SELECT status, normalized FROM asks ORDER BY id').all() as { status: string; normalized: string | null }[];
    db.close();
    expect(texts).toEqual([
      { status: 'answered', normalized: null },
      { status: 'declined', normalized: 'kubernet cost' },
    ]);
  });

  it('STORE_QUESTIONS=false: no question text anywhere in the file', async () => {
    const store = open(dataDir(), false);
    const now = new Date();
    await store.recorder.recordAsk({ platform: 'slack', status: 'declined', normalized: 'secret project name', at: now });
    await store.recorder.recordAsk({ platform: 'slack', status: 'suggest', entryId: 'a', normalized: 'secret project too', at: now });
    await store.recorder.recordAsk({ platform: 'slack', status: 'answered', entryId: 'a', normalized: 'secret answered', at: now });
    await store.close();
    const raw = readFileSync(store.file);
    expect(raw.includes('secret')).toBe(false);
    const db = new Database(store.file, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM asks WHERE normalized IS NOT NULL').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM asks').get()).toEqual({ n: 1 });
    db.close();
  });
});
