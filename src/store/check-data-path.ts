import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fsReason, isPermissionError } from './fs-reason.js';
import { StoreError } from './store-error.js';

const uid = process.getuid?.();
const GRANT = `Give the user running vmvc${uid === undefined ? '' : ` (uid ${uid})`} write access (chown or chmod), or set DATA_DIR to a folder it can write.`;

/**
 * Everything about the database's path that can be checked without opening
 * it, because opening already changes things: SQLite creates -wal and -shm
 * beside a WAL database even to read it, and silently falls back to
 * read-only on a file it cannot write (start-up then "succeeds" and every
 * tip and vote fails later). Returns whether the database file exists.
 */
export function checkDataPath(file: string): 'missing' | 'present' {
  const dir = path.dirname(file);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new StoreError(file, `cannot create its folder ${dir}: ${fsReason(err)}. ${isPermissionError(err) ? GRANT : 'Set DATA_DIR to a folder.'}`, { cause: err });
  }
  const stat = statOrMissing(file);
  if (stat?.isDirectory()) throw new StoreError(file, 'it is a folder, not a database file. Move it aside or set DATA_DIR to another folder.');
  if (stat?.size === 0) {
    // vmvc never leaves an empty file behind (a new database is built aside and moved in whole), so
    // 0 bytes means a truncated file or a copy taken too early, not a fresh start: reusing it would drop every tip, vote and question.
    throw new StoreError(
      file,
      `it is empty (0 bytes), so it is not a vmvc database: it was probably truncated or copied before it was written. Restore it from a backup; to start fresh on purpose, delete ${path.basename(file)} (and any ${path.basename(file)}-wal and -shm beside it) and start vmvc again.`,
    );
  }
  if (!stat) {
    // A write-ahead log without its database is the other half of a copy gone wrong; SQLite would replay it into a new, empty file.
    const wal = statOrMissing(`${file}-wal`);
    if (wal && wal.size > 0) {
      throw new StoreError(file, `it is missing, but ${path.basename(file)}-wal beside it still holds data. Restore the database from a backup; to start fresh on purpose, delete the -wal and -shm files and start vmvc again.`);
    }
  }
  try {
    // SQLite writes -wal and -shm beside the database (and vmvc builds a new one there), so the folder must be writable too.
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch (err) {
    const what = stat ? `its folder ${dir} is not writable, and SQLite must create ${path.basename(file)}-wal and -shm there` : `cannot create it: its folder ${dir} is not writable`;
    throw new StoreError(file, `${what}: ${fsReason(err)}. ${GRANT}`, { cause: err });
  }
  if (!stat) return 'missing';
  try {
    accessSync(file, constants.R_OK | constants.W_OK);
  } catch (err) {
    throw new StoreError(file, `it is not writable (every tip, vote and question is recorded in it): ${fsReason(err)}. ${GRANT}`, { cause: err });
  }
  return 'present';
}

function statOrMissing(file: string) {
  try {
    return statSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StoreError(file, `cannot look at it: ${fsReason(err)}.`, { cause: err });
  }
}
