import type { RepeatGuard } from '../core/repeat-guard.js';
import type { Storage } from '../core/storage.js';
import { databasePath, openDatabase } from './open-database.js';
import { createSqliteHelpChannels } from './sqlite-help-channels.js';
import { createSqliteRepeatGuard } from './sqlite-repeat-guard.js';
import { createSqliteTipSubscriptions } from './sqlite-tip-subscriptions.js';
import { createSqliteTipVotes } from './sqlite-tip-votes.js';
import { createSqliteDeliveries } from './sqlite-deliveries.js';
import { createSqliteTipStore } from './sqlite-tips.js';
import { createSqliteRecorder, createSqliteReportStore } from './sqlite-usage.js';

export interface StoreOptions {
  /** DATA_DIR; created if missing. The database is `<dataDir>/vmvc.sqlite`. */
  dataDir: string;
  /** STORE_QUESTIONS (default true). */
  storeQuestions?: boolean;
}

export interface SqliteStorage extends Storage {
  /** Absolute path of the database file, for log lines. */
  readonly file: string;
}

/**
 * Opens the embedded store: checks the file, runs migrations, and returns the
 * storage the core, the adapters and the tip scheduler share. Throws StoreError.
 */
export function openStore(options: StoreOptions): SqliteStorage {
  const file = databasePath(options.dataDir);
  const db = openDatabase(file);
  const tips = createSqliteTipStore(db);
  const report = createSqliteReportStore(db);
  const recorder = createSqliteRecorder(db, { storeQuestions: options.storeQuestions ?? true });
  const guards = new Map<number, RepeatGuard>();
  return {
    file,
    ...tips,
    ...report,
    ...createSqliteTipSubscriptions(db),
    ...createSqliteTipVotes(db),
    ...createSqliteDeliveries(db),
    recorder,
    helpChannels: createSqliteHelpChannels(db),
    repeatGuard(cooldownSeconds) {
      const guard = guards.get(cooldownSeconds) ?? createSqliteRepeatGuard(db, cooldownSeconds);
      guards.set(cooldownSeconds, guard);
      return guard;
    },
    description: file,
    async ping() {
      db.prepare('SELECT 1').get();
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
