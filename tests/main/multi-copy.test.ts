import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, spawnBuiltBot, type BotProcess } from '../helpers/built-bot.js';
import { startFakeDiscord, type FakeDiscord } from '../fixtures/discord/fake-discord.js';
import { askCommand, buttonClick } from '../fixtures/discord/interactions.js';
import { generateTestKeys, postInteraction, type TestKeys } from '../fixtures/discord/signed-interaction.js';
import { FAKE_TOKEN } from '../fixtures/discord/start-bot.js';
import { FakeSlackApi } from '../fixtures/slack/fake-slack-api.js';
import { blockActionsPayload, sendInteraction, sendSlashCommand, TEST_SIGNING_SECRET } from '../fixtures/slack/signed-request.js';
import { createTestDatabase, type TestDatabase } from '../fixtures/store/postgres.js';

/**
 * Three copies of the real bot (`npm start`'s entry, Slack in HTTP mode and
 * Discord in HTTP interactions mode, each copy on its own port) sharing one real PostgreSQL, behind a load balancer played
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

type Kind = 'ask' | 'vote' | 'share' | 'discord-ask' | 'discord-vote';
/** Every tenth request goes to Discord: an ask, or a vote from one of VOTERS members. */
const kindOf = (i: number): Kind => (i % 10 === 7 ? 'discord-ask' : i % 10 === 9 ? 'discord-vote' : i % 5 === 3 ? 'vote' : i % 5 === 4 ? 'share' : 'ask');
interface Sent {
  kind: Kind;
  status: number;
  copy: number;
}

describe('three bot copies on one PostgreSQL', () => {
  let db: TestDatabase;
  let slack: FakeSlackApi;
  let discord: FakeDiscord;
  let keys: TestKeys;
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
    // Every minute: each copy's first tick (at start-up, and the restarted copy's) finds the same due slot, so all race for it.
    TIP_SCHEDULE: '* * * * *',
    DISCORD_TOKEN: FAKE_TOKEN,
    DISCORD_API_URL: discord.apiUrl,
    DISCORD_PUBLIC_KEY: keys.publicKeyHex,
    HOST: '127.0.0.1',
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    slack = await new FakeSlackApi().start();
    discord = await startFakeDiscord();
    keys = generateTestKeys();
    cwd = mkdtempSync(path.join(os.tmpdir(), 'vmvc-multi-copy-'));
    for (let i = 0; i < COPIES; i++) ports.push(await freePort());
    // All three start at the same moment: the migration must run once, under its lock.
    bots.push(...ports.map((port) => spawnBuiltBot(env(port), cwd)));
    await Promise.all(bots.map((b) => b.running(30_000)));
  });
  afterAll(async () => {
    await Promise.all(bots.map((b) => b.stop('SIGKILL')));
    await slack?.stop();
    await discord?.close();
    await db?.drop();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('answers every request, keeps votes, tips and visible posts exactly once, through a SIGKILL and a restart', { timeout: 180_000 }, async () => {
    const discordIds: string[] = [];
    const request = async (i: number, port: number): Promise<number> => {
      const kind = kindOf(i);
      const user = `U0VOTER${Math.floor(i / 5) % VOTERS}`;
      if (kind === 'discord-ask' || kind === 'discord-vote') {
        const payload = kind === 'discord-ask' ? askCommand('why are containers lighter than VMs?') : buttonClick(`vmvc:vote:startup-time:${i % 20 === 9 ? 'up' : 'down'}`);
        // A member of their own per voter, so votes count per Discord user.
        payload.member.user = { ...payload.member.user, id: String(700_000_000_000_000_000n + BigInt(Math.floor(i / 10) % VOTERS)) };
        const res = await postInteraction(`http://127.0.0.1:${port}/discord/interactions`, keys, payload);
        if (res.status === 202) discordIds.push(payload.id);
        return res.status;
      }
      if (kind === 'ask') {
        const res = await sendSlashCommand(`http://127.0.0.1:${port}`, { text: ['why-lighter', 'is docker a vm?', 'compare startup-time', 'what is a hypervisor'][i % 4] ?? '', user_id: user });
        await res.text();
        return res.status;
      }
      const actionId = kind === 'vote' ? `vmvc:vote:why-lighter:${i % 2 ? 'up' : 'down'}` : 'vmvc:share:kernel-sharing';
      // Every share is for one entry in one channel: within the cooldown exactly one may be posted.
      const res = await sendInteraction(`http://127.0.0.1:${port}`, blockActionsPayload({ actionId, userId: user, channelId: 'C0SHARED', responseUrl: slack.responseUrl(`r${i}`) }));
      await res.text();
      return res.status;
    };
    const sent: Sent[] = [];
    let next = 0;
    let killedAt: number | undefined;
    let notReady = 0;
    const worker = async () => {
      for (let i = next++; i < REQUESTS; i = next++) {
        if (i === 400 && killedAt === undefined) {
          killedAt = i;
          await bots[1]?.stop('SIGKILL');
        }
        if (i === 650) {
          bots[1] = spawnBuiltBot(env(ports[1] as number), cwd);
          await bots[1].running(30_000);
        }
        // The load balancer: a copy that refuses the connection or drops it never gave an answer, so the request goes to the next copy.
        for (let attempt = 0; ; attempt++) {
          const copy = (i + attempt) % COPIES;
          try {
            const status = await request(i, ports[copy] as number);
            // 503 is a copy that is starting or draining and took nothing on (its /readyz says so too): a load balancer moves on.
            if (status === 503 && attempt < COPIES * 2) {
              notReady++;
              continue;
            }
            sent.push({ kind: kindOf(i), status, copy });
            break;
          } catch (err) {
            if (attempt >= COPIES * 2) throw err;
          }
        }
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));

    expect(sent).toHaveLength(REQUESTS);
    expect(notReady).toBeLessThan(REQUESTS / 10);
    expect(sent.filter((s) => s.status !== (s.kind.startsWith('discord') ? 202 : 200))).toEqual([]);
    expect(sent.filter((s) => s.kind.startsWith('discord')).length).toBe(REQUESTS / 5);
    // Each Discord interaction was answered exactly once (one callback), by whichever copy took it.
    for (const id of discordIds) expect(discord.requests.filter((r) => r.method === 'POST' && r.path.startsWith(`/interactions/${id}/`))).toHaveLength(1);
    // Each copy (the restarted one included) served a share of them.
    for (let c = 0; c < COPIES; c++) expect(sent.filter((s) => s.copy === c).length).toBeGreaterThan(50);

    const check = new pg.Client({ connectionString: db.url });
    await check.connect();
    try {
      // Votes: one row per user for the entry, however many clicks went to however many copies.
      const votes = await check.query<{ platform: string; n: number }>("SELECT platform, count(*)::int AS n FROM votes GROUP BY platform ORDER BY platform");
      expect(votes.rows).toEqual([
        { platform: 'discord', n: VOTERS },
        { platform: 'slack', n: VOTERS },
      ]);
      // The repeat guard: 200 share clicks for one entry in one channel, one visible post.
      expect(slack.callsOf('chat.postMessage').filter((c) => c.body['channel'] === 'C0SHARED')).toHaveLength(1);
      // Tips: three copies (and a restart) raced for each due slot; every post is its slot's one post, and a slot
      // claimed by the killed copy may stay unsent, never doubled. The environment's channels were imported once.
      for (const channel of TIP_CHANNELS) {
        const posts = slack.callsOf('chat.postMessage').filter((c) => c.body['channel'] === channel).length;
        const slots = await check.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM tip_posts WHERE channel_id = $1 GROUP BY status', [channel]);
        const done = slots.rows.find((r) => r.status === 'done')?.n ?? 0;
        const claimed = slots.rows.find((r) => r.status === 'claimed')?.n ?? 0;
        expect(done).toBeGreaterThanOrEqual(1);
        expect(posts).toBeGreaterThanOrEqual(done);
        expect(posts).toBeLessThanOrEqual(done + claimed);
      }
      const subscriptions = await check.query<{ n: number }>('SELECT count(*)::int AS n FROM tip_subscriptions');
      expect(subscriptions.rows[0]?.n).toBe(TIP_CHANNELS.length);
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
