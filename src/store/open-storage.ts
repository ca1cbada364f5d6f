import type { Config } from '../config.js';
import type { Storage } from '../core/storage.js';
import { openStore } from './open-store.js';

/**
 * The store the bot and the CLI use: PostgreSQL when DATABASE_URL is set (any
 * number of copies share it), else the embedded SQLite file in DATA_DIR (one
 * machine). Throws StoreError with one line for the operator.
 */
export async function openStorage(config: Pick<Config, 'dataDir' | 'databaseUrl' | 'databasePoolSize' | 'storeQuestions'>): Promise<Storage> {
  if (config.databaseUrl !== undefined) {
    // Imported on demand: a SQLite deployment never loads the PostgreSQL client.
    const { openPostgresStore } = await import('./postgres/open-postgres-store.js');
    return openPostgresStore({ url: config.databaseUrl, poolSize: config.databasePoolSize, storeQuestions: config.storeQuestions });
  }
  return openStore({ dataDir: config.dataDir, storeQuestions: config.storeQuestions });
}
