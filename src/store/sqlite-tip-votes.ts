import type { TipVoteStore, TipVotes } from '../core/tip-subscriptions.js';
import type { SqliteDatabase } from './open-database.js';

/** 👍/👎 on tip cards on SQLite; the primary key keeps one vote per user per tip. */
export function createSqliteTipVotes(db: SqliteDatabase): TipVoteStore {
  const upsert = db.prepare(
    `INSERT INTO tip_votes (platform, tip_id, user_hash, vote, at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (platform, user_hash, tip_id) DO UPDATE SET vote = excluded.vote, at = excluded.at`,
  );
  const totals = db.prepare(
    `SELECT tip_id AS tipId, sum(vote = 'up') AS up, sum(vote = 'down') AS down
     FROM tip_votes WHERE at >= ? GROUP BY tip_id
     ORDER BY up DESC, down ASC, tip_id LIMIT ?`,
  );
  return {
    async recordTipVote(r) {
      upsert.run(r.platform, r.tipId, r.userHash, r.vote, r.at.getTime());
    },
    tipVotes: async (since, limit) => totals.all(since.getTime(), limit) as TipVotes[],
  };
}
