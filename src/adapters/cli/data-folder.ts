import path from 'node:path';
import type { Config } from '../../config.js';
import { describePgUrl } from '../../store/postgres/describe-url.js';

/**
 * Names the database a command read: PostgreSQL at DATABASE_URL (without its
 * password), or the data folder, absolute. DATA_DIR (default ./data) and
 * `.env` are taken from the working directory, so the same command run from
 * another folder reads another database, and this line shows which.
 */
export function dataFolderLine(config: Config): string {
  if (config.databaseUrl !== undefined) return `Database: ${describePgUrl(config.databaseUrl)} (DATABASE_URL)`;
  return `Data folder: ${path.resolve(config.dataDir)}`;
}
