import type { DeliveryStore } from '../core/storage.js';
import type { SqliteDatabase } from './open-database.js';
import { DELIVERY_KEEP_MS, SWEEP_DELIVERIES_EVERY } from './delivery-retention.js';

/** Delivery ids on SQLite: the primary key lets one insert win. */
export function createSqliteDeliveries(db: SqliteDatabase): DeliveryStore {
  const insert = db.prepare('INSERT INTO deliveries (platform, delivery_id, at) VALUES (?, ?, ?) ON CONFLICT (platform, delivery_id) DO NOTHING');
  const sweep = db.prepare('DELETE FROM deliveries WHERE at < ?');
  let claims = 0;
  return {
    async claimDelivery(platform, deliveryId, now) {
      const won = insert.run(platform, deliveryId, now.getTime()).changes === 1;
      if (++claims % SWEEP_DELIVERIES_EVERY === 0) sweep.run(now.getTime() - DELIVERY_KEEP_MS);
      return won;
    },
  };
}
