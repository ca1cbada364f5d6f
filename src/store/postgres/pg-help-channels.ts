import type { AutoReplyClaim, HelpChannelStore } from '../../core/help-channels.js';
import { inTransaction, lockKey, type PgPool } from './pg-pool.js';

/** Help channels and their auto-replies on PostgreSQL: one setting and one claim per thread for every copy. */
export function createPgHelpChannels(pool: PgPool): HelpChannelStore {
  return {
    async isHelpChannel(platform, channelId) {
      const { rowCount } = await pool.query('SELECT 1 FROM help_channels WHERE platform = $1 AND channel_id = $2', [platform, channelId]);
      return rowCount === 1;
    },
    async setHelpChannel(platform, channelId, on, byHash, now) {
      if (on) {
        await pool.query(
          'INSERT INTO help_channels (platform, channel_id, enabled_at, enabled_by) VALUES ($1, $2, $3, $4) ON CONFLICT (platform, channel_id) DO NOTHING',
          [platform, channelId, now.getTime(), byHash ?? null],
        );
      } else {
        await pool.query('DELETE FROM help_channels WHERE platform = $1 AND channel_id = $2', [platform, channelId]);
      }
    },
    // The thread check and the channel's rate are read and written under one lock per channel, across copies.
    claimAutoReply: (platform, channelId, threadId, now, policy) =>
      inTransaction(pool, async (client): Promise<AutoReplyClaim> => {
        await lockKey(client, `vmvc:help:${platform}:${channelId}`);
        const existing = await client.query('SELECT 1 FROM auto_replies WHERE platform = $1 AND channel_id = $2 AND thread_id = $3', [platform, channelId, threadId]);
        if (existing.rowCount === 1) return { claimed: false, reason: 'already-replied' };
        const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM auto_replies WHERE platform = $1 AND channel_id = $2 AND at > $3', [
          platform,
          channelId,
          now.getTime() - policy.windowSeconds * 1000,
        ]);
        if ((rows[0]?.n ?? 0) >= policy.maxPerWindow) return { claimed: false, reason: 'rate-limited' };
        await client.query('INSERT INTO auto_replies (platform, channel_id, thread_id, at, message_ref) VALUES ($1, $2, $3, $4, NULL)', [platform, channelId, threadId, now.getTime()]);
        return { claimed: true };
      }),
    async confirmAutoReply(platform, channelId, threadId, messageRef, answerRef) {
      await pool.query('UPDATE auto_replies SET message_ref = $1, entry_id = $2 WHERE platform = $3 AND channel_id = $4 AND thread_id = $5', [messageRef, answerRef, platform, channelId, threadId]);
    },
    async releaseAutoReply(platform, channelId, threadId) {
      await pool.query('DELETE FROM auto_replies WHERE platform = $1 AND channel_id = $2 AND thread_id = $3', [platform, channelId, threadId]);
    },
  };
}
