import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeAction } from '../../../src/core/card-actions.js';
import { FAKE_APPLICATION_ID, type RecordedRequest } from '../../fixtures/discord/fake-discord.js';
import { ASKER, TEAMMATE, buttonClick, messageCommand } from '../../fixtures/discord/interactions.js';
import { startBotAgainstFake, type BotHarness } from '../../fixtures/discord/start-bot.js';

/**
 * "Answer with vmvc" (a message context-menu command) through the real
 * discord.js client against the local Discord fake: the private answer, then
 * Reply to message, posted once as a reply that pings nobody.
 */
interface Button {
  type: number;
  custom_id: string;
  label: string;
  style: number;
}
interface CallbackBody {
  type: number;
  data?: {
    content?: string;
    flags?: number;
    embeds?: { title?: string }[];
    components?: { type: number; components: Button[] }[];
    allowed_mentions?: { parse?: string[]; users?: string[]; replied_user?: boolean };
  };
}
interface ChannelPost {
  content?: string;
  embeds?: { title?: string }[];
  components?: { components: Button[] }[];
  allowed_mentions?: unknown;
  message_reference?: { message_id: string; fail_if_not_exists?: boolean };
}

const EPHEMERAL = 64;
const INJECTED = '@everyone @here <@&999999999999999999> why are containers lighter than VMs? <@777777777777777700>';
let bot: BotHarness;
let seq = 0;
const freshChannel = () => String(444_444_444_444_445_000n + BigInt(++seq));
const freshMessage = () => String(888_888_888_888_889_000n + BigInt(seq));

beforeAll(async () => {
  bot = await startBotAgainstFake();
});
afterAll(async () => {
  await bot?.close();
});

async function send(payload: { id: string }): Promise<CallbackBody> {
  bot.fake.dispatch('INTERACTION_CREATE', payload);
  return (await bot.fake.waitForCallback(payload.id)).body as CallbackBody;
}

const buttons = (body: CallbackBody | ChannelPost): Button[] => {
  const rows = 'type' in body ? body.data?.components : body.components;
  return (rows ?? []).flatMap((r) => r.components);
};
const channelPosts = (channelId: string) => bot.fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`);
const editOf = (token: string) => (r: RecordedRequest) => r.method === 'PATCH' && r.path === `/webhooks/${FAKE_APPLICATION_ID}/${token}/messages/@original`;

describe('Discord message command: Answer with vmvc', () => {
  it('answers the target message privately, with Reply to message and no feedback buttons, and no mention allowed', async () => {
    const channelId = freshChannel();
    const messageId = freshMessage();
    const body = await send(messageCommand({ content: INJECTED, channelId, messageId, mentionEveryone: true }));
    expect(body.type).toBe(4);
    expect((body.data?.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(body.data?.embeds?.[0]?.title).toBe('Why are containers lighter than VMs?');
    expect(body.data?.allowed_mentions).toEqual({ parse: [] });
    expect(body.data?.content).toBeUndefined();
    const ids = buttons(body).map((b) => b.custom_id);
    expect(ids[0]).toBe(`vmvc-reply:${messageId}:${TEAMMATE.id}:why-lighter`);
    expect(buttons(body)[0]?.label).toBe('Reply to message');
    expect(ids).not.toContain(encodeAction({ type: 'vote', entryId: 'why-lighter', vote: 'up' }));
    expect(JSON.stringify(body)).not.toMatch(/@everyone|@here|<@&|777777777777777700/);
  });

  it('Reply to message posts the card once as a reply to the original, attributed, pinging nobody', async () => {
    const channelId = freshChannel();
    const messageId = freshMessage();
    const preview = await send(messageCommand({ content: INJECTED, channelId, messageId, mentionEveryone: true }));
    const replyId = buttons(preview)[0]?.custom_id ?? '';

    const click = buttonClick(replyId, { channelId });
    const ack = await send(click);
    expect(ack.type).toBe(6); // DEFERRED_UPDATE_MESSAGE: acknowledged before the post
    const post = await bot.fake.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`);
    const sent = post.body as ChannelPost;
    expect(sent.message_reference).toEqual({ message_id: messageId, fail_if_not_exists: true });
    expect(sent.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(sent.content).toBe(`For <@${TEAMMATE.id}>, shared by <@${ASKER.id}>`);
    expect(sent.embeds?.[0]?.title).toBe('Why are containers lighter than VMs?');
    expect(buttons(sent).map((b) => b.custom_id)).toContain(encodeAction({ type: 'vote', entryId: 'why-lighter', vote: 'up' }));
    expect(buttons(sent).some((b) => b.custom_id.startsWith('vmvc-reply:'))).toBe(false);
    expect(JSON.stringify(sent)).not.toMatch(/@everyone|@here|<@&|777777777777777700/);
    // The private answer becomes a pointer to the reply, without its button.
    const edit = await bot.fake.waitForRequest(editOf(click.token));
    expect((edit.body as { content?: string }).content).toMatch(new RegExp(`^Posted as a reply: https://discord.com/channels/\\d+/${channelId}/\\d+$`));
    expect((edit.body as { components?: unknown[] }).components).toEqual([]);

    // A second click is not posted again: the clicker is pointed at the reply.
    const second = await send(buttonClick(replyId, { channelId }));
    expect(second.type).toBe(7); // UPDATE_MESSAGE
    expect(second.data?.content).toMatch(/posted as a reply to that message <t:\d+:R>: https:\/\/discord\.com\/channels\//);
    expect(channelPosts(channelId)).toHaveLength(1);
  });

  it('a message the engine declines gets the honest card, privately, without Reply to message', async () => {
    const body = await send(messageCommand({ content: 'anyone up for lunch at noon? @everyone', channelId: freshChannel() }));
    expect((body.data?.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(body.data?.embeds?.[0]?.title).toBe('Not something I can answer');
    expect(buttons(body).some((b) => b.custom_id.startsWith('vmvc-reply:'))).toBe(false);
    expect(body.data?.allowed_mentions).toEqual({ parse: [] });
  });

  it('a target message without text (only attachments or embeds) is answered honestly, privately', async () => {
    const body = await send(messageCommand({ content: '', channelId: freshChannel() }));
    expect((body.data?.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(body.data?.content).toMatch(/no text I can read/);
    expect(body.data?.embeds ?? []).toEqual([]);
  });

  it('a reply that met a 5xx is not sent again; the clicker is told it may or may not have been posted', async () => {
    const channelId = freshChannel();
    const preview = await send(messageCommand({ content: 'why are containers lighter than VMs?', channelId, messageId: freshMessage() }));
    bot.fake.failRoute(new RegExp(`^/channels/${channelId}/messages$`), { status: 500, code: 0, message: '500: Internal Server Error' });
    const click = buttonClick(buttons(preview)[0]?.custom_id ?? '', { channelId });
    await send(click);
    const edit = await bot.fake.waitForRequest(editOf(click.token));
    expect((edit.body as { content?: string }).content).toMatch(/may or may not have been posted/);
    expect((edit.body as { components?: unknown[] }).components).toEqual([]);
    expect(channelPosts(channelId)).toHaveLength(1);
  });
});
