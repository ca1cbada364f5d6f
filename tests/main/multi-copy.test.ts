import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startBotProcess, type BotProcess } from '../fixtures/bot-process.js';
import { FakeSlackApi } from '../fixtures/slack/fake-slack-api.js';
import { blockActionsPayload, sendInteraction, sendSlashCommand, TEST_SIGNING_SECRET } from '../fixtures/slack/signed-request.js';
import { createTestDatabase, type TestDatabase } from '../fixtures/store/postgres.js';

/**
 * Three copies of the real bot (`npm start`'s entry, Slack in HTTP mode, each
 * on its own port) sharing one real PostgreSQL, behind a load balancer played
 * by this test: 1,000 signed requests spread over the copies, one copy killed
 * with SIGKILL mid-run and started again. What must hold across copies:
 * every request answered, tips once per channel per slot, one vote per user,
 * and one visible post per entry and channel within the repeat cooldown.
 */
const COPIES = 3;
const REQUESTS = 1_000;
const IN_FLIGHT = 6;
const TIP_CHANNELS = ['C0MULTITIP1', 'C0MULTITIP2'];
const VOTERS = 25;

type Kind = 'ask' | 'vote' | 'share';
interface Sent {
  kind: Kind;
  status: number;
  copy: number;
}

describe('three bot copies on one PostgreSQL', () => {
  let db: TestDatabase;
  let slack: FakeSlackApi;
  let cwd: string;
  const ports: number[] = [];
  const bots: BotProcess[] = [];
  const env = (port: number): Record<string, string> => ({
    SLACK_BOT_TOKEN: 'xoxb-test-0000-token',
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    PORT: String(port),
    DATABASE_URL: db.url,
    SLACK_TIP_CHANNELS: TIP_CHANNELS.join(','),
    // Every second (the optional seconds field): many slots while the requests run, each raced for by every copy.
    TIP_SCHEDULE: '* * * * * *',
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    slack = await new FakeSlackApi().start();
    cwd = mkdtempSync(path.join(os.tmpdir(), 'vmvc-multi-copy-'));
    for (let i = 0; i < COPIES; i++) ports.push(await freePort());
    // All three start at the same moment: the migration must run once, under its lock.
    bots.push(...ports.map((port) => startBotProcess(env(port), cwd)));
    await Promise.all(bots.map((b) => b.running(30_000)));
  });
  afterAll(async () => {
    await Promise.all(bots.map((b) => b.stop('SIGKILL')));
    await slack?.stop();
    await db?.drop();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('answers every request, keeps votes, tips and visible posts exactly once, through a SIGKILL and a restart', { timeout: 180_000 }, async () => {
    const request = (i: number, port: number): Promise<Response> => {
      const kind: Kind = i % 5 === 3 ? 'vote' : i % 5 === 4 ? 'share' : 'ask';
      const user = `U0VOTER${Math.floor(i / 5) % VOTERS}`;
      if (kind === 'ask') return sendSlashCommand(`http://127.0.0.1:${port}`, { text: ['why-lighter', 'is docker a vm?', 'compare startup-time', 'what is a hypervisor'][i % 4] ?? '', user_id: user });
      const actionId = kind === 'vote' ? `vmvc:vote:why-lighter:${i % 2 ? 'up' : 'down'}` : 'vmvc:share:kernel-sharing';
      // Every share is for one entry in one channel: within the cooldown exactly one may be posted.
      return sendInteraction(`http://127.0.0.1:${port}`, blockActionsPayload({ actionId, userId: user, channelId: 'C0SHARED', responseUrl: slack.responseUrl(`r${i}`) }));
    };
    const sent: Sent[] = [];
    let next = 0;
    let killedAt: number | undefined;
    const worker = async () => {
      for (let i = next++; i < REQUESTS; i = next++) {
        if (i === 400 && killedAt === undefined) {
          killedAt = i;
          await bots[1]?.stop('SIGKILL');
        }
        if (i === 650) {
          bots[1] = startBotProcess(env(ports[1] as number), cwd);
          await bots[1].running(30_000);
        }
        // The load balancer: a copy that refuses the connection or drops it never gave an answer, so the request goes to the next copy.
        for (let attempt = 0; ; attempt++) {
          const copy = (i + attempt) % COPIES;
          try {
            const res = await request(i, ports[copy] as number);
            await res.text();
            sent.push({ kind: i % 5 === 3 ? 'vote' : i % 5 === 4 ? 'share' : 'ask', status: res.status, copy });
            break;
          } catch (err) {
            if (attempt >= COPIES * 2) throw err;
          }
        }
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));

    expect(sent).toHaveLength(REQUESTS);
    expect(sent.filter((s) => s.status !== 200)).toEqual([]);
    // Each copy (the restarted one included) served a share of them.
    for (let c = 0; c < COPIES; c++) expect(sent.filter((s) => s.copy === c).length).toBeGreaterThan(50);

    const check = new pg.Client({ connectionString: db.url });
    await check.connect();
    try {
      // Votes: one row per user for the entry, however many clicks went to however many copies.
      const votes = await check.query<{ n: number }>("SELECT count(*)::int AS n FROM votes WHERE entry_id = 'why-lighter'");
      expect(votes.rows[0]?.n).toBe(VOTERS);
      // The repeat guard: 200 share clicks for one entry in one channel, one visible post.
      expect(slack.callsOf('chat.postMessage').filter((c) => c.body['channel'] === 'C0SHARED')).toHaveLength(1);
      // Tips: every post is its own slot's one post; a slot claimed by the killed copy may stay unsent, never doubled.
      for (const channel of TIP_CHANNELS) {
        const posts = slack.callsOf('chat.postMessage').filter((c) => c.body['channel'] === channel).length;
        const slots = await check.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM tip_posts WHERE channel_id = $1 GROUP BY status', [channel]);
        const done = slots.rows.find((r) => r.status === 'done')?.n ?? 0;
        const claimed = slots.rows.find((r) => r.status === 'claimed')?.n ?? 0;
        expect(done).toBeGreaterThan(3);
        expect(posts).toBeGreaterThanOrEqual(done);
        expect(posts).toBeLessThanOrEqual(done + claimed);
      }
      const schema = await check.query<{ version: number }>('SELECT version FROM vmvc_schema');
      expect(schema.rows).toHaveLength(1);
    } finally {
      await check.end();
    }
    // No copy logged an error, apart from the fake Slack (in this process, on 2 busy cores) being late to answer a response_url:
    // that is the platform being slow, which the bot reports and does not retry.
    const late = (l: { msg: string }) => /Slack did not answer in time/.test(l.msg);
    for (const bot of bots) expect(bot.logs.filter((l) => l.level >= 50 && !late(l))).toEqual([]);
  });
});
