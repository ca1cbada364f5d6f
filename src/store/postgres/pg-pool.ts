import pg from 'pg';
export { describePgUrl } from './describe-url.js';

/**
 * Bounds on every wait for the server database. An answer never waits on the
 * store for long: recording an ask runs in the background, and a claim that
 * times out is handled like any store failure (logged; the answer still goes
 * out). Two waits must fit in Discord's 3-second reply window, as with
 * SQLite's busy timeout (src/store/open-database.ts).
 */
export const PG_CONNECT_TIMEOUT_MS = 1_000;
export const PG_STATEMENT_TIMEOUT_MS = 1_000;
/** Connections one bot copy holds at most; DATABASE_POOL_SIZE overrides it. */
export const PG_DEFAULT_POOL_SIZE = 10;

export type PgPool = pg.Pool;
export type PgClient = pg.PoolClient;

export interface PgPoolOptions {
  url: string;
  poolSize?: number;
  /** Shown to the server in pg_stat_activity, so an operator can tell the copies apart. */
  applicationName?: string;
}

export function createPgPool(options: PgPoolOptions): PgPool {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? PG_DEFAULT_POOL_SIZE,
    connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS,
    // The server cancels a statement past this; query_timeout covers a server that stopped answering at all.
    statement_timeout: PG_STATEMENT_TIMEOUT_MS,
    query_timeout: PG_STATEMENT_TIMEOUT_MS + 500,
    idleTimeoutMillis: 30_000,
    application_name: options.applicationName ?? 'vmvc',
  });
  // An idle client's connection dropping (server restart) is emitted here; without a listener it would crash the process.
  pool.on('error', () => undefined);
  return pool;
}

/** Runs `work` in one transaction on one of the pool's clients; rolls back on any error. */
export async function inTransaction<T>(pool: PgPool, work: (client: PgClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await transaction(client, work);
  } finally {
    client.release();
  }
}

/** Runs `work` in one transaction on `client` (a pool's or one of its own); rolls back on any error. */
export async function transaction<C extends Pick<PgClient, 'query'>, T>(client: C, work: (client: C) => Promise<T>): Promise<T> {
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/**
 * A transaction-scoped lock on one key (a channel): claims that must read,
 * decide and write as one step (the tip rotation, the auto-reply rate) run one
 * at a time per key across every copy, and the lock ends with the transaction.
 */
export async function lockKey(client: PgClient, key: string): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
}
