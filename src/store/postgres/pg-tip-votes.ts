import type { TipVoteStore } from '../../core/tip-subscriptions.js';
import type { PgPool } from './pg-pool.js';

/** 👍/👎 on tip cards on PostgreSQL; the primary key keeps one vote per user per tip, as in SQLite. */
export function createPgTipVotes(pool: PgPool): TipVoteStore {
  return {
    async recordTipVote(r) {
      await pool.query(
        `INSERT INTO tip_votes (platform, tip_id, user_hash, vote, at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (platform, user_hash, tip_id) DO UPDATE SET vote = excluded.vote, at = excluded.at`,
        [r.platform, r.tipId, r.userHash, r.vote, r.at.getTime()],
      );
    },
    async tipVotes(since, limit) {
      const { rows } = await pool.query<{ tip_id: number; up: number; down: number }>(
        `SELECT tip_id, count(*) FILTER (WHERE vote = 'up')::int AS up, count(*) FILTER (WHERE vote = 'down')::int AS down
         FROM tip_votes WHERE at >= $1 GROUP BY tip_id
         ORDER BY up DESC, down ASC, tip_id LIMIT $2`,
        [since.getTime(), limit],
      );
      return rows.map((r) => ({ tipId: r.tip_id, up: r.up, down: r.down }));
    },
  };
}
