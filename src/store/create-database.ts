import { linkSync, renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';

/**
 * Builds a new database beside `file` under a temporary name and moves it in
 * whole, so `file` never exists half-made: a 0-byte or unmigrated vmvc.sqlite
 * is always someone else's accident, never our own start-up in progress (and
 * a second copy starting at the same moment never mistakes one for the other).
 * `init` runs on the new database before it appears under its real name.
 */
export function createDatabase(file: string, init: (db: Database.Database) => void): void {
  const temp = `${file}.new-${process.pid}`;
  const removeTemp = () => [temp, `${temp}-wal`, `${temp}-shm`, `${temp}-journal`].forEach((f) => rmSync(f, { force: true }));
  removeTemp();
  try {
    const db = new Database(temp);
    try {
      init(db);
    } finally {
      // Closing the last connection checkpoints the WAL into the file and deletes it, so the file alone is the database.
      db.close();
    }
    moveIn(temp, file);
  } finally {
    removeTemp();
  }
}

/** link() fails if `file` exists, which is what makes two copies starting together agree on one database. */
function moveIn(temp: string, file: string): void {
  try {
    linkSync(temp, file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return; // another copy created it first: use theirs
    // Some file systems (SMB, a few FUSE mounts) have no hard links; a rename is still whole, only not exclusive.
    if (code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'EPERM') renameSync(temp, file);
    else throw err;
  }
}
