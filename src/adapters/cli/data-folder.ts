import path from 'node:path';
import type { Config } from '../../config.js';

/**
 * Names the data folder a command read, absolute: DATA_DIR (default ./data)
 * and `.env` are taken from the working directory, so the same command run
 * from another folder reads another database, and this line shows which.
 */
export function dataFolderLine(config: Config): string {
  return `Data folder: ${path.resolve(config.dataDir)}`;
}
