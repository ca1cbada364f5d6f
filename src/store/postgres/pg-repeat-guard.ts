import { RECENT_POSTS_KEEP_MS, type RecentPost, type RepeatGuard } from '../../core/repeat-guard.js';
import type { PgPool } from './pg-pool.js';

/** Old rows are swept every this many claims, as in SQLite; meanwhile the cooldown check ignores them. */
const SWEEP_EVERY = 200;

/**
 * The channel-etiquette guard on PostgreSQL. The claim is one statement: the
 * row is inserted, or taken over only when its post has left the cooldown, so
 * of two copies claiming together exactly one gets a row back.
 */
export function createPgRepeatGuard(pool: PgPool, cooldownSeconds: number): RepeatGuard {
  const cooldownMs = cooldownSeconds * 1000;
  // Rows outlive the cooldown: the daily tip reads the last day of answers from them.
  const keepMs = Math.max(cooldownMs, RECENT_POSTS_KEEP_MS);
  let claims = 0;
  const guard: RepeatGuard = {
    async claim(platform, channelId, entryId, now) {
      for (let tries = 0; tries < 3; tries++) {
        const won = await pool.query(
          `INSERT INTO recent_posts (platform, channel_id, entry_id, at, message_ref) VALUES ($1, $2, $3, $4, NULL)
           ON CONFLICT (platform, channel_id, entry_id) DO UPDATE SET at = excluded.at, message_ref = NULL
           WHERE recent_posts.at <= $5`,
          [platform, channelId, entryId, now.getTime(), now.getTime() - cooldownMs],
        );
        if (won.rowCount === 1) {
          if (++claims % SWEEP_EVERY === 0) void pool.query('DELETE FROM recent_posts WHERE at < $1', [now.getTime() - keepMs]).catch(() => undefined);
          return undefined;
        }
        const { rows } = await pool.query<{ at: string; message_ref: string | null }>(
          'SELECT at, message_ref FROM recent_posts WHERE platform = $1 AND channel_id = $2 AND entry_id = $3',
          [platform, channelId, entryId],
        );
        const row = rows[0];
        // Gone between the two statements (its post failed and was released): claim again.
        if (row) return { at: new Date(Number(row.at)), ...(row.message_ref !== null && { messageRef: row.message_ref }) } satisfies RecentPost;
      }
      throw new Error('the repeat-guard claim kept changing under other copies');
    },
    async confirm(platform, channelId, entryId, messageRef) {
      await pool.query('UPDATE recent_posts SET message_ref = $1 WHERE platform = $2 AND channel_id = $3 AND entry_id = $4', [messageRef, platform, channelId, entryId]);
    },
    async release(platform, channelId, entryId) {
      await pool.query('DELETE FROM recent_posts WHERE platform = $1 AND channel_id = $2 AND entry_id = $3', [platform, channelId, entryId]);
    },
  };
  return guard;
}
