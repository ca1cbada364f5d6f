import pg from 'pg';
import { StoreError } from '../store-error.js';
import { PG_CONNECT_TIMEOUT_MS, describePgUrl } from './pg-pool.js';
import { PG_MIGRATIONS } from './pg-migrations.js';

/** One constant key for the migration lock, the same in every copy ("vmvc" in ASCII). */
const MIGRATION_LOCK_KEY = 0x766d7663;

/**
 * Brings the database to the current schema, once, however many copies start
 * together: each takes a session advisory lock, reads the version, applies what
 * is missing in one transaction, and lets go. A copy that waits for the lock
 * finds the work done. Its own connection, without the pool's statement
 * timeout: waiting for another copy's migration is not a slow answer.
 */
export async function migratePostgres(url: string): Promise<void> {
  const where = describePgUrl(url);
  let client: pg.Client;
  try {
    // Inside the try: pg throws on a URL it cannot parse (an unencoded '#' in the password), and that deserves the same one line.
    client = new pg.Client({ connectionString: url, connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS * 5, application_name: 'vmvc-migrate' });
    client.on('error', () => undefined);
    await client.connect();
  } catch (err) {
    throw new StoreError(where, `cannot connect: ${describePgError(err)}`, { cause: err });
  }
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await client.query('CREATE TABLE IF NOT EXISTS vmvc_schema (version INTEGER NOT NULL)');
      const { rows } = await client.query<{ version: number }>('SELECT version FROM vmvc_schema');
      const version = rows[0]?.version ?? 0;
      if (version > PG_MIGRATIONS.length) {
        throw new StoreError(where, `it was written by a newer vmvc (schema version ${version}, this one knows up to ${PG_MIGRATIONS.length}). Upgrade vmvc or use another database.`);
      }
      if (version === 0) await refuseForeignTables(client, where);
      for (let v = version; v < PG_MIGRATIONS.length; v++) {
        await client.query('BEGIN');
        try {
          await client.query(PG_MIGRATIONS[v] as string);
          if (v === 0 && rows.length === 0) await client.query('INSERT INTO vmvc_schema (version) VALUES (1)');
          else await client.query('UPDATE vmvc_schema SET version = $1', [v + 1]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw err;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    }
  } catch (err) {
    if (err instanceof StoreError) throw err;
    throw new StoreError(where, `cannot set up the schema: ${describePgError(err)}`, { cause: err });
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A database that already holds another program's tables named like ours is not ours to change. */
async function refuseForeignTables(client: pg.Client, where: string): Promise<void> {
  const { rows } = await client.query<{ n: string }>(
    `SELECT count(*) AS n FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_name IN ('tip_posts', 'tip_rotation', 'votes', 'asks', 'recent_posts', 'help_channels', 'auto_replies')`,
  );
  if (Number(rows[0]?.n ?? 0) > 0) {
    throw new StoreError(where, 'it has tables named like vmvc\'s but no vmvc schema version: it is not a vmvc database. Use an empty database (or schema) for vmvc.');
  }
}

/** pg's errors: a code for server errors, a Node errno for network ones. */
export function describePgError(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown };
  const message = err instanceof Error ? err.message : String(err);
  if (e.code === 'ECONNREFUSED') return `nothing is listening there (${message})`;
  if (e.code === '28P01' || e.code === '28000') return `the server refused the user or password (${message})`;
  if (e.code === '3D000') return `the database does not exist (${message})`;
  if (message === '' && typeof e.code === 'string') return e.code;
  return message;
}
