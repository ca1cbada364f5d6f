import type { TipSubscriptionStore } from '../core/tip-subscriptions.js';
import type { SqliteDatabase } from './open-database.js';
import { TIP_ENV_IMPORT_MARKER, toSubscription, type SubscriptionRow } from './tip-subscription-row.js';

/** Tip subscriptions on SQLite: one row per channel, shared by every process on the file. */
export function createSqliteTipSubscriptions(db: SqliteDatabase): TipSubscriptionStore {
  const all = db.prepare('SELECT * FROM tip_subscriptions ORDER BY platform, channel_id');
  const one = db.prepare('SELECT * FROM tip_subscriptions WHERE platform = ? AND channel_id = ?');
  const upsert = db.prepare(
    `INSERT INTO tip_subscriptions (platform, channel_id, schedule, time_zone, created_at, updated_at, updated_by, paused_at, paused_reason)
     VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL)
     ON CONFLICT (platform, channel_id) DO UPDATE SET schedule = excluded.schedule, time_zone = excluded.time_zone,
       updated_at = excluded.updated_at, updated_by = excluded.updated_by, paused_at = NULL, paused_reason = NULL`,
  );
  const insertIfNew = db.prepare(
    `INSERT INTO tip_subscriptions (platform, channel_id, schedule, time_zone, created_at, updated_at, updated_by)
     VALUES (?, ?, ?, ?, ?, ?, NULL) ON CONFLICT (platform, channel_id) DO NOTHING`,
  );
  const remove = db.prepare('DELETE FROM tip_subscriptions WHERE platform = ? AND channel_id = ?');
  const pause = db.prepare('UPDATE tip_subscriptions SET paused_at = ?, paused_reason = ? WHERE platform = ? AND channel_id = ? AND paused_at IS NULL AND updated_at <= ?');
  const marker = db.prepare('SELECT at FROM store_markers WHERE name = ?');
  const mark = db.prepare('INSERT INTO store_markers (name, at) VALUES (?, ?)');

  // IMMEDIATE: two copies starting together read the marker under one write lock, so one imports.
  const importOnce = db.transaction((inputs: readonly Parameters<TipSubscriptionStore['saveTipSubscription']>[0][], now: Date) => {
    const done = marker.get(TIP_ENV_IMPORT_MARKER) as { at: number } | undefined;
    if (done) return { imported: false as const, at: new Date(done.at) };
    let count = 0;
    for (const s of inputs) count += insertIfNew.run(s.platform, s.channelId, s.schedule, s.timezone, now.getTime(), now.getTime()).changes;
    mark.run(TIP_ENV_IMPORT_MARKER, now.getTime());
    return { imported: true as const, count };
  });

  return {
    tipSubscriptions: async () => (all.all() as SubscriptionRow[]).map(toSubscription),
    async tipSubscription(platform, channelId) {
      const row = one.get(platform, channelId) as SubscriptionRow | undefined;
      return row ? toSubscription(row) : undefined;
    },
    async saveTipSubscription(s, byHash, now) {
      upsert.run(s.platform, s.channelId, s.schedule, s.timezone, now.getTime(), now.getTime(), byHash ?? null);
    },
    removeTipSubscription: async (platform, channelId) => remove.run(platform, channelId).changes === 1,
    pauseTipSubscription: async (platform, channelId, reason, now, unchangedSince) =>
      pause.run(now.getTime(), reason, platform, channelId, (unchangedSince ?? now).getTime()).changes === 1,
    importTipSubscriptions: async (inputs, now) => importOnce.immediate(inputs, now),
  };
}
