import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GatewayIntentBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autoReplyThreadBody, decodeNotHelpful, DISCORD_THREAD_NAME_MAX } from '../../../src/adapters/discord/auto-reply.js';
import { openStore, type SqliteStorage } from '../../../src/store/open-store.js';
import type { RecordedRequest } from '../../fixtures/discord/fake-discord.js';
import { ASKER, buttonClick, GUILD_ID, slashCommand, TEAMMATE } from '../../fixtures/discord/interactions.js';
import { guildCreate, HELP_CHANNEL_ID, messageCreate, THREAD_ID } from '../../fixtures/discord/messages.js';
import { startBotAgainstFake, type BotHarness } from '../../fixtures/discord/start-bot.js';

/**
 * Help-channel mode through the real discord.js client against the local
 * fake: the intents it asks for, /vmvc autoanswer (Manage Channels only), the
 * one auto-reply to a confident question (a public thread started on the
 * message, the card posted in it), the messages it must not answer and the
 * failed calls it must not repeat (proven by a later message that IS
 * answered), and Not helpful.
 */
type Post = { message_reference?: unknown; allowed_mentions?: unknown; embeds?: { title?: string }[]; components?: { components: { custom_id: string }[] }[] };

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

  const isThreadStart = (r: RecordedRequest, messageId?: string) =>
    r.method === 'POST' && (messageId === undefined ? /^\/channels\/\d+\/messages\/\d+\/threads$/.test(r.path) : r.path === `/channels/${HELP_CHANNEL_ID}/messages/${messageId}/threads`);
  // The fake, like Discord, gives a thread started from a message the message's id.
  const isPostInThread = (r: RecordedRequest, messageId: string) => r.method === 'POST' && r.path === `/channels/${messageId}/messages`;
  const threadStarts = (messageId?: string): RecordedRequest[] => bot.fake.requests.filter((r) => isThreadStart(r, messageId));
  const postsInThread = (messageId: string): RecordedRequest[] => bot.fake.requests.filter((r) => isPostInThread(r, messageId));
  /** The thread start for a member's message, then the card posted in that thread. */
  async function answerTo(messageId: string): Promise<{ thread: RecordedRequest; post: RecordedRequest }> {
    const thread = await bot.fake.waitForRequest((r) => isThreadStart(r, messageId), 10_000);
    const post = await bot.fake.waitForRequest((r) => isPostInThread(r, messageId), 10_000);
    return { thread, post };
  }
  const logFor = (messageId: string, pattern: RegExp) => bot.waitForLog((l) => l['messageId'] === messageId && pattern.test(l.msg));
  const failedFor = (pattern: RegExp) => bot.waitForLog((l) => l['channelId'] === HELP_CHANNEL_ID && pattern.test(l.msg));
  /**
   * The same message delivered again as another bot copy sharing the store
   * would see it: discord.js drops a MESSAGE_CREATE for a message it already
   * has cached, so the delete takes it out of the cache first.
   */
  function deliverAgain(msg: ReturnType<typeof messageCreate>): void {
    bot.fake.dispatch('MESSAGE_DELETE', { id: msg.id, channel_id: msg.channel_id, guild_id: GUILD_ID });
    bot.fake.dispatch('MESSAGE_CREATE', msg);
  }

  it('asks for Guild Messages and the privileged Message Content intent only because DISCORD_HELP_CHANNELS_ENABLED is on', async () => {
    const { intents } = await bot.fake.identified();
    expect(intents & GatewayIntentBits.GuildMessages).toBe(GatewayIntentBits.GuildMessages);
    expect(intents & GatewayIntentBits.MessageContent).toBe(GatewayIntentBits.MessageContent);
  });

  it('refuses a member without Manage Channels, and lets one with it switch auto-answer on', async () => {
    expect(await autoanswer('status', false)).toMatch(/^Auto-answer is off/);
    expect(await autoanswer('on', false)).toMatch(/not allowed.*Manage Channels/);
    expect(await store.helpChannels.isHelpChannel('discord', HELP_CHANNEL_ID)).toBe(false);
    expect(await autoanswer('on', true)).toMatch(/^Auto-answer is on/);
    expect(await store.helpChannels.isHelpChannel('discord', HELP_CHANNEL_ID)).toBe(true);
  });

  it('answers a confident question once, in a public thread on the message named after the answer, pinging nobody, with Not helpful', async () => {
    const msg = messageCreate({ content: `@everyone ${QUESTION}` });
    bot.fake.dispatch('MESSAGE_CREATE', msg);
    const { thread, post } = await answerTo(msg.id);
    expect(thread.body).toEqual({ name: 'Why are containers lighter than VMs?', auto_archive_duration: 1440 });
    const body = post.body as Post;
    expect(body.embeds?.[0]?.title).toBe('Why are containers lighter than VMs?');
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.message_reference).toBeUndefined();
    expect(JSON.stringify(body)).not.toContain('@everyone');
    const ids = (body.components ?? []).flatMap((r) => r.components.map((c) => c.custom_id));
    expect(ids.map(decodeNotHelpful).find((d) => d !== undefined)).toEqual({ ref: 'why-lighter', asker: ASKER.id });
    expect(ids.some((id) => id.endsWith(':down') && id.startsWith('vmvc:vote:'))).toBe(false);

    // The same message again, to a copy that has not seen it: the store's claim holds; the next test's count proves no second thread.
    deliverAgain(msg);
    await logFor(msg.id, /^auto-answer skipped: the message already has an auto-reply$/);
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
    expect(((await answerTo(marker.id)).post.body as Post).embeds?.[0]?.title).toBe('What is a hypervisor?');
    for (const m of ignored) expect([...bot.fake.requests.filter((r) => r.path.includes(`/${m.id}/`)), ...postsInThread(m.id)]).toEqual([]);
    // The first answer (once, despite the redelivery) and the marker; not the edit. No plain channel posts either.
    expect(threadStarts()).toHaveLength(2);
    expect(bot.fake.requests.filter((r) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path)).map((r) => r.path)).toHaveLength(2);
    expect(bot.fake.requests.some((r) => r.method === 'POST' && r.path === `/channels/${HELP_CHANNEL_ID}/messages`)).toBe(false);
  });

  it('a 5xx on starting the thread is never re-sent: no second thread, no post, even when the message comes again', async () => {
    bot.fake.failRoute(/^\/channels\/\d+\/messages\/\d+\/threads$/, { status: 500, code: 0, message: 'Internal Server Error' });
    const msg = messageCreate({ content: 'do containers share the host kernel?' });
    bot.fake.dispatch('MESSAGE_CREATE', msg);
    await failedFor(/^auto-answer: starting its thread failed: .*it may have gone through, so it is not sent again$/);
    deliverAgain(msg);
    await logFor(msg.id, /^auto-answer skipped: the message already has an auto-reply$/);
    const marker = messageCreate({ content: 'what is a hypervisor?' });
    bot.fake.dispatch('MESSAGE_CREATE', marker);
    await answerTo(marker.id);
    expect(threadStarts(msg.id)).toHaveLength(1);
    expect(postsInThread(msg.id)).toEqual([]);
  });

  it('a 5xx on posting in the new thread is never re-sent, and the message gets no second thread', async () => {
    bot.fake.failRoute(/^\/channels\/\d+\/messages$/, { status: 503, code: 0, message: 'Service Unavailable' });
    const msg = messageCreate({ content: 'why are containers lighter than VMs?' });
    bot.fake.dispatch('MESSAGE_CREATE', msg);
    await failedFor(/^auto-answer: posting in its thread failed: .*it may have gone through, so it is not sent again$/);
    deliverAgain(msg);
    await logFor(msg.id, /^auto-answer skipped: the message already has an auto-reply$/);
    const marker = messageCreate({ content: 'what is a hypervisor?' });
    bot.fake.dispatch('MESSAGE_CREATE', marker);
    await answerTo(marker.id);
    expect(threadStarts(msg.id)).toHaveLength(1);
    expect(postsInThread(msg.id)).toHaveLength(1); // the one that met the 503
  });

  it('a refused thread start (50013) names the help-channel permissions and frees the message for a later delivery', async () => {
    bot.fake.failRoute(/^\/channels\/\d+\/messages\/\d+\/threads$/, { status: 403, code: 50013, message: 'Missing Permissions' });
    const msg = messageCreate({ content: 'what is a hypervisor?' });
    bot.fake.dispatch('MESSAGE_CREATE', msg);
    await failedFor(/^auto-answer: starting its thread failed: missing permissions \(50013\).*Create Public Threads and Send Messages in Threads\)$/);
    expect(postsInThread(msg.id)).toEqual([]);
    deliverAgain(msg); // refused means nothing was made, so the next delivery may answer
    await answerTo(msg.id);
    expect(threadStarts(msg.id)).toHaveLength(2);
  });

  it("names the thread within Discord's 100-character limit, whatever the title", () => {
    const card = bot.core.ask(QUESTION, { platform: 'discord', userId: ASKER.id }).card;
    const long = autoReplyThreadBody({ ...card, title: `${'Containers versus virtual machines, '.repeat(4)}and 🐳 whales` });
    expect([...long.name].length).toBe(DISCORD_THREAD_NAME_MAX);
    expect(long.name.endsWith('…')).toBe(true);
    expect(autoReplyThreadBody({ ...card, title: '  What is\na hypervisor?  ' }).name).toBe('What is a hypervisor?');
  });

  it('Not helpful: a bystander only gives feedback; the asker removes the reply and the 👎 is recorded', async () => {
    const customId = `vmvc-auto:nh:why-lighter:${ASKER.id}`;
    const bystander = buttonClick(customId);
    bystander.member.user = TEAMMATE;
    bot.fake.dispatch('INTERACTION_CREATE', bystander);
    const refused = (await bot.fake.waitForCallback(bystander.id)).body as { data?: { content?: string } };
    expect(refused.data?.content).toMatch(/Only the person who asked/);

    // The click comes from the thread the answer is in; the bot deletes its message there and leaves the thread.
    const threadId = threadStarts()[0]?.path.split('/')[4] ?? '';
    const asker = buttonClick(customId, { channelId: threadId });
    asker.channel = { id: threadId, type: 11, guild_id: GUILD_ID, name: 'Why are containers lighter than VMs?', parent_id: HELP_CHANNEL_ID } as typeof asker.channel;
    bot.fake.dispatch('INTERACTION_CREATE', asker);
    const removed = await bot.fake.waitForRequest((r) => r.method === 'DELETE' && r.path === `/webhooks/${'111111111111111111'}/tok-${asker.id}/messages/@original`);
    expect(removed).toBeDefined();
    await bot.fake.waitForRequest((r) => r.method === 'POST' && r.path === `/webhooks/111111111111111111/tok-${asker.id}`);
    expect(bot.fake.requests.filter((r) => r.method === 'DELETE' && r.path.startsWith('/channels/'))).toEqual([]);
    expect(bot.recorder.votes.filter((v) => v.entryId === 'why-lighter' && v.vote === 'down')).toHaveLength(2);
  });
});
