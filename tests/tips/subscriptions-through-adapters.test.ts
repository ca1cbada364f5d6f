import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/core/knowledge/load.js';
import type { Storage } from '../../src/core/storage.js';
import { openStore } from '../../src/store/open-store.js';
import { importEnvTipChannels } from '../../src/tips/env-import.js';
import { startTipScheduler } from '../../src/tips/tip-scheduler.js';
import { startBotAgainstFake, type BotHarness } from '../fixtures/discord/start-bot.js';
import { startTestSlack, type TestSlack } from '../fixtures/slack/start-test-slack.js';
import { captureLog, tempDir } from './support.js';

/**
 * Subscriptions driving the minute tick, posted by the running adapters to
 * the local fakes, with an injected clock: each channel at its own local
 * time, DST, a removed channel pausing once, two bot copies on one store,
 * a change made at runtime, and the environment imported once.
 */
const knowledge = loadKnowledge();
const BERLIN = 'C0BERLIN01';
const SF = 'C0SANFRAN1';
const DISCORD = '777777777777777701';

let slack: TestSlack;
let discord: BotHarness;
beforeAll(async () => {
  slack = await startTestSlack({ logLevel: 'silent' });
  discord = await startBotAgainstFake({ logLevel: 'silent' });
});
afterAll(async () => {
  await slack?.stop();
  await discord?.close();
});

const postsTo = (channel: string) => slack.fake.callsOf('chat.postMessage').filter((c) => c.body['channel'] === channel);
const discordPostsTo = (channel: string) => discord.fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channel}/messages`);

function setUp() {
  const t = tempDir('vmvc-subs-');
  const stores: Storage[] = [];
  let now = new Date('2026-03-26T00:00:00Z');
  const open = () => {
    const s = openStore({ dataDir: t.dir });
    stores.push(s);
    return s;
  };
  const { log, lines } = captureLog();
  const scheduler = (store: Storage) => startTipScheduler({ store, posters: [slack.slack, discord.adapter], knowledge, log, clock: () => now, random: () => 0.5, startTimer: false, retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 } });
  return {
    open,
    scheduler,
    lines,
    at: (iso: string) => (now = new Date(iso)),
    async close() {
      await Promise.all(stores.map((s) => s.close()));
      t.cleanup();
    },
  };
}

describe('daily tips from subscriptions, through the real adapters', () => {
  it('two channels in different time zones each get their tip at 09:00 local, and a DST change keeps it at 09:00', async () => {
    const env = setUp();
    try {
      const store = env.open();
      const s = env.scheduler(store);
      await store.saveTipSubscription({ platform: 'slack', channelId: BERLIN, schedule: '0 9 * * *', timezone: 'Europe/Berlin' }, undefined, new Date());
      await store.saveTipSubscription({ platform: 'slack', channelId: SF, schedule: '0 9 * * *', timezone: 'America/Los_Angeles' }, undefined, new Date());
      // Sat 28 Mar 2026: Berlin is on CET (09:00 = 08:00 UTC), California on PDT (09:00 = 16:00 UTC).
      for (const [iso, berlin, sf] of [
        ['2026-03-28T07:59:30Z', 0, 0],
        ['2026-03-28T08:00:01Z', 1, 0],
        ['2026-03-28T08:01:00Z', 1, 0],
        ['2026-03-28T16:00:01Z', 1, 1],
        // Sun 29 Mar: Berlin moved to CEST overnight, so 09:00 is now 07:00 UTC.
        ['2026-03-29T07:00:01Z', 2, 1],
        ['2026-03-29T08:00:01Z', 2, 1],
      ] as const) {
        env.at(iso);
        await s.tick();
        expect([postsTo(BERLIN).length, postsTo(SF).length], iso).toEqual([berlin, sf]);
      }
      expect((await store.lastTipPost('slack', BERLIN))?.slotKey).toBe('2026-03-29T07:00:00.000Z');
      expect((await store.lastTipPost('slack', SF))?.slotKey).toBe('2026-03-28T16:00:00.000Z');
      await s.stop();
    } finally {
      await env.close();
    }
  });

  it('two bot copies on one store post each slot once; a change made through one copy counts at the next tick of both', async () => {
    const env = setUp();
    try {
      const a = env.open();
      const b = env.open();
      const sa = env.scheduler(a);
      const sb = env.scheduler(b);
      await a.saveTipSubscription({ platform: 'discord', channelId: DISCORD, schedule: '0 9 * * 1-5', timezone: 'UTC' }, undefined, new Date());
      env.at('2026-03-30T09:00:01Z');
      const results = [...(await sa.tick()), ...(await sb.tick()), ...(await Promise.all([sa.tick(), sb.tick()])).flat()];
      expect(discordPostsTo(DISCORD)).toHaveLength(1);
      expect(results.filter((r) => r.status === 'posted')).toHaveLength(1);
      // Copy B moves the channel to 10:30; copy A picks it up from the store without a restart.
      await b.saveTipSubscription({ platform: 'discord', channelId: DISCORD, schedule: '30 10 * * 1-5', timezone: 'UTC' }, undefined, new Date());
      env.at('2026-03-31T09:00:01Z');
      await Promise.all([sa.tick(), sb.tick()]);
      expect(discordPostsTo(DISCORD)).toHaveLength(1);
      env.at('2026-03-31T10:30:01Z');
      await Promise.all([sa.tick(), sb.tick()]);
      expect(discordPostsTo(DISCORD)).toHaveLength(2);
      // Unsubscribed through A: B posts nothing either.
      await a.removeTipSubscription('discord', DISCORD);
      env.at('2026-04-01T10:30:01Z');
      await Promise.all([sa.tick(), sb.tick()]);
      expect(discordPostsTo(DISCORD)).toHaveLength(2);
      await Promise.all([sa.stop(), sb.stop()]);
    } finally {
      await env.close();
    }
  });

  it('a channel the bot was removed from is paused and logged once, not retried; tips here again resumes it', async () => {
    const env = setUp();
    const gone = 'C0REMOVED1';
    slack.fake.on('chat.postMessage', (c) => (c.body['channel'] === gone ? { body: { ok: false, error: 'not_in_channel' } } : undefined));
    try {
      const store = env.open();
      const s = env.scheduler(store);
      await store.saveTipSubscription({ platform: 'slack', channelId: gone, schedule: '0 9 * * *', timezone: 'UTC' }, undefined, new Date('2026-04-01T12:00:00Z'));
      env.at('2026-04-02T09:00:01Z');
      const [failed] = await s.tick();
      expect(failed).toMatchObject({ status: 'failed', code: 'not_in_channel' });
      const sub = await store.tipSubscription('slack', gone);
      expect(sub?.pausedAt).toEqual(new Date('2026-04-02T09:00:01Z'));
      expect(sub?.pausedReason).toMatch(/not_in_channel/);
      for (const day of ['2026-04-03', '2026-04-04']) {
        env.at(`${day}T09:00:01Z`);
        expect(await s.tick()).toEqual([]);
      }
      expect(postsTo(gone)).toHaveLength(1);
      expect(env.lines().filter((l) => String(l.msg).startsWith('tips paused for this channel'))).toHaveLength(1);
      await store.saveTipSubscription({ platform: 'slack', channelId: gone, schedule: '0 9 * * *', timezone: 'UTC' }, undefined, new Date('2026-04-04T12:00:00Z'));
      env.at('2026-04-05T09:00:01Z');
      await s.tick();
      expect(postsTo(gone)).toHaveLength(2);
      await s.stop();
    } finally {
      await env.close();
    }
  });

  it('the environment import happens once: a channel removed with tips off stays removed at the next start', async () => {
    const env = setUp();
    try {
      const config = { slack: { tipChannels: ['C0ENV00001', 'C0ENV00002'] }, tips: { schedule: '0 9 * * 1-5', timezone: 'Europe/Berlin' } };
      const { log } = captureLog();
      const first = env.open();
      expect(await importEnvTipChannels(first, config, new Date('2026-04-01T00:00:00Z'), log)).toEqual({ imported: true, count: 2 });
      expect((await first.tipSubscriptions()).map((s) => [s.channelId, s.schedule, s.timezone])).toEqual([
        ['C0ENV00001', '0 9 * * 1-5', 'Europe/Berlin'],
        ['C0ENV00002', '0 9 * * 1-5', 'Europe/Berlin'],
      ]);
      await first.removeTipSubscription('slack', 'C0ENV00002');
      const restarted = env.open();
      expect(await importEnvTipChannels(restarted, config, new Date('2026-04-02T00:00:00Z'), log)).toEqual({ imported: false, at: new Date('2026-04-01T00:00:00Z') });
      expect((await restarted.tipSubscriptions()).map((s) => s.channelId)).toEqual(['C0ENV00001']);
    } finally {
      await env.close();
    }
  });
});
