import { GatewayIntentBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostError, StartupError } from '../../../src/adapters/adapter.js';
import { startDiscord } from '../../../src/adapters/discord/start-discord.js';
import { parseConfig } from '../../../src/config.js';
import { createCore } from '../../../src/core/create-core.js';
import { loadKnowledge } from '../../../src/core/knowledge/load.js';
import { MemoryRepeatGuard } from '../../../src/core/repeat-guard.js';
import { createLogger } from '../../../src/log.js';
import { startFakeDiscord, type FakeDiscord } from '../../fixtures/discord/fake-discord.js';
import { askCommand } from '../../fixtures/discord/interactions.js';
import { FAKE_TOKEN, startBotAgainstFake, type BotHarness } from '../../fixtures/discord/start-bot.js';

describe('start-up', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await startFakeDiscord({ rejectTokens: [FAKE_TOKEN] });
  });
  afterAll(async () => {
    await fake?.close();
  });

  it('turns a rejected token into one clear StartupError line', async () => {
    const config = parseConfig({ DISCORD_TOKEN: FAKE_TOKEN, DISCORD_API_URL: fake.apiUrl });
    const lines: string[] = [];
    const log = createLogger({ level: 'debug', destination: { write: (l: string) => void lines.push(l) } });
    const started = startDiscord({ config, core: createCore(loadKnowledge()), log, repeatGuard: new MemoryRepeatGuard(60) });
    await expect(started).rejects.toBeInstanceOf(StartupError);
    await expect(started).rejects.toThrow(/^Discord rejected DISCORD_TOKEN: check the bot token on the Bot page[^\n]*$/);
    expect(fake.requests.some((r) => r.path === '/gateway/bot' && r.authorization === `Bot ${FAKE_TOKEN}`)).toBe(true);
    expect(lines.join('\n')).not.toContain(FAKE_TOKEN);
  });
});

describe('a running bot', () => {
  let bot: BotHarness;
  beforeAll(async () => {
    bot = await startBotAgainstFake({ fake: { heartbeatIntervalMs: 150 } });
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('identifies with the Guilds intent only (no privileged intents) and gets its gateway from DISCORD_API_URL', async () => {
    const identify = await bot.fake.identified();
    expect(identify.intents).toBe(GatewayIntentBits.Guilds);
    expect(identify.token).toBe(FAKE_TOKEN);
    expect(bot.fake.requests.some((r) => r.method === 'GET' && r.path === '/gateway/bot')).toBe(true);
  });

  it('keeps heartbeating on the connection', async () => {
    await expect.poll(() => bot.fake.heartbeatsAcked(), { timeout: 3_000 }).toBeGreaterThanOrEqual(2);
    expect(bot.fake.connections()).toBe(1);
  });

  it('reconnects on its own after the gateway drops, and answers again', async () => {
    bot.fake.dropConnections(4000);
    await expect.poll(() => bot.fake.resumes(), { timeout: 5_000 }).toBeGreaterThanOrEqual(1);
    const ask = askCommand('why-lighter', { channelId: '444444444444444999' });
    bot.fake.dispatch('INTERACTION_CREATE', ask);
    const callback = await bot.fake.waitForCallback(ask.id);
    expect((callback.body as { data: { embeds: unknown[] } }).data.embeds).toHaveLength(1);
  });

  it('post() sends a card to a channel with no mentions allowed and returns the message id', async () => {
    const card = bot.core.tip(bot.core.knowledge.tips[0]?.id).card;
    const { messageId } = await bot.adapter.post('123456789012345678', card);
    const request = await bot.fake.waitForRequest((r) => r.method === 'POST' && r.path === '/channels/123456789012345678/messages');
    expect(messageId).toMatch(/^\d+$/);
    const body = request.body as { allowed_mentions: unknown; embeds: { title: string }[]; components: unknown[] };
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.embeds[0]?.title).toBe(card.title);
    expect(body.components.length).toBeGreaterThan(0);
    expect(request.authorization).toBe(`Bot ${FAKE_TOKEN}`);
  });

  it.each([
    [{ status: 403, code: 50013, message: 'Missing Permissions' }, 'missing_permissions', false],
    [{ status: 403, code: 50001, message: 'Missing Access' }, 'not_in_channel', false],
    [{ status: 404, code: 10003, message: 'Unknown Channel' }, 'channel_not_found', false],
    [{ status: 429, code: 0, message: 'You are being rate limited.', retryAfter: 30 }, 'rate_limited', true],
  ] as const)('post() maps Discord error %o to PostError %s', async (error, code, retryable) => {
    const channelId = `12345678901234${String(error.code).padStart(4, '0')}`;
    bot.fake.failRoute(new RegExp(`^/channels/${channelId}/messages$`), error);
    const failure = await bot.adapter.post(channelId, bot.core.tip(1).card).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(PostError);
    expect((failure as PostError).code).toBe(code);
    expect((failure as PostError).retryable).toBe(retryable);
  });
});
