import { loadConfig, parseConfig, type Config } from '../config.js';
import { openStore, type SqliteStorage } from './open-store.js';

/**
 * Config for a CLI command: the real environment goes through loadConfig()
 * (which also reads .env); an injected one (tests) is parsed as given.
 */
export function cliConfig(env: Record<string, string | undefined>): Config {
  return env === process.env ? loadConfig() : parseConfig(env);
}

/** The same database the bot uses: `<DATA_DIR>/vmvc.sqlite`. */
export function openStoreFor(config: Config): SqliteStorage {
  return openStore({ dataDir: config.dataDir, storeQuestions: config.storeQuestions });
}
