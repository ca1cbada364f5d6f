import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RepeatGuard } from '../../../src/core/repeat-guard.js';
import { blockActionsPayload, sendInteraction, sendSlashCommand } from '../../fixtures/slack/signed-request.js';
import { startTestSlack, type TestSlack } from '../../fixtures/slack/start-test-slack.js';
import { openTempStore, type TempStore } from '../../fixtures/store/temp-store.js';
import pg from 'pg';
import { openPostgresStore, type PostgresStorage } from '../../../src/store/postgres/open-postgres-store.js';
import { createTestDatabase, type TestDatabase } from '../../fixtures/store/postgres.js';

/**
 * The store failing under the real Slack adapter. The design: a store failure
 * never costs the user the answer (it is logged and the post goes out) and
 * never causes a double post.
 */

type Json = Record<string, unknown>;

/** Slack wants the ack (here: the card itself) within 3 s. */
const SLACK_ACK_WINDOW_MS = 3_000;

const brokenGuard = (message: string): RepeatGuard => ({
  claim: () => {
    throw new Error(message);
  },
  confirm: () => {
    throw new Error(message);
  },
  release: () => {
    throw new Error(message);
  },
});

describe('the repeat guard throwing', () => {
  let temp: TempStore;
  let t: TestSlack;
  beforeAll(async () => {
    temp = openTempStore();
    t = await startTestSlack({ store: { ...temp.store, repeatGuard: () => brokenGuard('disk I/O error') } });
  });
  afterAll(async () => {
    await t?.stop();
    temp?.remove();
  });

  it('Share still posts the card once, logs the guard failure, and removes the private preview', async () => {
    const responseUrl = t.fake.responseUrl('guard-share');
    await sendInteraction(t.baseUrl, blockActionsPayload({ actionId: 'vmvc:share:why-lighter', channelId: 'C0GUARD', responseUrl }));
    // The marker: the preview is deleted only after the post went out.
    await t.fake.waitFor('response_url', (c) => c.path.endsWith('guard-share') && c.body['delete_original'] === true);
    expect(t.fake.callsOf('chat.postMessage').filter((c) => c.body['channel'] === 'C0GUARD')).toHaveLength(1);
    expect(t.logs.some((l) => l.level === 40 && /repeat guard unavailable, sharing anyway: disk I\/O error/.test(l.msg))).toBe(true);
    expect(t.logs.some((l) => /could not record the shared post for the repeat guard/.test(l.msg))).toBe(true);
  });

  it('a failed post with a broken guard still tells the sharer, posted once', async () => {
    t.fake.on('chat.postMessage', (c) => (c.body['channel'] === 'C0GUARDFAIL' ? { body: { ok: false, error: 'restricted_action' } } : undefined));
    const responseUrl = t.fake.responseUrl('guard-fail');
    await sendInteraction(t.baseUrl, blockActionsPayload({ actionId: 'vmvc:share:image-size', channelId: 'C0GUARDFAIL', responseUrl }));
    const reply = await t.fake.waitFor('response_url', (c) => c.path.endsWith('guard-fail'));
    expect(reply.body['response_type']).not.toBe('in_channel');
    expect(JSON.stringify(reply.body)).toMatch(/post|share/i);
    expect(t.fake.callsOf('chat.postMessage').filter((c) => c.body['channel'] === 'C0GUARDFAIL')).toHaveLength(1);
    expect(t.logs.some((l) => /could not drop the repeat-guard claim of a failed share: disk I\/O error/.test(l.msg))).toBe(true);
  });
});

describe('a locked database (another connection holds the write lock)', () => {
  let t: TestSlack;
  let locker: Database.Database | undefined;
  beforeAll(async () => {
    t = await startTestSlack();
  });
  afterEach(() => {
    if (locker?.inTransaction) locker.exec('ROLLBACK');
    locker?.close();
    locker = undefined;
  });
  afterAll(async () => {
    await t?.stop();
  });

  const lock = () => {
    const file = t.temp?.store.file;
    if (file === undefined) throw new Error('the harness should run on its own SQLite store');
    locker = new Database(file);
    locker.exec('BEGIN EXCLUSIVE');
  };

  it('a slash command still gets its card within the ack window; the failed recording is logged', async () => {
    lock();
    const started = Date.now();
    const res = await sendSlashCommand(t.baseUrl, { text: 'why-lighter' });
    const elapsed = Date.now() - started;
    expect(res.status).toBe(200);
    const body = (await res.json()) as Json;
    expect(body['text']).toContain('Why are containers lighter');
    expect(elapsed).toBeLessThan(SLACK_ACK_WINDOW_MS);
    await t.waitForLog(/could not store the ask \(the answer was still sent\): database is locked/);
    expect(t.recorder.asks.some((a) => a.entryId === 'why-lighter')).toBe(false); // the store really refused it
  });

  it('Share posts once while the guard cannot claim, and the guard works again once the lock is gone', async () => {
    lock();
    const responseUrl = t.fake.responseUrl('locked-share');
    await sendInteraction(t.baseUrl, blockActionsPayload({ actionId: 'vmvc:share:kernel-sharing', channelId: 'C0LOCKEDDB', responseUrl }));
    await t.fake.waitFor('response_url', (c) => c.path.endsWith('locked-share') && c.body['delete_original'] === true, 10_000);
    expect(t.fake.callsOf('chat.postMessage').filter((c) => c.body['channel'] === 'C0LOCKEDDB')).toHaveLength(1);
    expect(t.logs.some((l) => /repeat guard unavailable, sharing anyway: database is locked/.test(l.msg))).toBe(true);

    locker?.exec('ROLLBACK');
    // Unlocked: a share is claimed and posted, and the next one is held back as a repeat.
    const first = t.fake.responseUrl('unlocked-1');
    await sendInteraction(t.baseUrl, blockActionsPayload({ actionId: 'vmvc:share:kernel-sharing', channelId: 'C0LOCKEDDB2', responseUrl: first }));
    await t.fake.waitFor('response_url', (c) => c.path.endsWith('unlocked-1') && c.body['delete_original'] === true);
    const second = t.fake.responseUrl('unlocked-2');
    await sendInteraction(t.baseUrl, blockActionsPayload({ actionId: 'vmvc:share:kernel-sharing', userId: 'U0BOB', channelId: 'C0LOCKEDDB2', responseUrl: second }));
    await t.fake.waitFor('response_url', (c) => c.path.endsWith('unlocked-2'));
    expect(t.fake.callsOf('chat.postMessage').filter((c) => c.body['channel'] === 'C0LOCKEDDB2')).toHaveLength(1);
  });
});

describe('PostgreSQL stalled (another connection holds the tables locked)', () => {
  let db: TestDatabase;
  let store: PostgresStorage;
  let t: TestSlack;
  let locker: pg.Client | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
    store = await openPostgresStore({ url: db.url });
    t = await startTestSlack({ store });
  });
  afterEach(async () => {
    await locker?.query('ROLLBACK').catch(() => undefined);
    await locker?.end();
    locker = undefined;
  });
  afterAll(async () => {
    await t?.stop();
    await store?.close();
    await db?.drop();
  });

  const stall = async () => {
    locker = new pg.Client({ connectionString: db.url });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE asks, recent_posts IN ACCESS EXCLUSIVE MODE');
  };

  it('a slash command gets its card within the ack window; the recording gives up after the statement bound and says so', async () => {
    await stall();
    const started = Date.now();
    const res = await sendSlashCommand(t.baseUrl, { text: 'why-lighter' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Json)['text']).toContain('Why are containers lighter');
    expect(Date.now() - started).toBeLessThan(SLACK_ACK_WINDOW_MS);
    await t.waitForLog(/could not store the ask \(the answer was still sent\): .*(statement timeout|canceling statement)/);
  });

  it('Share posts exactly once while the guard cannot claim, and the guard holds again once the database answers', async () => {
    await stall();
    const responseUrl = t.fake.responseUrl('pg-stalled-share');
    await sendInteraction(t.baseUrl, blockActionsPayload({ actionId: 'vmvc:share:kernel-sharing', channelId: 'C0PGSTALL', responseUrl }));
    await t.fake.waitFor('response_url', (c) => c.path.endsWith('pg-stalled-share') && c.body['delete_original'] === true, 10_000);
    expect(t.fake.callsOf('chat.postMessage').filter((c) => c.body['channel'] === 'C0PGSTALL')).toHaveLength(1);
    expect(t.logs.some((l) => /repeat guard unavailable, sharing anyway/.test(l.msg))).toBe(true);

    await locker?.query('ROLLBACK');
    const first = t.fake.responseUrl('pg-ok-1');
    await sendInteraction(t.baseUrl, blockActionsPayload({ actionId: 'vmvc:share:kernel-sharing', channelId: 'C0PGOK', responseUrl: first }));
    await t.fake.waitFor('response_url', (c) => c.path.endsWith('pg-ok-1') && c.body['delete_original'] === true);
    const second = t.fake.responseUrl('pg-ok-2');
    await sendInteraction(t.baseUrl, blockActionsPayload({ actionId: 'vmvc:share:kernel-sharing', userId: 'U0BOB', channelId: 'C0PGOK', responseUrl: second }));
    await t.fake.waitFor('response_url', (c) => c.path.endsWith('pg-ok-2'));
    expect(t.fake.callsOf('chat.postMessage').filter((c) => c.body['channel'] === 'C0PGOK')).toHaveLength(1);
  });
});
