import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUIRED_PERMISSION_NAMES } from '../../../src/adapters/discord/permissions.js';
import { encodeAction } from '../../../src/core/card-actions.js';
import { CARD_COLOURS } from '../../../src/render/discord-embed.js';
import type { RecordedRequest } from '../../fixtures/discord/fake-discord.js';
import {
  ASKER,
  TEAMMATE,
  askCommand,
  autocompleteQuestion,
  buttonClick,
  nextInteractionId,
  slashCommand,
} from '../../fixtures/discord/interactions.js';
import { startBotAgainstFake, type BotHarness } from '../../fixtures/discord/start-bot.js';

/** What the bot POSTs to /interactions/{id}/{token}/callback. */
interface CallbackBody {
  type: number;
  data: {
    content?: string;
    flags?: number;
    embeds?: { title?: string; description?: string; color?: number; footer?: { text: string }; fields?: { name: string; value: string; inline?: boolean }[] }[];
    components?: { type: number; components: { type: number; custom_id: string; label: string; style: number }[] }[];
    allowed_mentions?: { parse?: string[]; users?: string[]; roles?: string[] };
    choices?: { name: string; value: string }[];
  };
}

const EPHEMERAL = 64;
let bot: BotHarness;
// Each test posts in its own channel so the repeat guard of one cannot hide another's post.
let channelSeq = 0;
const freshChannel = () => String(444_444_444_444_444_500n + BigInt(++channelSeq));

async function send(payload: { id: string }): Promise<{ request: RecordedRequest; body: CallbackBody }> {
  bot.fake.dispatch('INTERACTION_CREATE', payload);
  const request = await bot.fake.waitForCallback(payload.id);
  return { request, body: request.body as CallbackBody };
}

const customIds = (body: CallbackBody) => (body.data.components ?? []).flatMap((row) => row.components.map((c) => c.custom_id));

beforeAll(async () => {
  bot = await startBotAgainstFake();
});

afterAll(async () => {
  await bot?.close();
});

describe('/vmvc ask', () => {
  it('answers in the channel with an embed, related and feedback buttons, and no mentions', async () => {
    const { request, body } = await send(askCommand('why are containers lighter than VMs?', { channelId: freshChannel() }));
    expect(request.path).toMatch(/^\/interactions\/\d+\/tok-\d+\/callback$/);
    expect(body.type).toBe(4); // CHANNEL_MESSAGE_WITH_SOURCE: answered at once, never deferred
    expect((body.data.flags ?? 0) & EPHEMERAL).toBe(0);
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
    const [embed] = body.data.embeds ?? [];
    const entry = bot.core.knowledge.faq.find((e) => e.id === 'why-lighter');
    expect(embed?.title).toBe(entry?.title);
    expect(embed?.color).toBe(CARD_COLOURS.answer);
    expect(embed?.description?.length).toBeGreaterThan(0);
    expect(embed?.footer?.text).toContain('Sources:');
    const ids = customIds(body);
    expect(ids).toContain(encodeAction({ type: 'vote', entryId: 'why-lighter', vote: 'up' }));
    expect(ids).toContain(encodeAction({ type: 'vote', entryId: 'why-lighter', vote: 'down' }));
    for (const related of entry?.related.slice(0, 3) ?? []) expect(ids).toContain(encodeAction({ type: 'show', entryId: related }));
  });

  it('answers a slug (what an autocomplete pick sends) with exactly that entry', async () => {
    const { body } = await send(askCommand('startup-time', { channelId: freshChannel() }));
    expect(body.data.embeds?.[0]?.title).toBe(bot.core.knowledge.faq.find((e) => e.id === 'startup-time')?.title);
  });

  it('replies ephemerally with private:true', async () => {
    const { body } = await send(askCommand('kernel-sharing', { channelId: freshChannel(), options: [{ name: 'private', type: 5, value: true }] }));
    expect((body.data.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(body.data.embeds?.[0]?.title).toBe(bot.core.knowledge.faq.find((e) => e.id === 'kernel-sharing')?.title);
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
  });

  it('aims the answer at a target user: mentions them and allows only that one mention', async () => {
    const { body } = await send(
      askCommand('why-lighter', { channelId: freshChannel(), options: [{ name: 'target', type: 6, value: TEAMMATE.id }], users: [TEAMMATE] }),
    );
    expect(body.data.content).toContain(`<@${TEAMMATE.id}>`);
    expect(body.data.allowed_mentions).toEqual({ parse: [], users: [TEAMMATE.id] });
    expect((body.data.flags ?? 0) & EPHEMERAL).toBe(0);
  });

  it('never turns @everyone in a question into a live mention', async () => {
    const { body } = await send(askCommand('@everyone <@&123456789012345678> why are containers lighter?', { channelId: freshChannel() }));
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(body.data)).not.toContain('@everyone');
    expect(body.data.content).toBeUndefined();
  });

  it('declines an off-topic question privately, saying what it covers', async () => {
    const { body } = await send(askCommand('what is the best pizza in naples', { channelId: freshChannel() }));
    const [embed] = body.data.embeds ?? [];
    expect(embed?.color).toBe(CARD_COLOURS.declined);
    expect(embed?.description).toMatch(/containers differ from virtual machines/);
    expect((body.data.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
    expect(customIds(body).length).toBeGreaterThan(0); // popular topics to click instead
  });

  it('posts an entry once per channel within the cooldown, then points the next asker at it privately', async () => {
    const channelId = freshChannel();
    const first = await send(askCommand('image-size', { channelId }));
    expect((first.body.data.flags ?? 0) & EPHEMERAL).toBe(0);
    const second = await send(askCommand('image-size', { channelId }));
    expect((second.body.data.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(second.body.data.content).toMatch(new RegExp(`https://discord\\.com/channels/\\d+/${channelId}/\\d+`));
    expect(second.body.data.embeds?.[0]?.title).toBe(first.body.data.embeds?.[0]?.title);
  });
});

describe('autocomplete', () => {
  it('offers ranked entries with the slug as the value', async () => {
    const { body } = await send(autocompleteQuestion('why-lighter'));
    expect(body.type).toBe(8); // APPLICATION_COMMAND_AUTOCOMPLETE_RESULT
    const choices = body.data.choices ?? [];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices[0]).toEqual({ name: bot.core.knowledge.faq.find((e) => e.id === 'why-lighter')?.title, value: 'why-lighter' });
    const slugs = new Set(bot.core.knowledge.faq.map((e) => e.id));
    for (const c of choices) {
      expect(slugs.has(c.value)).toBe(true);
      expect(c.name.length).toBeLessThanOrEqual(100);
    }
  });

  it('offers the pinned entries first when the field is empty', async () => {
    const { body } = await send(autocompleteQuestion(''));
    const pinned = bot.core.knowledge.faq.filter((e) => e.pinned).map((e) => e.id);
    expect(pinned.length).toBeGreaterThan(0);
    const choices = body.data.choices ?? [];
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices.slice(0, pinned.length).map((c) => c.value)).toEqual(pinned);
  });
});

describe('/vmvc compare, tip, topics, help', () => {
  it('compare <dimension> renders inline VM | Container fields', async () => {
    const dim = bot.core.knowledge.comparison[0];
    const { body } = await send(slashCommand('compare', { channelId: freshChannel(), options: [{ name: 'dimension', type: 3, value: dim?.id ?? '' }] }));
    const [embed] = body.data.embeds ?? [];
    expect(embed?.color).toBe(CARD_COLOURS.comparison);
    expect(embed?.title).toContain(dim?.name);
    expect(JSON.stringify(embed)).toContain(dim?.verdict);
    const inline = (embed?.fields ?? []).filter((f) => f.inline);
    expect(inline.map((f) => f.value)).toEqual([dim?.vm, dim?.container]);
    expect(inline[0]?.name).toMatch(/VM/);
    expect(inline[1]?.name).toMatch(/Container/);
    expect((body.data.flags ?? 0) & EPHEMERAL).toBe(0);
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
  });

  it('compare without a dimension shows every row of the table', async () => {
    const { body } = await send(slashCommand('compare', { channelId: freshChannel() }));
    const text = JSON.stringify(body.data.embeds);
    for (const d of bot.core.knowledge.comparison) expect(text).toContain(d.name);
  });

  it('tip posts a tip with a Tell me more button', async () => {
    const { body } = await send(slashCommand('tip', { channelId: freshChannel() }));
    const [embed] = body.data.embeds ?? [];
    expect(embed?.color).toBe(CARD_COLOURS.tip);
    const labels = (body.data.components ?? []).flatMap((r) => r.components.map((c) => c.label));
    expect(labels.some((l) => l.startsWith('Tell me more'))).toBe(true);
  });

  it('topics and help answer the asker privately', async () => {
    const topics = await send(slashCommand('topics'));
    expect((topics.body.data.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(JSON.stringify(topics.body.data.embeds)).toContain('why-lighter');
    const help = await send(slashCommand('help'));
    const commands = help.body.data.embeds?.[0]?.fields?.find((f) => f.name === 'Commands')?.value ?? '';
    expect(commands).toContain('/vmvc ask question:');
    expect(commands).not.toContain('/vmvc show');
  });
});

describe('buttons', () => {
  it('a related-topic click answers the clicker ephemerally', async () => {
    const { body } = await send(buttonClick(encodeAction({ type: 'show', entryId: 'kernel-sharing' })));
    expect(body.type).toBe(4);
    expect((body.data.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(body.data.embeds?.[0]?.title).toBe(bot.core.knowledge.faq.find((e) => e.id === 'kernel-sharing')?.title);
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
  });

  it('a 👍 records the vote through the core and thanks the voter privately', async () => {
    const before = bot.recorder.votes.length;
    const { body } = await send(buttonClick(encodeAction({ type: 'vote', entryId: 'why-lighter', vote: 'up' })));
    expect(body.data.content).toMatch(/thanks/i);
    expect((body.data.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
    expect(bot.recorder.votes.length).toBe(before + 1);
    const vote = bot.recorder.votes.at(-1);
    expect(vote).toMatchObject({ platform: 'discord', entryId: 'why-lighter', vote: 'up' });
    expect(vote?.userHash).not.toContain(ASKER.id); // stored hashed, never the raw id
  });

  it('a button that is not ours gets a polite ephemeral note', async () => {
    const { body } = await send(buttonClick('someone-else:thing'));
    expect((body.data.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(body.data.embeds ?? []).toEqual([]);
  });
});

describe('Discord errors never crash the bot', () => {
  it('logs an expired interaction (10062) and keeps answering', async () => {
    const expired = askCommand('why-lighter', { id: nextInteractionId(), channelId: freshChannel() });
    bot.fake.failRoute(new RegExp(`^/interactions/${expired.id}/`), { status: 404, code: 10062, message: 'Unknown interaction' });
    await send(expired);
    await expect.poll(() => bot.logs.find((l) => l.code === 10062)?.msg).toMatch(/expired or unknown/);
    expect(bot.logs.find((l) => l.code === 10062)?.level).toBe(40); // warn: it happens, nothing to fix
    const next = await send(askCommand('kernel-sharing', { channelId: freshChannel() }));
    expect(next.body.data.embeds?.[0]?.title).toBeDefined();
  });

  it('a 5xx on the interaction callback is not sent again (it may have gone through): one request, one log line', async () => {
    const flaky = askCommand('why-lighter', { id: nextInteractionId(), channelId: freshChannel() });
    bot.fake.failRoute(new RegExp(`^/interactions/${flaky.id}/`), { status: 500, code: 0, message: '500: Internal Server Error' });
    bot.fake.dispatch('INTERACTION_CREATE', flaky);
    await expect.poll(() => bot.logs.some((l) => l.interactionId === flaky.id && l.level >= 40)).toBe(true);
    // A later interaction answered proves the client had every chance to retry the failed one first.
    await send(askCommand('kernel-sharing', { channelId: freshChannel() }));
    expect(bot.fake.requests.filter((r) => r.path.startsWith(`/interactions/${flaky.id}/`))).toHaveLength(1);
  });

  it('logs missing permissions (50013) clearly', async () => {
    const denied = askCommand('startup-time', { id: nextInteractionId(), channelId: freshChannel() });
    bot.fake.failRoute(new RegExp(`^/interactions/${denied.id}/`), { status: 403, code: 50013, message: 'Missing Permissions' });
    await send(denied);
    await expect.poll(() => bot.logs.find((l) => l.code === 50013)?.msg).toContain(`the bot needs ${REQUIRED_PERMISSION_NAMES}`);
  });

  it('logs any other API error as an error, without the interaction token', async () => {
    const rejected = askCommand('why-lighter', { id: nextInteractionId(), channelId: freshChannel() });
    bot.fake.failRoute(new RegExp(`^/interactions/${rejected.id}/`), { status: 400, code: 50035, message: 'Invalid Form Body' });
    await send(rejected);
    await expect.poll(() => bot.logs.find((l) => l.code === 50035)?.msg).toMatch(/Discord API error 50035 \(HTTP 400\) on POST .*\/interactions\/\d+\/:token\/callback/);
    expect(bot.logs.find((l) => l.code === 50035)?.level).toBe(50);
    expect(JSON.stringify(bot.logs)).not.toContain(rejected.token);
  });

  it('gives up on a long rate limit instead of blowing the 3-second window, and logs it', async () => {
    const limited = askCommand('image-size', { id: nextInteractionId(), channelId: freshChannel() });
    bot.fake.failRoute(new RegExp(`^/interactions/${limited.id}/`), { status: 429, code: 0, message: 'You are being rate limited.', retryAfter: 30 });
    await send(limited);
    await expect.poll(() => bot.logs.find((l) => l.code === 429)?.msg).toMatch(/rate limited/);
  });

});
