import type { TipSubscriptionStore } from '../../core/tip-subscriptions.js';
import { TIP_ENV_IMPORT_MARKER, toSubscription, type SubscriptionRow } from '../tip-subscription-row.js';
import { inTransaction, lockKey, type PgPool } from './pg-pool.js';

/** Tip subscriptions on PostgreSQL: one row per channel, the same meanings as in SQLite. */
export function createPgTipSubscriptions(pool: PgPool): TipSubscriptionStore {
  return {
    async tipSubscriptions() {
      const { rows } = await pool.query<SubscriptionRow>('SELECT * FROM tip_subscriptions ORDER BY platform, channel_id');
      return rows.map(toSubscription);
    },
    async tipSubscription(platform, channelId) {
      const { rows } = await pool.query<SubscriptionRow>('SELECT * FROM tip_subscriptions WHERE platform = $1 AND channel_id = $2', [platform, channelId]);
      return rows[0] ? toSubscription(rows[0]) : undefined;
    },
    async saveTipSubscription(s, byHash, now) {
      await pool.query(
        `INSERT INTO tip_subscriptions (platform, channel_id, schedule, time_zone, created_at, updated_at, updated_by, paused_at, paused_reason)
         VALUES ($1, $2, $3, $4, $5, $5, $6, NULL, NULL)
         ON CONFLICT (platform, channel_id) DO UPDATE SET schedule = excluded.schedule, time_zone = excluded.time_zone,
           updated_at = excluded.updated_at, updated_by = excluded.updated_by, paused_at = NULL, paused_reason = NULL`,
        [s.platform, s.channelId, s.schedule, s.timezone, now.getTime(), byHash ?? null],
      );
    },
    async removeTipSubscription(platform, channelId) {
      const { rowCount } = await pool.query('DELETE FROM tip_subscriptions WHERE platform = $1 AND channel_id = $2', [platform, channelId]);
      return rowCount === 1;
    },
    async pauseTipSubscription(platform, channelId, reason, now, unchangedSince) {
      // One statement: of two copies pausing together, exactly one changes the row (and logs it).
      const { rowCount } = await pool.query(
        'UPDATE tip_subscriptions SET paused_at = $1, paused_reason = $2 WHERE platform = $3 AND channel_id = $4 AND paused_at IS NULL AND updated_at <= $5',
        [now.getTime(), reason, platform, channelId, (unchangedSince ?? now).getTime()],
      );
      return rowCount === 1;
    },
    importTipSubscriptions: (inputs, now) =>
      // The lock makes "is there a marker? then import and mark" one step across copies starting together.
      inTransaction(pool, async (client) => {
        await lockKey(client, `vmvc:marker:${TIP_ENV_IMPORT_MARKER}`);
        const { rows } = await client.query<{ at: string }>('SELECT at FROM store_markers WHERE name = $1', [TIP_ENV_IMPORT_MARKER]);
        if (rows[0]) return { imported: false as const, at: new Date(Number(rows[0].at)) };
        let count = 0;
        for (const s of inputs) {
          const r = await client.query(
            `INSERT INTO tip_subscriptions (platform, channel_id, schedule, time_zone, created_at, updated_at, updated_by)
             VALUES ($1, $2, $3, $4, $5, $5, NULL) ON CONFLICT (platform, channel_id) DO NOTHING`,
            [s.platform, s.channelId, s.schedule, s.timezone, now.getTime()],
          );
          count += r.rowCount ?? 0;
        }
        await client.query('INSERT INTO store_markers (name, at) VALUES ($1, $2)', [TIP_ENV_IMPORT_MARKER, now.getTime()]);
        return { imported: true as const, count };
      }),
  };
}
