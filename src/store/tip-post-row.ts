import type { TipPostRecord, TipPostStatus } from '../core/storage.js';
import type { Platform } from '../core/usage.js';

/** A tip_posts row, the same table in both stores; PostgreSQL returns its BIGINT times as strings. */
export interface TipPostRow {
  platform: string;
  channel_id: string;
  slot_key: string;
  tip_id: number;
  status: string;
  claimed_at: number | string;
  finished_at: number | string | null;
  message_id: string | null;
  error: string | null;
  attempts: number;
}

/** The columns a TipPostRow is read from. */
export const TIP_POST_COLUMNS = 'platform, channel_id, slot_key, tip_id, status, claimed_at, finished_at, message_id, error, attempts';

export function toTipPostRecord(row: TipPostRow): TipPostRecord {
  return {
    platform: row.platform as Platform,
    channelId: row.channel_id,
    slotKey: row.slot_key,
    tipId: row.tip_id,
    status: row.status as TipPostStatus,
    claimedAt: new Date(Number(row.claimed_at)),
    ...(row.finished_at !== null && { finishedAt: new Date(Number(row.finished_at)) }),
    ...(row.message_id !== null && { messageId: row.message_id }),
    ...(row.error !== null && { error: row.error }),
    attempts: row.attempts,
  };
}
