import { openPostgresStore } from '../../../src/store/postgres/open-postgres-store.js';
import { createTestDatabase } from '../../fixtures/store/postgres.js';
import { describeStorageContract } from './storage-contract.js';

describeStorageContract('PostgreSQL', async () => {
  const db = await createTestDatabase();
  return {
    open: (options) => openPostgresStore({ url: db.url, poolSize: 5, ...(options?.storeQuestions !== undefined && { storeQuestions: options.storeQuestions }) }),
    dispose: () => db.drop(),
  };
});
