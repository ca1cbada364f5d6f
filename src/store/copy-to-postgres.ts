import type { SqliteDatabase } from './open-database.js';
import pg from 'pg';
import { transaction } from './postgres/pg-pool.js';
import { TIP_ENV_IMPORT_MARKER } from './tip-subscription-row.js';

/**
 * What `vmvc store copy` moves from the SQLite file into PostgreSQL: every
 * table, row for row (the two schemas have the same columns and keys). Rows
 * already there are left alone, so running the copy twice adds nothing:
 * keyed tables by their primary key, asks by `origin`, the SQLite row's identity.
 */
interface TableCopy {
  table: string;
  columns: readonly string[];
  /** The unique key a second copy collides on. */
  conflict: string;
  /** What a collision does; default DO NOTHING (PostgreSQL's row is kept). */
  onConflict?: string;
}

const TABLES: readonly TableCopy[] = [
  { table: 'tip_posts', columns: ['platform', 'channel_id', 'slot_key', 'tip_id', 'status', 'claimed_at', 'finished_at', 'message_id', 'error', 'attempts'], conflict: '(platform, channel_id, slot_key)' },
  { table: 'tip_rotation', columns: ['platform', 'channel_id', 'state', 'updated_at'], conflict: '(platform, channel_id)' },
  { table: 'votes', columns: ['platform', 'entry_id', 'user_hash', 'vote', 'at'], conflict: '(platform, user_hash, entry_id)' },
  { table: 'recent_posts', columns: ['platform', 'channel_id', 'entry_id', 'at', 'message_ref'], conflict: '(platform, channel_id, entry_id)' },
  { table: 'help_channels', columns: ['platform', 'channel_id', 'enabled_at', 'enabled_by'], conflict: '(platform, channel_id)' },
  { table: 'auto_replies', columns: ['platform', 'channel_id', 'thread_id', 'at', 'message_ref', 'entry_id'], conflict: '(platform, channel_id, thread_id)' },
  {
    table: 'tip_subscriptions',
    columns: ['platform', 'channel_id', 'schedule', 'time_zone', 'created_at', 'updated_at', 'updated_by', 'paused_at', 'paused_reason'],
    conflict: '(platform, channel_id)',
    // A copy started on PostgreSQL with SLACK_TIP_CHANNELS/DISCORD_TIP_CHANNELS set imported them there first (updated_by NULL):
    // the schedule someone set in chat, in SQLite, wins over that import.
    onConflict: `DO UPDATE SET schedule = excluded.schedule, time_zone = excluded.time_zone, created_at = excluded.created_at, updated_at = excluded.updated_at,
      updated_by = excluded.updated_by, paused_at = excluded.paused_at, paused_reason = excluded.paused_reason
      WHERE tip_subscriptions.updated_by IS NULL AND excluded.updated_by IS NOT NULL`,
  },
  { table: 'tip_votes', columns: ['platform', 'tip_id', 'user_hash', 'vote', 'at'], conflict: '(platform, user_hash, tip_id)' },
  // The marker that the environment's tip channels were imported: copied, so PostgreSQL does not import them again.
  { table: 'store_markers', columns: ['name', 'at'], conflict: '(name)' },
];

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters for the widest table. */
const BATCH_ROWS = 500;

export interface CopiedTable {
  table: string;
  /** Rows in the SQLite file. */
  read: number;
  /** Rows PostgreSQL did not have yet (for tip subscriptions, also import-made rows replaced by chat-made ones). */
  added: number;
}

/**
 * Copies everything in one transaction: a copy that fails half-way leaves PostgreSQL as it was.
 * `url` gets a connection of its own, without the pool's statement bounds (those are for answers;
 * a large copy may take longer).
 */
export async function copySqliteToPostgres(sqlite: SqliteDatabase, url: string): Promise<CopiedTable[]> {
  const client = new pg.Client({ connectionString: url, application_name: 'vmvc-store-copy' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await transaction(client, (c) => copyAll(sqlite, c));
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function copyAll(sqlite: SqliteDatabase, client: pg.Client): Promise<CopiedTable[]> {
  // SQLite already imported the environment's tip channels, and people may have changed them since (`tips off` removes a row):
  // a PostgreSQL copy (or a CLI command) that imported them again into the new database does not get to bring them back.
  if (sqlite.prepare('SELECT 1 FROM store_markers WHERE name = ?').get(TIP_ENV_IMPORT_MARKER) !== undefined) {
    await client.query('DELETE FROM tip_subscriptions WHERE updated_by IS NULL');
  }
  {
    const results: CopiedTable[] = [];
    for (const spec of TABLES) {
      const rows = sqlite.prepare(`SELECT ${spec.columns.join(', ')} FROM ${spec.table}`).raw().all() as unknown[][];
      results.push({ table: spec.table, read: rows.length, added: await insertBatches(client, spec.table, spec.columns, `${spec.conflict} ${spec.onConflict ?? 'DO NOTHING'}`, rows) });
    }
    const asks = sqlite.prepare('SELECT id, platform, status, entry_id, normalized, at FROM asks').raw().all() as [number, ...unknown[]][];
    const withOrigin = asks.map(([id, platform, status, entryId, normalized, at]) => [platform, status, entryId, normalized, at, `sqlite:${id}:${String(at)}:${String(platform)}`]);
    results.push({ table: 'asks', read: asks.length, added: await insertBatches(client, 'asks', ['platform', 'status', 'entry_id', 'normalized', 'at', 'origin'], '(origin) DO NOTHING', withOrigin) });
    return results;
  }
}

async function insertBatches(
  client: { query(sql: string, values: unknown[]): Promise<{ rowCount: number | null }> },
  table: string,
  columns: readonly string[],
  conflict: string,
  rows: unknown[][],
): Promise<number> {
  let added = 0;
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const batch = rows.slice(start, start + BATCH_ROWS);
    const values: unknown[] = [];
    const tuples = batch.map((row) => `(${row.map((v) => `$${values.push(v)}`).join(', ')})`);
    const result = await client.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT ${conflict}`, values);
    added += result.rowCount ?? 0;
  }
  return added;
}
