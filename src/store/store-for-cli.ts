import { loadConfig, parseConfig, type Config } from '../config.js';
import type { Storage } from '../core/storage.js';
import { openStorage } from './open-storage.js';

/**
 * Config for a CLI command: the real environment goes through loadConfig()
 * (which also reads .env); an injected one (tests) is parsed as given.
 */
export function cliConfig(env: Record<string, string | undefined>): Config {
  return env === process.env ? loadConfig() : parseConfig(env);
}

/** The same database the bot uses: PostgreSQL at DATABASE_URL, else `<DATA_DIR>/vmvc.sqlite`. */
export function openStoreFor(config: Config): Promise<Storage> {
  return openStorage(config);
}
