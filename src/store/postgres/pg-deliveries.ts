import type { DeliveryStore } from '../../core/storage.js';
import { DELIVERY_KEEP_MS, SWEEP_DELIVERIES_EVERY } from '../delivery-retention.js';
import type { PgPool } from './pg-pool.js';

/** Delivery ids on PostgreSQL: one insert on the primary key, so of two copies exactly one gets the row. */
export function createPgDeliveries(pool: PgPool): DeliveryStore {
  let claims = 0;
  return {
    async claimDelivery(platform, deliveryId, now) {
      const { rowCount } = await pool.query('INSERT INTO deliveries (platform, delivery_id, at) VALUES ($1, $2, $3) ON CONFLICT (platform, delivery_id) DO NOTHING', [
        platform,
        deliveryId,
        now.getTime(),
      ]);
      if (++claims % SWEEP_DELIVERIES_EVERY === 0) void pool.query('DELETE FROM deliveries WHERE at < $1', [now.getTime() - DELIVERY_KEEP_MS]).catch(() => undefined);
      return rowCount === 1;
    },
  };
}
