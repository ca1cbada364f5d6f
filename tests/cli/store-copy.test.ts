import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync } from '../helpers/run-cli-async.js';
import { cleanEnv, MAIN } from '../helpers/run-node.js';
import { createTestDatabase, type TestDatabase } from '../fixtures/store/postgres.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vmvc-store-copy-'));
let pg: TestDatabase;
beforeAll(async () => {
  pg = await createTestDatabase();
});
afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  await pg?.drop();
});

describe('vmvc store copy: from the SQLite file to PostgreSQL (CLI and bot as child processes, a real PostgreSQL)', () => {
  it('copies what the bot stored, adds nothing the second time, and the report then reads the same from PostgreSQL', async () => {
    const questions = ['why are containers lighter', 'why-lighter', "what's for lunch", 'whats for lunch?'];
    const bot = spawnSync(process.execPath, [MAIN], { cwd: dataDir, input: `${questions.join('\n')}\nquit\n`, env: cleanEnv({ DATA_DIR: dataDir }), encoding: 'utf8', timeout: 20_000 });
    expect(bot.status).toBe(0);
    const fromSqlite = await runCliAsync(['report', '--days', '1'], { env: { DATA_DIR: dataDir } });
    expect(fromSqlite.stdout).toMatch(/why-lighter \(Why are containers lighter than VMs\?\): 2 asked/);

    const first = await runCliAsync(['store', 'copy', '--to', pg.url], { env: { DATA_DIR: dataDir } });
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^asks\s+4 read,\s+4 added$/m);
    expect(first.stdout).toMatch(/4 row\(s\) added/);
    const again = await runCliAsync(['store', 'copy', '--to', pg.url], { env: { DATA_DIR: dataDir } });
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/^asks\s+4 read,\s+0 added$/m);
    expect(again.stdout).toMatch(/0 row\(s\) added \(everything was already there\)/);

    const fromPostgres = await runCliAsync(['report', '--days', '1'], { env: { DATABASE_URL: pg.url } });
    expect(fromPostgres.status).toBe(0);
    // The first line names the window's start ("since …"), which moves with the clock between the two runs.
    const figures = (out: string) => out.slice(out.indexOf('\n') + 1, out.indexOf('\n\n', out.indexOf('unanswered')));
    expect(figures(fromPostgres.stdout)).toBe(figures(fromSqlite.stdout));
    expect(fromPostgres.stdout).toMatch(/^vmvc report: the last 1 day \(since \d{4}-\d\d-\d\d \d\d:\d\d UTC\)$/m);
    expect(fromPostgres.stdout).toMatch(/^Database: postgres:\/\/vmvc@127\.0\.0\.1:\d+\/vmvc_test_\w+ \(DATABASE_URL\)$/m);
    const tipsStatus = await runCliAsync(['tips', 'status'], { env: { DATABASE_URL: pg.url } });
    expect(tipsStatus.status).toBe(0);
    expect(tipsStatus.stdout).toMatch(/^Database: postgres:\/\/vmvc@/m);
  });

  it('refuses a missing SQLite store and a bad URL with one clear line', async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'vmvc-store-copy-empty-'));
    try {
      const missing = await runCliAsync(['store', 'copy', '--to', pg.url], { env: { DATA_DIR: empty } });
      expect(missing.status).toBe(1);
      expect(missing.stderr).toMatch(/there is no SQLite store there to copy/);
      const bad = await runCliAsync(['store', 'copy', '--to', 'mysql://x'], { env: { DATA_DIR: dataDir } });
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(/--to must be a PostgreSQL URL/);
      const refused = await runCliAsync(['store', 'copy', '--to', 'postgres://vmvc:hunter2@127.0.0.1:1/vmvc'], { env: { DATA_DIR: dataDir } });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/Cannot use the database postgres:\/\/vmvc@127\.0\.0\.1:1\/vmvc: cannot connect: nothing is listening there/);
      expect(refused.stderr).not.toContain('hunter2');
      // pg cannot parse an unencoded '#' in the password: the configuration check says what to do, without the password.
      const unparsable = await runCliAsync(['report'], { env: { DATABASE_URL: 'postgres://vmvc:pa#ss@127.0.0.1:1/vmvc' } });
      expect(unparsable.status).toBe(1);
      expect(unparsable.stderr).toMatch(/DATABASE_URL is not a URL pg can read: .*percent-encode/);
      expect(unparsable.stderr).not.toContain('ss@');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('store copy and the environment import', () => {
  it('what people set in chat in SQLite wins over an earlier import into PostgreSQL: a moved channel keeps its time, a channel turned off stays off', async () => {
    const { openStore } = await import('../../src/store/open-store.js');
    const { openDatabase } = await import('../../src/store/open-database.js');
    const { openPostgresStore } = await import('../../src/store/postgres/open-postgres-store.js');
    const { copySqliteToPostgres } = await import('../../src/store/copy-to-postgres.js');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vmvc-store-copy-subs-'));
    const db = await createTestDatabase();
    try {
      const sqlite = openStore({ dataDir: dir });
      // The environment was imported into SQLite; then one channel was moved in chat and another turned off.
      await sqlite.importTipSubscriptions(
        [
          { platform: 'slack', channelId: 'C0TIPS', schedule: '0 9 * * 1-5', timezone: 'UTC' },
          { platform: 'slack', channelId: 'C0OFF', schedule: '0 9 * * 1-5', timezone: 'UTC' },
        ],
        new Date('2025-04-01T00:00:00Z'),
      );
      await sqlite.saveTipSubscription({ platform: 'slack', channelId: 'C0TIPS', schedule: '30 16 * * *', timezone: 'America/Los_Angeles' }, 'admin-hash', new Date('2025-05-01T00:00:00Z'));
      await sqlite.removeTipSubscription('slack', 'C0OFF');
      const file = sqlite.description;
      await sqlite.close();
      const target = await openPostgresStore({ url: db.url });
      // A PostgreSQL copy started before the move, with the same environment, imported both channels there.
      await target.importTipSubscriptions(
        [
          { platform: 'slack', channelId: 'C0TIPS', schedule: '0 9 * * 1-5', timezone: 'UTC' },
          { platform: 'slack', channelId: 'C0OFF', schedule: '0 9 * * 1-5', timezone: 'UTC' },
        ],
        new Date('2025-06-01T00:00:00Z'),
      );
      const raw = openDatabase(file);
      try {
        await copySqliteToPostgres(raw, db.url);
        await copySqliteToPostgres(raw, db.url);
      } finally {
        raw.close();
      }
      expect(await target.tipSubscription('slack', 'C0TIPS')).toMatchObject({ schedule: '30 16 * * *', timezone: 'America/Los_Angeles', setInChat: true });
      expect(await target.tipSubscription('slack', 'C0OFF')).toBeUndefined();
      await target.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await db.drop();
    }
  });
});
