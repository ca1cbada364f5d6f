import { existsSync } from 'node:fs';
import path from 'node:path';
import { StoreError } from '../../../store/store-error.js';
import { UsageError, type CliCommand } from '../cli-command.js';
import { parseFlags } from '../parse-flags.js';
import { cliConfig } from '../../../store/store-for-cli.js';
import { describePgUrl } from '../../../store/postgres/describe-url.js';

export const storeCommand: CliCommand = {
  name: 'store',
  usage: 'vmvc store copy --to postgres://… [--from DATA_DIR]',
  help:
    'Copies the embedded SQLite store (DATA_DIR/vmvc.sqlite; default DATA_DIR from the environment or ./data)\n' +
    'into the PostgreSQL database at --to (the DATABASE_URL your bot copies will use): tip posts and rotation,\n' +
    'votes, questions, recent posts, help channels and auto-replies, tip subscriptions and tip votes. Rows\n' +
    'already in PostgreSQL are kept, so ' +
    'running it again adds nothing new. Stop the bot first so nothing is written to SQLite meanwhile.',
  async run(args, io) {
    const { values, positionals } = parseFlags(args, { to: { type: 'string' }, from: { type: 'string' } });
    if (positionals[0] !== 'copy' || positionals.length > 1) throw new UsageError(positionals.length === 0 ? 'say `vmvc store copy --to postgres://…`' : `unknown subcommand '${positionals.join(' ')}'`);
    const to = values.to?.trim() ?? '';
    if (!/^postgres(ql)?:\/\/\S+$/.test(to)) throw new UsageError('--to must be a PostgreSQL URL such as postgres://vmvc:secret@db.internal:5432/vmvc');
    const config = cliConfig(io.env);
    const dataDir = values.from ?? config.dataDir;
    // Loaded here, not at the top: the other commands never need the PostgreSQL client.
    const [{ openDatabase, databasePath }, { openPostgresStore }, { copySqliteToPostgres }] = await Promise.all([
      import('../../../store/open-database.js'),
      import('../../../store/postgres/open-postgres-store.js'),
      import('../../../store/copy-to-postgres.js'),
    ]);
    const file = databasePath(dataDir);
    // Never create an empty SQLite file just to copy nothing from it.
    if (!existsSync(file)) throw new StoreError(file, `there is no SQLite store there to copy (give --from with the bot's DATA_DIR; now ${path.resolve(dataDir)})`);
    const sqlite = openDatabase(file);
    try {
      const target = await openPostgresStore({ url: to });
      try {
        const copied = await copySqliteToPostgres(sqlite, to);
        for (const t of copied) io.stdout.write(`${t.table.padEnd(14)} ${String(t.read).padStart(7)} read, ${String(t.added).padStart(7)} added\n`);
        const added = copied.reduce((n, t) => n + t.added, 0);
        io.stdout.write(`\nCopied ${file} into ${describePgUrl(to)}: ${added} row(s) added${added === 0 ? ' (everything was already there)' : ''}.\n`);
        return 0;
      } finally {
        await target.close();
      }
    } finally {
      sqlite.close();
    }
  },
};
