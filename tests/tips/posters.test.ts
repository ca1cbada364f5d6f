import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PostError } from '../../src/adapters/adapter.js';
import { buildTipCard } from '../../src/core/build-cards.js';
import { openStore, type SqliteStorage } from '../../src/store/open-store.js';
import { createDiscordPoster } from '../../src/adapters/discord/discord-poster.js';
import { createSlackPoster } from '../../src/adapters/slack/slack-poster.js';
import { postSlotToChannels } from '../../src/tips/tip-scheduler.js';
import { FakePlatforms } from './fake-platforms.js';
import { captureLog, seeded, tempDir, tipsKnowledge } from './support.js';

const fake = new FakePlatforms();
const knowledge = tipsKnowledge([1, 2, 3]);
const card = buildTipCard(knowledge, knowledge.tips[0]!);
const DISCORD_CHANNEL = '123456789012345678';
const DISCORD_MISSING = '876543210987654321';
const token = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GAbcde.abcdefghijklmnopqrstuvwxyz0123456789AB';

beforeAll(async () => {
  await fake.start();
});
afterAll(async () => {
  await fake.stop();
});
beforeEach(() => {
  fake.requests.length = 0;
});

describe('Slack poster against a local fake Web API', () => {
  it('posts the tip card with chat.postMessage: blocks, fallback text, no unfurls', async () => {
    const poster = createSlackPoster({ botToken: 'xoxb-test-token', apiUrl: fake.slackApiUrl }, captureLog().log);
    const { messageId } = await poster.post('C0TIPS01', card);
    expect(messageId).toMatch(/^1700000000\./);
    const [req] = fake.of('slack:C0TIPS01');
    expect(req?.headers.authorization).toBe('Bearer xoxb-test-token');
    expect(String(req?.body.text)).toContain('Tip number 1.');
    const blocks = req?.body.blocks as { type: string }[];
    expect(Array.isArray(blocks)).toBe(true);
    expect(JSON.stringify(blocks)).toContain('Tip number 1.');
    expect(JSON.stringify(blocks)).toContain('Why containers are lighter');
    expect(req?.body.unfurl_links).toBe('false');
  });

  it('channel_not_found becomes a non-retryable PostError', async () => {
    fake.script('slack:C0GONE01', { status: 200, body: { ok: false, error: 'channel_not_found' } });
    const poster = createSlackPoster({ botToken: 'xoxb-test-token', apiUrl: fake.slackApiUrl }, captureLog().log);
    const error = await poster.post('C0GONE01', card).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PostError);
    expect((error as PostError).code).toBe('channel_not_found');
    expect((error as PostError).retryable).toBe(false);
  });

  it('a 429 with Retry-After becomes rate_limited with the wait in ms, and no hidden client retry', async () => {
    fake.script('slack:C0BUSY01', { status: 429, headers: { 'retry-after': '3' }, body: { ok: false, error: 'ratelimited' } });
    const poster = createSlackPoster({ botToken: 'xoxb-test-token', apiUrl: fake.slackApiUrl }, captureLog().log);
    const error = await poster.post('C0BUSY01', card).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'rate_limited', retryAfterMs: 3_000 });
    expect(fake.of('slack:C0BUSY01')).toHaveLength(1);
  });
});

describe('Discord poster against a local fake REST API', () => {
  it('POSTs /api/v10/channels/:id/messages with the embed, buttons and allowed_mentions parse []', async () => {
    const poster = createDiscordPoster({ token, apiUrl: fake.discordApiUrl }, captureLog().log);
    const { messageId } = await poster.post(DISCORD_CHANNEL, card);
    expect(messageId).toMatch(/^9\d+$/);
    const [req] = fake.of(`discord:${DISCORD_CHANNEL}`);
    expect(req?.headers.authorization).toBe(`Bot ${token}`);
    expect(req?.body.allowed_mentions).toEqual({ parse: [] });
    const embeds = req?.body.embeds as { description?: string; title?: string }[];
    expect(embeds).toHaveLength(1);
    expect(JSON.stringify(embeds[0])).toContain('Tip number 1.');
    expect(JSON.stringify(req?.body.components)).toContain('Why containers are lighter');
  });

  it('an unknown channel becomes channel_not_found', async () => {
    fake.script(`discord:${DISCORD_MISSING}`, { status: 404, body: { code: 10003, message: 'Unknown Channel' } });
    const poster = createDiscordPoster({ token, apiUrl: fake.discordApiUrl }, captureLog().log);
    const error = await poster.post(DISCORD_MISSING, card).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PostError);
    expect((error as PostError).code).toBe('channel_not_found');
  });

  it('a 429 is handed back as rate_limited with its wait, not queued inside the client', async () => {
    fake.script(`discord:${DISCORD_CHANNEL}`, {
      status: 429,
      headers: { 'retry-after': '2', 'x-ratelimit-scope': 'user', 'x-ratelimit-bucket': 'b1', 'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': '2' },
      body: { message: 'You are being rate limited.', retry_after: 2, global: false },
    });
    const poster = createDiscordPoster({ token, apiUrl: fake.discordApiUrl }, captureLog().log);
    const error = await poster.post(DISCORD_CHANNEL, card).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PostError);
    expect((error as PostError).code).toBe('rate_limited');
    expect((error as PostError).retryAfterMs).toBeGreaterThan(1_000);
    // Rejected at once, not queued or retried inside the client: one request reached the fake.
    expect(fake.of(`discord:${DISCORD_CHANNEL}`)).toHaveLength(1);
  });
});

describe('tips delivered end to end through both posters', () => {
  let store: SqliteStorage;
  let cleanup: () => void;
  beforeEach(() => {
    const t = tempDir();
    store = openStore({ dataDir: t.dir });
    cleanup = () => {
      store.close();
      t.cleanup();
    };
  });

  it('one slot: Slack retries after its 429, a missing channel fails alone, Discord posts; exactly one message per channel', async () => {
    fake.script('slack:C0TIPS02', { status: 429, headers: { 'retry-after': '2' }, body: { ok: false, error: 'ratelimited' } });
    fake.script('slack:C0GONE02', { status: 200, body: { ok: false, error: 'channel_not_found' } });
    const { log } = captureLog();
    const waits: number[] = [];
    const posters = [createSlackPoster({ botToken: 'xoxb-test-token', apiUrl: fake.slackApiUrl }, log), createDiscordPoster({ token, apiUrl: fake.discordApiUrl }, log)];
    const channels = [
      { platform: 'slack' as const, channelId: 'C0TIPS02' },
      { platform: 'slack' as const, channelId: 'C0GONE02' },
      { platform: 'discord' as const, channelId: DISCORD_CHANNEL },
    ];
    const options = { store, posters, channels, knowledge, log, random: seeded(3), sleep: async (ms: number) => void waits.push(ms) };
    const results = await postSlotToChannels(options, '2025-06-02T07:00:00.000Z');
    expect(results.map((r) => `${r.slot.channelId}:${r.status}`)).toEqual(['C0TIPS02:posted', 'C0GONE02:failed', `${DISCORD_CHANNEL}:posted`]);
    expect(waits).toEqual([2_000]);
    expect(fake.of('slack:C0TIPS02')).toHaveLength(2);
    expect(fake.of('slack:C0GONE02')).toHaveLength(1);
    expect(fake.of(`discord:${DISCORD_CHANNEL}`)).toHaveLength(1);

    // The same slot again (a restart, a second copy): nothing more reaches either platform.
    const before = fake.requests.length;
    const again = await postSlotToChannels(options, '2025-06-02T07:00:00.000Z');
    expect(again.every((r) => r.status === 'skipped')).toBe(true);
    expect(fake.requests.length).toBe(before);
    cleanup();
  });
});
