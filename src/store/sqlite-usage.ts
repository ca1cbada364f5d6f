import type { ReportStore } from '../core/storage.js';
import type { AskRecord, UsageRecorder, VoteRecord } from '../core/usage.js';
import type { SqliteDatabase } from './open-database.js';

export interface UsageOptions {
  /** STORE_QUESTIONS: keep the normalised text of questions the bot could not answer. */
  storeQuestions: boolean;
}

/**
 * Asks and votes on SQLite. Answered asks keep only the entry id (for "most
 * asked"); unanswered ones keep their normalised text for curators, unless
 * STORE_QUESTIONS is off, when they are not recorded at all. No user ids are
 * ever stored: votes carry the one-way hash the core computed.
 */
export function createSqliteRecorder(db: SqliteDatabase, options: UsageOptions): UsageRecorder {
  const insertAsk = db.prepare('INSERT INTO asks (platform, status, entry_id, normalized, at) VALUES (?, ?, ?, ?, ?)');
  const upsertVote = db.prepare(
    `INSERT INTO votes (platform, entry_id, user_hash, vote, at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (platform, user_hash, entry_id) DO UPDATE SET vote = excluded.vote, at = excluded.at`,
  );
  return {
    async recordAsk(record: AskRecord) {
      const answered = record.status === 'answered';
      if (!answered && !options.storeQuestions) return;
      const text = answered || record.normalized === '' ? null : record.normalized;
      insertAsk.run(record.platform, record.status, record.entryId ?? null, text, record.at.getTime());
    },
    async recordVote(record: VoteRecord) {
      upsertVote.run(record.platform, record.entryId, record.userHash, record.vote, record.at.getTime());
    },
  };
}

export function createSqliteReportStore(db: SqliteDatabase): ReportStore {
  const asked = db.prepare(
    `SELECT entry_id AS entryId, count(*) AS count FROM asks
     WHERE status = 'answered' AND entry_id IS NOT NULL AND at >= ?
     GROUP BY entry_id ORDER BY count DESC, entry_id LIMIT ?`,
  );
  const downvoted = db.prepare(
    `SELECT entry_id AS entryId,
            sum(vote = 'down') AS down,
            sum(vote = 'up') AS up
     FROM votes WHERE at >= ?
     GROUP BY entry_id HAVING down > 0
     ORDER BY down DESC, up ASC, entry_id LIMIT ?`,
  );
  const unanswered = db.prepare(
    `SELECT normalized, count(*) AS count, max(at) AS last FROM asks
     WHERE status IN ('suggest', 'declined') AND normalized IS NOT NULL AND at >= ?
     GROUP BY normalized ORDER BY count DESC, last DESC LIMIT ?`,
  );
  return {
    mostAskedEntries: async (since, limit) => asked.all(since.getTime(), limit) as { entryId: string; count: number }[],
    mostDownvotedEntries: async (since, limit) => downvoted.all(since.getTime(), limit) as { entryId: string; down: number; up: number }[],
    unansweredQuestions: async (since, limit) =>
      (unanswered.all(since.getTime(), limit) as { normalized: string; count: number; last: number }[]).map((r) => ({
        normalized: r.normalized,
        count: r.count,
        lastAskedAt: new Date(r.last),
      })),
  };
}
