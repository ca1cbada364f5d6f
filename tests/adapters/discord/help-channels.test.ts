import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GatewayIntentBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeNotHelpful } from '../../../src/adapters/discord/auto-reply.js';
import { openStore, type SqliteStorage } from '../../../src/store/open-store.js';
import type { RecordedRequest } from '../../fixtures/discord/fake-discord.js';
import { ASKER, buttonClick, GUILD_ID, slashCommand, TEAMMATE } from '../../fixtures/discord/interactions.js';
import { guildCreate, HELP_CHANNEL_ID, messageCreate, THREAD_ID } from '../../fixtures/discord/messages.js';
import { startBotAgainstFake, type BotHarness } from '../../fixtures/discord/start-bot.js';

/**
 * Help-channel mode through the real discord.js client against the local
 * fake: the intents it asks for, /vmvc autoanswer (Manage Channels only), the
 * one auto-reply to a confident question, the messages it must not answer
 * (proven by a later message that IS answered), and Not helpful.
 */
type Post = { message_reference?: { message_id: string }; allowed_mentions?: unknown; embeds?: { title?: string }[]; components?: { components: { custom_id: string }[] }[] };

const OTHER_CHANNEL = '444444444444444460';
const MANAGE_CHANNELS = String(2248473465835073n | 16n);
const QUESTION = 'why are containers lighter than VMs?';

describe('Discord help channels', () => {
  let bot: BotHarness;
  let store: SqliteStorage;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'vmvc-dhelp-'));
    store = openStore({ dataDir });
    bot = await startBotAgainstFake({ env: { DISCORD_HELP_CHANNELS_ENABLED: 'true', AUTOANSWER_MAX_PER_10_MINUTES: '50' }, helpChannels: store.helpChannels });
    bot.fake.dispatch('GUILD_CREATE', guildCreate([HELP_CHANNEL_ID, OTHER_CHANNEL]));
  });
  afterAll(async () => {
    await bot?.close();
    store?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function autoanswer(mode: string, manage: boolean, channelId = HELP_CHANNEL_ID): Promise<string> {
    const payload = slashCommand('autoanswer', { channelId, options: [{ name: 'mode', type: 3, value: mode }] });
    if (manage) payload.member.permissions = MANAGE_CHANNELS;
    bot.fake.dispatch('INTERACTION_CREATE', payload);
    const body = (await bot.fake.waitForCallback(payload.id)).body as { data?: { content?: string; flags?: number } };
    expect((body.data?.flags ?? 0) & 64).toBe(64);
    return body.data?.content ?? '';
  }

  const replyTo = (messageId: string) =>
    bot.fake.waitForRequest((r) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path) && (r.body as Post).message_reference?.message_id === messageId, 10_000);
  const autoPosts = (): RecordedRequest[] => bot.fake.requests.filter((r) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path) && (r.body as Post).message_reference !== undefined);

  it('asks for Guild Messages and the privileged Message Content intent only because DISCORD_HELP_CHANNELS_ENABLED is on', async () => {
    const { intents } = await bot.fake.identified();
    expect(intents & GatewayIntentBits.GuildMessages).toBe(GatewayIntentBits.GuildMessages);
    expect(intents & GatewayIntentBits.MessageContent).toBe(GatewayIntentBits.MessageContent);
  });

  it('refuses a member without Manage Channels, and lets one with it switch auto-answer on', async () => {
    expect(await autoanswer('status', false)).toMatch(/^Auto-answer is off/);
    expect(await autoanswer('on', false)).toMatch(/not allowed.*Manage Channels/);
    expect(store.helpChannels.isHelpChannel('discord', HELP_CHANNEL_ID)).toBe(false);
    expect(await autoanswer('on', true)).toMatch(/^Auto-answer is on/);
    expect(store.helpChannels.isHelpChannel('discord', HELP_CHANNEL_ID)).toBe(true);
  });

  it('answers a confident question once, as a reply that pings nobody, with Not helpful', async () => {
    const msg = messageCreate({ content: `@everyone ${QUESTION}` });
    bot.fake.dispatch('MESSAGE_CREATE', msg);
    const post = await replyTo(msg.id);
    const body = post.body as Post;
    expect(body.embeds?.[0]?.title).toBe('Why are containers lighter than VMs?');
    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const ids = (body.components ?? []).flatMap((r) => r.components.map((c) => c.custom_id));
    expect(ids.map(decodeNotHelpful).find((d) => d !== undefined)).toEqual({ ref: 'why-lighter', asker: ASKER.id });
    expect(ids.some((id) => id.endsWith(':down') && id.startsWith('vmvc:vote:'))).toBe(false);

    // The same message delivered again (a resumed session): still one reply; the next test's count proves it.
    bot.fake.dispatch('MESSAGE_CREATE', msg);
  });

  it('ignores chatter, bots, edits, replies, thread messages and other channels', async () => {
    const ignored = [
      messageCreate({ content: 'lunch anyone? the new place opened' }),
      messageCreate({ content: QUESTION, author: { id: '777777777777777001', username: 'otherbot', bot: true } }),
      messageCreate({ content: QUESTION, type: 19, extra: { message_reference: { message_id: '1300000000000000001', channel_id: HELP_CHANNEL_ID, guild_id: GUILD_ID } } }),
      messageCreate({ content: QUESTION, channelId: THREAD_ID }),
      messageCreate({ content: QUESTION, channelId: OTHER_CHANNEL }),
    ];
    for (const m of ignored) bot.fake.dispatch('MESSAGE_CREATE', m);
    bot.fake.dispatch('MESSAGE_UPDATE', { ...messageCreate({ content: QUESTION }), edited_timestamp: new Date().toISOString() });
    const marker = messageCreate({ content: 'what is a hypervisor?' });
    bot.fake.dispatch('MESSAGE_CREATE', marker);
    expect(((await replyTo(marker.id)).body as Post).embeds?.[0]?.title).toBe('What is a hypervisor?');
    const ignoredIds = new Set(ignored.map((m) => m.id));
    expect(autoPosts().filter((r) => ignoredIds.has((r.body as Post).message_reference?.message_id ?? ''))).toEqual([]);
    expect(autoPosts()).toHaveLength(2); // the first answer (once, despite the redelivery) and the marker; not the edit
  });

  it('Not helpful: a bystander only gives feedback; the asker removes the reply and the 👎 is recorded', async () => {
    const customId = `vmvc-auto:nh:why-lighter:${ASKER.id}`;
    const bystander = buttonClick(customId);
    bystander.member.user = TEAMMATE;
    bot.fake.dispatch('INTERACTION_CREATE', bystander);
    const refused = (await bot.fake.waitForCallback(bystander.id)).body as { data?: { content?: string } };
    expect(refused.data?.content).toMatch(/Only the person who asked/);

    const asker = buttonClick(customId);
    bot.fake.dispatch('INTERACTION_CREATE', asker);
    const removed = await bot.fake.waitForRequest((r) => r.method === 'DELETE' && r.path === `/webhooks/${'111111111111111111'}/tok-${asker.id}/messages/@original`);
    expect(removed).toBeDefined();
    await bot.fake.waitForRequest((r) => r.method === 'POST' && r.path === `/webhooks/111111111111111111/tok-${asker.id}`);
    expect(bot.recorder.votes.filter((v) => v.entryId === 'why-lighter' && v.vote === 'down')).toHaveLength(2);
  });
});
