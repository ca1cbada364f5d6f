import type { TipSubscription } from '../core/tip-subscriptions.js';
import type { Platform } from '../core/usage.js';

/** Shared by both stores: the same table, the same marker. */

/** The marker row that says the environment's tip channels were imported (both stores use this name). */
export const TIP_ENV_IMPORT_MARKER = 'tip-env-import';

export interface SubscriptionRow {
  platform: string;
  channel_id: string;
  schedule: string;
  time_zone: string;
  created_at: number | string;
  updated_at: number | string;
  updated_by: string | null;
  paused_at: number | string | null;
  paused_reason: string | null;
}

/** One row as the core's type; BIGINT columns come back from PostgreSQL as strings. */
export function toSubscription(row: SubscriptionRow): TipSubscription {
  return {
    platform: row.platform as Platform,
    channelId: row.channel_id,
    schedule: row.schedule,
    timezone: row.time_zone,
    createdAt: new Date(Number(row.created_at)),
    updatedAt: new Date(Number(row.updated_at)),
    setInChat: row.updated_by !== null,
    ...(row.paused_at !== null && { pausedAt: new Date(Number(row.paused_at)) }),
    ...(row.paused_reason !== null && { pausedReason: row.paused_reason }),
  };
}
