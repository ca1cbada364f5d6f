import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../../../src/store/open-store.js';
import { describeStorageContract } from './storage-contract.js';

describeStorageContract('SQLite', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vmvc-contract-'));
  return {
    open: async (options) => openStore({ dataDir, ...(options?.storeQuestions !== undefined && { storeQuestions: options.storeQuestions }) }),
    dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
});
