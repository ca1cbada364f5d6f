import type { ReportStore } from '../../core/storage.js';
import type { AskRecord, UsageRecorder, VoteRecord } from '../../core/usage.js';
import type { UsageOptions } from '../sqlite-usage.js';
import type { PgPool } from './pg-pool.js';

/** Asks and votes on PostgreSQL, by the same rules as sqlite-usage.ts (no user ids; question text only when allowed). */
export function createPgRecorder(pool: PgPool, options: UsageOptions): UsageRecorder {
  return {
    async recordAsk(record: AskRecord) {
      const answered = record.status === 'answered';
      if (!answered && !options.storeQuestions) return;
      const text = answered || record.normalized === '' ? null : record.normalized;
      await pool.query('INSERT INTO asks (platform, status, entry_id, normalized, at) VALUES ($1, $2, $3, $4, $5)', [
        record.platform,
        record.status,
        record.entryId ?? null,
        text,
        record.at.getTime(),
      ]);
    },
    async recordVote(record: VoteRecord) {
      // One statement: two copies recording the same user's votes cannot race into two rows.
      await pool.query(
        `INSERT INTO votes (platform, entry_id, user_hash, vote, at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (platform, user_hash, entry_id) DO UPDATE SET vote = excluded.vote, at = excluded.at`,
        [record.platform, record.entryId, record.userHash, record.vote, record.at.getTime()],
      );
    },
  };
}

export function createPgReportStore(pool: PgPool): ReportStore {
  return {
    async mostAskedEntries(since, limit) {
      const { rows } = await pool.query<{ entryId: string; count: number }>(
        `SELECT entry_id AS "entryId", count(*)::int AS count FROM asks
         WHERE status = 'answered' AND entry_id IS NOT NULL AND at >= $1
         GROUP BY entry_id ORDER BY count DESC, entry_id LIMIT $2`,
        [since.getTime(), limit],
      );
      return rows;
    },
    async mostDownvotedEntries(since, limit) {
      const { rows } = await pool.query<{ entryId: string; down: number; up: number }>(
        `SELECT entry_id AS "entryId",
                (count(*) FILTER (WHERE vote = 'down'))::int AS down,
                (count(*) FILTER (WHERE vote = 'up'))::int AS up
         FROM votes WHERE at >= $1
         GROUP BY entry_id HAVING count(*) FILTER (WHERE vote = 'down') > 0
         ORDER BY down DESC, up ASC, entry_id LIMIT $2`,
        [since.getTime(), limit],
      );
      return rows;
    },
    async unansweredQuestions(since, limit) {
      const { rows } = await pool.query<{ normalized: string; count: number; last: string }>(
        `SELECT normalized, count(*)::int AS count, max(at) AS last FROM asks
         WHERE status IN ('suggest', 'declined') AND normalized IS NOT NULL AND at >= $1
         GROUP BY normalized ORDER BY count DESC, last DESC LIMIT $2`,
        [since.getTime(), limit],
      );
      return rows.map((r) => ({ normalized: r.normalized, count: r.count, lastAskedAt: new Date(Number(r.last)) }));
    },
  };
}
