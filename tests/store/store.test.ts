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
afterEach(() => {
  stores.splice(0).forEach((s) => s.close());
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
  it('creates DATA_DIR and a migrated WAL database in it', () => {
    const dir = path.join(dataDir(), 'nested', 'data');
    const store = open(dir);
    expect(store.file).toBe(path.join(dir, DATABASE_FILE));
    expect(existsSync(store.file)).toBe(true);
    store.close();
    const db = new Database(store.file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(['asks', 'auto_replies', 'help_channels', 'recent_posts', 'tip_posts', 'tip_rotation', 'votes']);
    db.close();
  });

  it('reopening keeps the data and does not re-run migrations', () => {
    const dir = dataDir();
    const first = open(dir);
    const slot = { platform: 'slack' as const, channelId: 'C1', slotKey: '2025-01-06T09:00:00.000Z' };
    expect(first.claimTipSlot(slot, 3, at('2025-01-06T09:00:00Z'), { remaining: [1, 2], shown: [3], last: 3, cycle: 1 })).toBe(true);
    first.markTipDone(slot, 'ts-1', 1, at('2025-01-06T09:00:01Z'));
    first.recorder.recordVote({ platform: 'slack', entryId: 'why-lighter', vote: 'down', userHash: 'h1', at: at('2025-01-06T10:00:00Z') });
    first.close();

    const again = open(dir);
    expect(again.tipPost(slot)).toMatchObject({ tipId: 3, status: 'done', messageId: 'ts-1', attempts: 1 });
    expect(again.rotationState('slack', 'C1')).toEqual({ remaining: [1, 2], shown: [3], last: 3, cycle: 1 });
    expect(again.mostDownvotedEntries(at('2025-01-01T00:00:00Z'), 10)).toEqual([{ entryId: 'why-lighter', down: 1, up: 0 }]);
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

  it('a damaged database fails the integrity check with a clear error', () => {
    const dir = dataDir();
    const store = open(dir);
    for (let i = 0; i < 400; i++) store.recorder.recordAsk({ platform: 'slack', status: 'declined', normalized: `question number ${i} ${'x'.repeat(50)}`, at: new Date() });
    store.close();
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

  it('a database from a newer vmvc is refused', () => {
    const dir = dataDir();
    open(dir).close();
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

describe('votes and questions', () => {
  it('one vote per user per entry; changing your mind replaces the vote', () => {
    const store = open(dataDir());
    const since = at('2025-01-01T00:00:00Z');
    const vote = (userHash: string, entryId: string, v: 'up' | 'down', when: string) =>
      store.recorder.recordVote({ platform: 'discord', entryId, vote: v, userHash, at: at(when) });
    vote('u1', 'a', 'down', '2025-01-02T00:00:00Z');
    vote('u1', 'a', 'down', '2025-01-02T00:01:00Z');
    expect(store.mostDownvotedEntries(since, 10)).toEqual([{ entryId: 'a', down: 1, up: 0 }]);
    vote('u1', 'a', 'up', '2025-01-02T00:02:00Z');
    expect(store.mostDownvotedEntries(since, 10)).toEqual([]);
    vote('u2', 'a', 'down', '2025-01-02T00:03:00Z');
    vote('u1', 'b', 'down', '2025-01-02T00:04:00Z');
    expect(store.mostDownvotedEntries(since, 10)).toEqual([
      { entryId: 'b', down: 1, up: 0 },
      { entryId: 'a', down: 1, up: 1 },
    ]);
  });

  it('answered asks keep only the entry id; unanswered ones keep the normalised text', () => {
    const store = open(dataDir());
    const now = at('2025-02-01T12:00:00Z');
    store.recorder.recordAsk({ platform: 'slack', status: 'answered', entryId: 'why-lighter', normalized: 'contain light vm', at: now });
    store.recorder.recordAsk({ platform: 'slack', status: 'declined', normalized: 'kubernet cost', at: now });
    store.recorder.recordAsk({ platform: 'discord', status: 'suggest', entryId: 'x', normalized: 'kubernet cost', at: now });
    expect(store.mostAskedEntries(at('2025-01-01T00:00:00Z'), 5)).toEqual([{ entryId: 'why-lighter', count: 1 }]);
    expect(store.unansweredQuestions(at('2025-01-01T00:00:00Z'), 5)).toEqual([{ normalized: 'kubernet cost', count: 2, lastAskedAt: now }]);
    const db = new Database(store.file, { readonly: true });
    const texts = db.prepare('SELECT normalized FROM asks WHERE status = ?').all('answered') as { normalized: string | null }[];
    db.close();
    expect(texts).toEqual([{ normalized: null }]);
  });

  it('STORE_QUESTIONS=false stores no question text at all', () => {
    const store = open(dataDir(), false);
    const now = new Date();
    store.recorder.recordAsk({ platform: 'slack', status: 'declined', normalized: 'secret project name', at: now });
    store.recorder.recordAsk({ platform: 'slack', status: 'suggest', entryId: 'a', normalized: 'secret project too', at: now });
    store.recorder.recordAsk({ platform: 'slack', status: 'answered', entryId: 'a', normalized: 'secret answered', at: now });
    expect(store.unansweredQuestions(new Date(0), 10)).toEqual([]);
    store.close();
    const raw = readFileSync(store.file);
    expect(raw.includes('secret')).toBe(false);
    const db = new Database(store.file, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM asks WHERE normalized IS NOT NULL').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM asks').get()).toEqual({ n: 1 });
    db.close();
  });

  it('the report window excludes older records', () => {
    const store = open(dataDir());
    store.recorder.recordAsk({ platform: 'slack', status: 'answered', entryId: 'old', normalized: '', at: at('2024-12-01T00:00:00Z') });
    store.recorder.recordAsk({ platform: 'slack', status: 'answered', entryId: 'new', normalized: '', at: at('2025-01-05T00:00:00Z') });
    expect(store.mostAskedEntries(at('2025-01-01T00:00:00Z'), 5)).toEqual([{ entryId: 'new', count: 1 }]);
  });
});

describe('repeat guard on the shared database', () => {
  it('two store instances on one file share the cooldown', () => {
    const dir = dataDir();
    const a = open(dir).repeatGuard(120);
    const b = open(dir).repeatGuard(120);
    const t0 = at('2025-03-01T10:00:00Z');
    expect(a.claim('slack', 'C1', 'why-lighter', t0)).toBeUndefined();
    a.confirm('slack', 'C1', 'why-lighter', 'https://example.slack.com/p1');
    expect(b.claim('slack', 'C1', 'why-lighter', new Date(t0.getTime() + 30_000))).toEqual({ at: t0, messageRef: 'https://example.slack.com/p1' });
    // Other channels and entries are independent.
    expect(b.claim('slack', 'C2', 'why-lighter', t0)).toBeUndefined();
    expect(b.claim('slack', 'C1', 'startup-time', t0)).toBeUndefined();
    // After the cooldown the entry may be posted again, and the new post is what blocks next.
    const later = new Date(t0.getTime() + 120_000);
    expect(b.claim('slack', 'C1', 'why-lighter', later)).toBeUndefined();
    expect(a.claim('slack', 'C1', 'why-lighter', new Date(later.getTime() + 1_000))).toEqual({ at: later });
  });
});
