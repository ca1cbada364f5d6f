import path from 'node:path';
import Database from 'better-sqlite3';
import { checkDataPath } from './check-data-path.js';
import { createDatabase } from './create-database.js';
import { fsReason } from './fs-reason.js';
import { MIGRATIONS } from './migrations.js';
import { StoreError } from './store-error.js';

export type SqliteDatabase = Database.Database;

/** The database's file name inside DATA_DIR. */
export const DATABASE_FILE = 'vmvc.sqlite';

/**
 * How long a write waits for another process's write lock (two bot copies, or
 * the CLI while the bot runs) before failing. Writes here take microseconds,
 * so this only matters under real contention. Recording an ask and claiming a
 * visible post both happen before a Discord reply, so two of these waits must
 * fit in the 3-second reply window together (at 1.5 s a locked database made
 * the reply 3.1 s late: tests/adapters/discord/store-failures.test.ts); a
 * failed recording is logged and the answer still goes out.
 */
export const BUSY_TIMEOUT_MS = 1_000;

const KEEP_IT = 'The file was left as it is: restore it from a backup, or move it aside to start with an empty database.';

export function databasePath(dataDir: string): string {
  return path.resolve(dataDir, DATABASE_FILE);
}

/**
 * Opens the database at `file` (creating it if missing), checks it, switches
 * it to WAL and runs pending migrations. Anything wrong throws a StoreError
 * naming the file. Nothing is written to an existing file until every check
 * has passed, so a file the bot refuses is left byte for byte as it was.
 */
export function openDatabase(file: string): SqliteDatabase {
  if (checkDataPath(file) === 'missing') {
    try {
      createDatabase(file, (db) => {
        setUp(db, file);
        migrate(db, file);
      });
    } catch (err) {
      throw asStoreError(err, file, (reason) => `cannot create it: ${reason}`);
    }
  }
  let db: SqliteDatabase;
  try {
    // fileMustExist: it was checked or created above; if it vanished since, say so rather than start empty.
    db = new Database(file, { fileMustExist: true });
  } catch (err) {
    throw asStoreError(err, file, (reason) => `cannot open it: ${reason}`);
  }
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    checkIntegrity(db, file);
    checkSchema(db, file);
    setUp(db, file);
    migrate(db, file);
    return db;
  } catch (err) {
    db.close();
    throw asStoreError(err, file, (reason) => `${reason}. ${KEEP_IT}`);
  }
}

/** The first writes to a file: only for a new file or one that passed every check. */
function setUp(db: SqliteDatabase, file: string): void {
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (String(mode).toLowerCase() !== 'wal') throw new StoreError(file, `cannot switch it to WAL mode (got ${String(mode)})`);
  // With WAL, NORMAL keeps the database consistent after a crash; only the last commits before a power cut may be lost.
  db.pragma('synchronous = NORMAL');
}

function asStoreError(err: unknown, file: string, explain: (reason: string) => string): StoreError {
  if (err instanceof StoreError) return err;
  // Node's fs errors carry a numeric errno; SQLite's carry only a SQLITE_* code.
  const reason = typeof (err as NodeJS.ErrnoException).errno === 'number' ? fsReason(err) : describeSqliteError(err);
  return new StoreError(file, explain(reason), { cause: err });
}

/** quick_check reads every page, so a damaged or foreign file fails here before anything writes to it. */
function checkIntegrity(db: SqliteDatabase, file: string): void {
  const rows = db.pragma('quick_check') as { quick_check: string }[];
  const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
  if (problems.length > 0) {
    throw new StoreError(file, `it is damaged (integrity check: ${problems.slice(0, 3).join('; ')}). ${KEEP_IT}`);
  }
}

/** Read-only: refuses a file from a newer vmvc or from another program before anything is written to it. */
function checkSchema(db: SqliteDatabase, file: string): void {
  const version = Number(db.pragma('user_version', { simple: true }));
  if (version > MIGRATIONS.length) {
    throw new StoreError(file, `it was written by a newer vmvc (schema version ${version}, this one knows up to ${MIGRATIONS.length}). Upgrade vmvc or use another DATA_DIR.`);
  }
  if (version === 0) {
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
    if (tables.n > 0) throw new StoreError(file, `it is a SQLite database but not a vmvc one (it has tables and no vmvc schema version). ${KEEP_IT}`);
  }
}

function migrate(db: SqliteDatabase, file: string): void {
  // IMMEDIATE takes the write lock first, so two copies starting together migrate once.
  db.transaction(() => {
    // Read again under the lock: another copy may have migrated since checkSchema.
    checkSchema(db, file);
    const version = Number(db.pragma('user_version', { simple: true }));
    MIGRATIONS.slice(version).forEach((sql, i) => {
      db.exec(sql);
      db.pragma(`user_version = ${version + i + 1}`);
    });
  }).immediate();
}

function describeSqliteError(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  const message = err instanceof Error ? err.message : String(err);
  if (code === 'SQLITE_NOTADB') return `it is not a SQLite database (${message})`;
  if (code === 'SQLITE_CORRUPT') return `it is damaged (${message})`;
  if (code === 'SQLITE_BUSY') return `another process holds it locked (${message})`;
  if (typeof code === 'string' && code.startsWith('SQLITE_CANTOPEN')) return `cannot open it (${message})`;
  return message;
}
