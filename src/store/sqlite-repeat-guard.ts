import { RECENT_POSTS_KEEP_MS, type RecentPost, type RepeatGuard } from '../core/repeat-guard.js';
import type { SqliteDatabase } from './open-database.js';

/** Old rows are swept every this many claims; they are harmless meanwhile (the cooldown check ignores them). */
const SWEEP_EVERY = 200;

/**
 * The channel-etiquette guard on the shared database, so two bot copies (or
 * helpers racing in a busy channel) produce one visible post per cooldown.
 * The check and the claim run under one write lock.
 */
export function createSqliteRepeatGuard(db: SqliteDatabase, cooldownSeconds: number): RepeatGuard {
  const cooldownMs = cooldownSeconds * 1000;
  // Rows outlive the cooldown: the daily tip reads the last day of answers from them.
  const keepMs = Math.max(cooldownMs, RECENT_POSTS_KEEP_MS);
  const get = db.prepare('SELECT at, message_ref FROM recent_posts WHERE platform = ? AND channel_id = ? AND entry_id = ?');
  const put = db.prepare(
    `INSERT INTO recent_posts (platform, channel_id, entry_id, at, message_ref) VALUES (?, ?, ?, ?, NULL)
     ON CONFLICT (platform, channel_id, entry_id) DO UPDATE SET at = excluded.at, message_ref = NULL`,
  );
  const confirm = db.prepare('UPDATE recent_posts SET message_ref = ? WHERE platform = ? AND channel_id = ? AND entry_id = ?');
  const sweep = db.prepare('DELETE FROM recent_posts WHERE at < ?');
  const remove = db.prepare('DELETE FROM recent_posts WHERE platform = ? AND channel_id = ? AND entry_id = ?');
  let claims = 0;

  const claim = db.transaction((platform: string, channelId: string, entryId: string, now: Date): RecentPost | undefined => {
    const row = get.get(platform, channelId, entryId) as { at: number; message_ref: string | null } | undefined;
    if (row && now.getTime() - row.at < cooldownMs) {
      return { at: new Date(row.at), ...(row.message_ref !== null && { messageRef: row.message_ref }) };
    }
    put.run(platform, channelId, entryId, now.getTime());
    if (++claims % SWEEP_EVERY === 0) sweep.run(now.getTime() - keepMs);
    return undefined;
  });

  return {
    claim: async (platform, channelId, entryId, now) => claim.immediate(platform, channelId, entryId, now),
    async confirm(platform, channelId, entryId, messageRef) {
      confirm.run(messageRef, platform, channelId, entryId);
    },
    async release(platform, channelId, entryId) {
      remove.run(platform, channelId, entryId);
    },
  };
}
