import type { ClaimOutcome, RotationState, TipPostRecord, TipSlot, TipStore } from '../core/storage.js';
import type { Platform } from '../core/usage.js';
import type { SqliteDatabase } from './open-database.js';
import { parseRotation } from './rotation-json.js';
import { toTipPostRecord, type TipPostRow } from './tip-post-row.js';

/** Tip slots and rotation on SQLite; the slot's primary key is the exactly-once rule. */
export function createSqliteTipStore(db: SqliteDatabase): TipStore {
  const insertClaim = db.prepare(
    `INSERT INTO tip_posts (platform, channel_id, slot_key, tip_id, status, claimed_at, attempts)
     VALUES (?, ?, ?, ?, 'claimed', ?, 0)
     ON CONFLICT (platform, channel_id, slot_key) DO NOTHING`,
  );
  const saveRotation = db.prepare(
    `INSERT INTO tip_rotation (platform, channel_id, state, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (platform, channel_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
  );
  const getRotation = db.prepare('SELECT state FROM tip_rotation WHERE platform = ? AND channel_id = ?');
  const getPost = db.prepare('SELECT * FROM tip_posts WHERE platform = ? AND channel_id = ? AND slot_key = ?');
  const lastPost = db.prepare(
    'SELECT * FROM tip_posts WHERE platform = ? AND channel_id = ? ORDER BY claimed_at DESC, rowid DESC LIMIT 1',
  );
  const unconfirmed = db.prepare("SELECT * FROM tip_posts WHERE status = 'claimed' AND claimed_at <= ? ORDER BY claimed_at");
  // Shared answers and replies to messages (the repeat guard's rows), and help-channel auto-replies.
  const recentEntries = db.prepare(
    `SELECT entry_id FROM recent_posts WHERE platform = @platform AND channel_id = @channelId AND at >= @since
     UNION SELECT entry_id FROM auto_replies WHERE platform = @platform AND channel_id = @channelId AND at >= @since AND entry_id IS NOT NULL
     ORDER BY entry_id`,
  );
  const finish = db.prepare(
    `UPDATE tip_posts SET status = ?, message_id = ?, error = ?, attempts = ?, finished_at = ?
     WHERE platform = ? AND channel_id = ? AND slot_key = ?`,
  );

  const claimTipSlot = (slot: TipSlot, tipId: number, now: Date, rotation?: RotationState): boolean =>
    db
      .transaction(() => {
        const won = insertClaim.run(slot.platform, slot.channelId, slot.slotKey, tipId, now.getTime()).changes === 1;
        if (won && rotation) saveRotation.run(slot.platform, slot.channelId, JSON.stringify(rotation), now.getTime());
        return won;
      })
      .immediate();

  const rotationState = (platform: Platform, channelId: string): RotationState | undefined => {
    const row = getRotation.get(platform, channelId) as { state: string } | undefined;
    return row ? parseRotation(row.state) : undefined;
  };

  const tipPost = (slot: TipSlot): TipPostRecord | undefined => {
    const row = getPost.get(slot.platform, slot.channelId, slot.slotKey) as TipPostRow | undefined;
    return row ? toTipPostRecord(row) : undefined;
  };

  // The SQLite calls are synchronous; the interface is async for the server database's sake.
  const lastTipPost = (platform: Platform, channelId: string): TipPostRecord | undefined => {
    const row = lastPost.get(platform, channelId) as TipPostRow | undefined;
    return row ? toTipPostRecord(row) : undefined;
  };

  return {
    claimTipSlot: async (slot, tipId, now, rotation) => claimTipSlot(slot, tipId, now, rotation),
    async claimNextTip(slot, now, pick): Promise<ClaimOutcome> {
      // IMMEDIATE: the read of the rotation state and the claim happen under one write lock.
      return db
        .transaction((): ClaimOutcome => {
          const existing = tipPost(slot);
          if (existing) return { claimed: false, reason: 'taken', existing };
          const choice = pick(rotationState(slot.platform, slot.channelId), lastTipPost(slot.platform, slot.channelId));
          if (!choice) return { claimed: false, reason: 'no-tips' };
          if (!claimTipSlot(slot, choice.tipId, now, choice.state)) {
            return { claimed: false, reason: 'taken', existing: tipPost(slot) as TipPostRecord };
          }
          return { claimed: true, tipId: choice.tipId };
        })
        .immediate();
    },
    async markTipDone(slot, messageId, attempts, now) {
      finish.run('done', messageId, null, attempts, now.getTime(), slot.platform, slot.channelId, slot.slotKey);
    },
    async markTipFailed(slot, error, attempts, now) {
      finish.run('failed', null, error, attempts, now.getTime(), slot.platform, slot.channelId, slot.slotKey);
    },
    tipPost: async (slot) => tipPost(slot),
    lastTipPost: async (platform, channelId) => lastTipPost(platform, channelId),
    async unconfirmedTipPosts(before) {
      return (unconfirmed.all(before.getTime()) as TipPostRow[]).map(toTipPostRecord);
    },
    rotationState: async (platform, channelId) => rotationState(platform, channelId),
    recentlyPostedEntries: async (platform, channelId, since) =>
      (recentEntries.all({ platform, channelId, since: since.getTime() }) as { entry_id: string }[]).map((r) => r.entry_id),
  };
}
