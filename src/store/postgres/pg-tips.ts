import type { ClaimOutcome, RotationState, TipPostRecord, TipSlot, TipStore } from '../../core/storage.js';
import type { Platform } from '../../core/usage.js';
import { parseRotation } from '../rotation-json.js';
import { inTransaction, lockKey, type PgClient, type PgPool } from './pg-pool.js';
import { toTipPostRecord, TIP_POST_COLUMNS, type TipPostRow } from '../tip-post-row.js';

type Queryable = PgPool | PgClient;

async function getPost(db: Queryable, slot: TipSlot): Promise<TipPostRecord | undefined> {
  const { rows } = await db.query<TipPostRow>(`SELECT ${TIP_POST_COLUMNS} FROM tip_posts WHERE platform = $1 AND channel_id = $2 AND slot_key = $3`, [slot.platform, slot.channelId, slot.slotKey]);
  return rows[0] ? toTipPostRecord(rows[0]) : undefined;
}

async function lastPost(db: Queryable, platform: Platform, channelId: string): Promise<TipPostRecord | undefined> {
  const { rows } = await db.query<TipPostRow>(
    `SELECT ${TIP_POST_COLUMNS} FROM tip_posts WHERE platform = $1 AND channel_id = $2 ORDER BY claimed_at DESC, seq DESC LIMIT 1`,
    [platform, channelId],
  );
  return rows[0] ? toTipPostRecord(rows[0]) : undefined;
}

async function getRotation(db: Queryable, platform: Platform, channelId: string): Promise<RotationState | undefined> {
  const { rows } = await db.query<{ state: string }>('SELECT state FROM tip_rotation WHERE platform = $1 AND channel_id = $2', [platform, channelId]);
  return rows[0] ? parseRotation(rows[0].state) : undefined;
}

/** Inserts the claim and, when it won, saves the rotation; inside the caller's transaction. */
async function claimIn(client: PgClient, slot: TipSlot, tipId: number, now: Date, rotation?: RotationState): Promise<boolean> {
  const inserted = await client.query(
    `INSERT INTO tip_posts (platform, channel_id, slot_key, tip_id, status, claimed_at, attempts)
     VALUES ($1, $2, $3, $4, 'claimed', $5, 0)
     ON CONFLICT (platform, channel_id, slot_key) DO NOTHING`,
    [slot.platform, slot.channelId, slot.slotKey, tipId, now.getTime()],
  );
  const won = inserted.rowCount === 1;
  if (won && rotation) {
    await client.query(
      `INSERT INTO tip_rotation (platform, channel_id, state, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (platform, channel_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
      [slot.platform, slot.channelId, JSON.stringify(rotation), now.getTime()],
    );
  }
  return won;
}

const channelLock = (slot: Pick<TipSlot, 'platform' | 'channelId'>) => `vmvc:tips:${slot.platform}:${slot.channelId}`;

/** Tip slots and rotation on PostgreSQL; the slot's primary key is the exactly-once rule, as in SQLite. */
export function createPgTipStore(pool: PgPool): TipStore {
  const finish = (status: 'done' | 'failed', slot: TipSlot, messageId: string | null, error: string | null, attempts: number, now: Date) =>
    pool.query(
      `UPDATE tip_posts SET status = $1, message_id = $2, error = $3, attempts = $4, finished_at = $5
       WHERE platform = $6 AND channel_id = $7 AND slot_key = $8`,
      [status, messageId, error, attempts, now.getTime(), slot.platform, slot.channelId, slot.slotKey],
    );
  return {
    claimTipSlot: (slot, tipId, now, rotation) =>
      inTransaction(pool, async (client) => {
        await lockKey(client, channelLock(slot));
        return claimIn(client, slot, tipId, now, rotation);
      }),
    claimNextTip: (slot, now, pick) =>
      // The channel lock makes read-pick-claim one step per channel across copies; the primary key still decides the slot.
      inTransaction(pool, async (client): Promise<ClaimOutcome> => {
        await lockKey(client, channelLock(slot));
        const existing = await getPost(client, slot);
        if (existing) return { claimed: false, reason: 'taken', existing };
        const choice = pick(await getRotation(client, slot.platform, slot.channelId), await lastPost(client, slot.platform, slot.channelId));
        if (!choice) return { claimed: false, reason: 'no-tips' };
        if (!(await claimIn(client, slot, choice.tipId, now, choice.state))) {
          return { claimed: false, reason: 'taken', existing: (await getPost(client, slot)) as TipPostRecord };
        }
        return { claimed: true, tipId: choice.tipId };
      }),
    async markTipDone(slot, messageId, attempts, now) {
      await finish('done', slot, messageId, null, attempts, now);
    },
    async markTipFailed(slot, error, attempts, now) {
      await finish('failed', slot, null, error, attempts, now);
    },
    tipPost: (slot) => getPost(pool, slot),
    lastTipPost: (platform, channelId) => lastPost(pool, platform, channelId),
    async unconfirmedTipPosts(before) {
      const { rows } = await pool.query<TipPostRow>(`SELECT ${TIP_POST_COLUMNS} FROM tip_posts WHERE status = 'claimed' AND claimed_at <= $1 ORDER BY claimed_at`, [before.getTime()]);
      return rows.map(toTipPostRecord);
    },
    rotationState: (platform, channelId) => getRotation(pool, platform, channelId),
    async recentlyPostedEntries(platform, channelId, since) {
      const { rows } = await pool.query<{ entry_id: string }>(
        // Shared answers and replies to messages (the repeat guard's rows), and help-channel auto-replies.
        `SELECT entry_id FROM recent_posts WHERE platform = $1 AND channel_id = $2 AND at >= $3
         UNION SELECT entry_id FROM auto_replies WHERE platform = $1 AND channel_id = $2 AND at >= $3 AND entry_id IS NOT NULL
         ORDER BY entry_id`,
        [platform, channelId, since.getTime()],
      );
      return rows.map((r) => r.entry_id);
    },
  };
}
