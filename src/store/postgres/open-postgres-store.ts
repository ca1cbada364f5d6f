import type { RepeatGuard } from '../../core/repeat-guard.js';
import type { Storage } from '../../core/storage.js';
import { StoreError } from '../store-error.js';
import { createPgHelpChannels } from './pg-help-channels.js';
import { describePgError, migratePostgres } from './pg-migrate.js';
import { createPgPool, describePgUrl, type PgPool } from './pg-pool.js';
import { createPgRepeatGuard } from './pg-repeat-guard.js';
import { createPgTipSubscriptions } from './pg-tip-subscriptions.js';
import { createPgTipVotes } from './pg-tip-votes.js';
import { createPgDeliveries } from './pg-deliveries.js';
import { createPgTipStore } from './pg-tips.js';
import { createPgRecorder, createPgReportStore } from './pg-usage.js';

export interface PostgresStoreOptions {
  /** DATABASE_URL. */
  url: string;
  /** DATABASE_POOL_SIZE. */
  poolSize?: number;
  /** STORE_QUESTIONS (default true). */
  storeQuestions?: boolean;
}

export interface PostgresStorage extends Storage {
  /** For `vmvc store copy` and tests. */
  readonly pool: PgPool;
}

/**
 * Opens the shared store: migrates (once across copies), checks the server
 * answers, and returns the storage every copy uses. Throws StoreError naming
 * the server (never its password) when it cannot be used.
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<PostgresStorage> {
  const description = describePgUrl(options.url);
  await migratePostgres(options.url);
  const pool = createPgPool({ url: options.url, ...(options.poolSize !== undefined && { poolSize: options.poolSize }) });
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new StoreError(description, `cannot query it: ${describePgError(err)}`, { cause: err });
  }
  const recorder = createPgRecorder(pool, { storeQuestions: options.storeQuestions ?? true });
  // Asks are recorded in the background (the answer never waits for them); close() waits for those in flight.
  const pending = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>): Promise<T> => {
    pending.add(p);
    void p.finally(() => pending.delete(p)).catch(() => undefined);
    return p;
  };
  const guards = new Map<number, RepeatGuard>();
  let closing: Promise<void> | undefined;
  return {
    pool,
    description,
    ...createPgTipStore(pool),
    ...createPgReportStore(pool),
    ...createPgTipSubscriptions(pool),
    ...createPgTipVotes(pool),
    ...createPgDeliveries(pool),
    recorder: {
      recordAsk: (record) => track(recorder.recordAsk(record)),
      recordVote: (record) => track(recorder.recordVote(record)),
    },
    helpChannels: createPgHelpChannels(pool),
    repeatGuard(cooldownSeconds) {
      const guard = guards.get(cooldownSeconds) ?? createPgRepeatGuard(pool, cooldownSeconds);
      guards.set(cooldownSeconds, guard);
      return guard;
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    close() {
      closing ??= (async () => {
        await Promise.allSettled([...pending]);
        await pool.end();
      })();
      return closing;
    },
  };
}
