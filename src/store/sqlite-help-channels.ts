import type { AutoReplyClaim, HelpChannelStore } from '../core/help-channels.js';
import type { SqliteDatabase } from './open-database.js';

/** Help channels and their auto-replies on the shared database, so every bot copy sees one setting and one claim per thread. */
export function createSqliteHelpChannels(db: SqliteDatabase): HelpChannelStore {
  const get = db.prepare('SELECT 1 FROM help_channels WHERE platform = ? AND channel_id = ?');
  const enable = db.prepare(
    `INSERT INTO help_channels (platform, channel_id, enabled_at, enabled_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (platform, channel_id) DO NOTHING`,
  );
  const disable = db.prepare('DELETE FROM help_channels WHERE platform = ? AND channel_id = ?');
  const existing = db.prepare('SELECT 1 FROM auto_replies WHERE platform = ? AND channel_id = ? AND thread_id = ?');
  const recent = db.prepare('SELECT count(*) AS n FROM auto_replies WHERE platform = ? AND channel_id = ? AND at > ?');
  const insert = db.prepare('INSERT INTO auto_replies (platform, channel_id, thread_id, at, message_ref) VALUES (?, ?, ?, ?, NULL)');
  const confirm = db.prepare('UPDATE auto_replies SET message_ref = ?, entry_id = ? WHERE platform = ? AND channel_id = ? AND thread_id = ?');
  const remove = db.prepare('DELETE FROM auto_replies WHERE platform = ? AND channel_id = ? AND thread_id = ?');

  const claim = db.transaction(
    (platform: string, channelId: string, threadId: string, now: Date, maxPerWindow: number, windowSeconds: number): AutoReplyClaim => {
      if (existing.get(platform, channelId, threadId) !== undefined) return { claimed: false, reason: 'already-replied' };
      const { n } = recent.get(platform, channelId, now.getTime() - windowSeconds * 1000) as { n: number };
      if (n >= maxPerWindow) return { claimed: false, reason: 'rate-limited' };
      insert.run(platform, channelId, threadId, now.getTime());
      return { claimed: true };
    },
  );

  return {
    isHelpChannel: async (platform, channelId) => get.get(platform, channelId) !== undefined,
    async setHelpChannel(platform, channelId, on, byHash, now) {
      if (on) enable.run(platform, channelId, now.getTime(), byHash ?? null);
      else disable.run(platform, channelId);
    },
    claimAutoReply: async (platform, channelId, threadId, now, policy) => claim.immediate(platform, channelId, threadId, now, policy.maxPerWindow, policy.windowSeconds),
    async confirmAutoReply(platform, channelId, threadId, messageRef, answerRef) {
      confirm.run(messageRef, answerRef, platform, channelId, threadId);
    },
    async releaseAutoReply(platform, channelId, threadId) {
      remove.run(platform, channelId, threadId);
    },
  };
}
