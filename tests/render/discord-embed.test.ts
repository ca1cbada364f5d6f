import { describe, expect, it } from 'vitest';
import { buildDeclinedCard, buildSuggestCard } from '../../src/core/build-cards.js';
import type { AnswerCard, Card, ComparisonCard } from '../../src/core/card.js';
import { decodeAction, encodeAction } from '../../src/core/card-actions.js';
import { createCore } from '../../src/core/create-core.js';
import { loadKnowledge } from '../../src/core/knowledge/load.js';
import {
  CARD_COLOURS,
  embedLength,
  renderAutocompleteChoices,
  renderDiscordMessage,
  toRestBody,
  type DiscordMessage,
} from '../../src/render/discord-embed.js';
import * as renderer from '../../src/render/discord-embed.js';

/*
 * Discord's documented limits, written here as literals on purpose: taken from
 * the renderer, a wrong limit there would pass every test below. Sources:
 * discord.com/developers/docs/resources/message#embed-object-embed-limits
 * (title 256, description 4,096, 25 fields, field name 256 and value 1,024,
 * footer 2,048, 6,000 in all), .../interactions/message-components (5 action
 * rows of 5 buttons, label 80, custom_id 100) and .../interactions/
 * application-commands (autocomplete: 25 choices, choice name 100).
 */
const DISCORD_EMBED_TITLE_MAX = 256;
const DISCORD_EMBED_DESCRIPTION_MAX = 4096;
const DISCORD_EMBED_MAX_FIELDS = 25;
const DISCORD_EMBED_FIELD_NAME_MAX = 256;
const DISCORD_EMBED_FIELD_VALUE_MAX = 1024;
const DISCORD_EMBED_FOOTER_MAX = 2048;
const DISCORD_EMBED_TOTAL_MAX = 6000;
const DISCORD_MAX_ACTION_ROWS = 5;
const DISCORD_MAX_BUTTONS_PER_ROW = 5;
const DISCORD_BUTTON_LABEL_MAX = 80;
const DISCORD_CUSTOM_ID_MAX = 100;
const DISCORD_AUTOCOMPLETE_MAX_CHOICES = 25;
const DISCORD_CHOICE_NAME_MAX = 100;

const knowledge = loadKnowledge();
const core = createCore(knowledge, { random: () => 0 });

/** Markup is balanced: an even number of fences, and outside them of ** and of backticks. */
function assertBalancedMarkup(text: string, where: string): void {
  expect((text.match(/```/g) ?? []).length % 2, `${where}: unbalanced code fence`).toBe(0);
  const noFences = text.replace(/```[\s\S]*?```/g, '');
  expect((noFences.match(/`/g) ?? []).length % 2, `${where}: unbalanced backtick`).toBe(0);
  const noCode = noFences.replace(/`[^`]*`/g, '');
  expect((noCode.match(/\*\*/g) ?? []).length % 2, `${where}: unbalanced bold`).toBe(0);
}

function assertWithinLimits(message: DiscordMessage, where: string): void {
  expect(message.embeds).toHaveLength(1);
  const [embed] = message.embeds;
  expect(embed.title?.length ?? 0, `${where}: title`).toBeLessThanOrEqual(DISCORD_EMBED_TITLE_MAX);
  expect(embed.title?.length ?? 0, `${where}: title present`).toBeGreaterThan(0);
  expect(embed.description?.length ?? 0, `${where}: description`).toBeLessThanOrEqual(DISCORD_EMBED_DESCRIPTION_MAX);
  expect(embed.fields?.length ?? 0, `${where}: field count`).toBeLessThanOrEqual(DISCORD_EMBED_MAX_FIELDS);
  for (const f of embed.fields ?? []) {
    expect(f.name.length, `${where}: field name`).toBeGreaterThan(0);
    expect(f.name.length, `${where}: field name`).toBeLessThanOrEqual(DISCORD_EMBED_FIELD_NAME_MAX);
    expect(f.value.length, `${where}: field value`).toBeGreaterThan(0);
    expect(f.value.length, `${where}: field value`).toBeLessThanOrEqual(DISCORD_EMBED_FIELD_VALUE_MAX);
    assertBalancedMarkup(f.value, `${where} field ${f.name}`);
  }
  expect(embed.footer?.text.length ?? 0, `${where}: footer`).toBeLessThanOrEqual(DISCORD_EMBED_FOOTER_MAX);
  expect(embedLength(embed), `${where}: total`).toBeLessThanOrEqual(DISCORD_EMBED_TOTAL_MAX);
  if (embed.description !== undefined) assertBalancedMarkup(embed.description, `${where} description`);
  expect(message.components.length, `${where}: rows`).toBeLessThanOrEqual(DISCORD_MAX_ACTION_ROWS);
  const ids = new Set<string>();
  for (const row of message.components) {
    expect(row.components.length, `${where}: buttons per row`).toBeGreaterThan(0);
    expect(row.components.length, `${where}: buttons per row`).toBeLessThanOrEqual(DISCORD_MAX_BUTTONS_PER_ROW);
    for (const b of row.components) {
      expect(b.custom_id.length, `${where}: custom_id`).toBeLessThanOrEqual(DISCORD_CUSTOM_ID_MAX);
      expect(decodeAction(b.custom_id), `${where}: custom_id decodes`).toBeDefined();
      expect(ids.has(b.custom_id), `${where}: duplicate custom_id`).toBe(false);
      ids.add(b.custom_id);
      expect(b.label?.length ?? 0, `${where}: label`).toBeLessThanOrEqual(DISCORD_BUTTON_LABEL_MAX);
      expect(b.label?.length ?? 0, `${where}: label`).toBeGreaterThan(0);
    }
  }
  expect(message.allowedMentions, `${where}: mentions`).toEqual({ parse: [] });
}

/** Every card the knowledge base can produce. */
function everyCard(): { where: string; card: Card }[] {
  const cards: { where: string; card: Card }[] = [];
  for (const entry of knowledge.faq) cards.push({ where: `faq ${entry.id}`, card: core.show(entry.id)?.card as Card });
  for (const dim of knowledge.comparison) cards.push({ where: `compare ${dim.id}`, card: core.compare(dim.id).card });
  cards.push({ where: 'compare (whole table)', card: core.compare('').card });
  cards.push({ where: 'compare (unknown dimension)', card: core.compare('flux capacitor').card });
  for (const tip of knowledge.tips) cards.push({ where: `tip ${tip.id}`, card: core.tip(tip.id).card });
  cards.push({ where: 'topics', card: core.respond('topics', { platform: 'discord' }).card });
  cards.push({ where: 'help', card: core.respond('help', { platform: 'discord' }).card });
  cards.push({ where: 'suggest', card: buildSuggestCard(knowledge, knowledge.faq.slice(0, 3).map((e) => e.id), 0.5) });
  cards.push({ where: 'declined (unknown)', card: core.ask('what is the best pizza in naples', { platform: 'discord' }).card });
  cards.push({ where: 'declined (empty)', card: buildDeclinedCard(knowledge, 'empty') });
  return cards;
}

describe('every card in the knowledge base renders within Discord limits', () => {
  const cards = everyCard();

  it('covers every FAQ entry, dimension and tip', () => {
    expect(cards.length).toBe(knowledge.faq.length + knowledge.comparison.length + knowledge.tips.length + 7);
    expect(cards.every((c) => c.card !== undefined)).toBe(true);
    expect(new Set(cards.map((c) => c.card.kind))).toEqual(new Set(['answer', 'comparison', 'tip', 'topics', 'help', 'suggest', 'declined']));
  });

  it.each(cards.map((c) => [c.where, c.card] as const))('%s', (where, card) => {
    assertWithinLimits(renderDiscordMessage(card), where);
    const targeted = renderDiscordMessage(card, { target: '666666666666666666' });
    expect(targeted.allowedMentions).toEqual({ parse: [], users: ['666666666666666666'] });
  });
});

describe('renderDiscordMessage', () => {
  const answer = core.show('why-lighter')?.card as AnswerCard;

  it('renders an answer: title, markup body, sources footer, colour, related and feedback rows', () => {
    const message = renderDiscordMessage(answer);
    const [embed] = message.embeds;
    expect(embed.title).toBe(answer.title);
    expect(embed.description).toBe(answer.body);
    expect(embed.color).toBe(CARD_COLOURS.answer);
    expect(embed.footer?.text).toContain(`Sources: ${answer.sources[0]?.title}`);
    expect(message.content).toBeUndefined();
    const [related, feedback] = message.components;
    expect(related?.components.map((b) => b.custom_id)).toEqual(answer.related.map((r) => encodeAction({ type: 'show', entryId: r.id })));
    expect(related?.components.map((b) => b.label)).toEqual(answer.related.map((r) => r.title));
    expect(feedback?.components.map((b) => [b.emoji?.name, b.custom_id])).toEqual([
      ['👍', encodeAction({ type: 'vote', entryId: 'why-lighter', vote: 'up' })],
      ['👎', encodeAction({ type: 'vote', entryId: 'why-lighter', vote: 'down' })],
    ]);
  });

  it('gives every card kind its own colour', () => {
    expect(new Set(Object.values(CARD_COLOURS)).size).toBe(Object.keys(CARD_COLOURS).length);
  });

  it('lays a single comparison row out as inline VM | Container, the verdict leading', () => {
    const dim = knowledge.comparison[1];
    const card = core.compare(dim?.id ?? '').card as ComparisonCard;
    const [embed] = renderDiscordMessage(card).embeds;
    const fields = embed.fields ?? [];
    const pair = [
      { name: '🖥️ VM', value: dim?.vm, inline: true },
      { name: '📦 Container', value: dim?.container, inline: true },
    ];
    // The verdict appears once: in the description when the core puts it there, otherwise as a heading field.
    if (card.body.includes(dim?.verdict ?? '')) expect(fields).toEqual(pair);
    else expect(fields).toEqual([{ name: dim?.name, value: dim?.verdict }, ...pair]);
    expect(JSON.stringify(embed).split(dim?.verdict ?? '').length - 1).toBe(1);
  });

  it('gives each of several rows a heading, then its VM | Container pair', () => {
    const [a, b] = knowledge.comparison;
    const card: ComparisonCard = { ...(core.compare(a?.id ?? '').card as ComparisonCard), rows: [a, b].map((d) => ({ id: d?.id ?? '', name: d?.name ?? '', vm: d?.vm ?? '', container: d?.container ?? '', verdict: d?.verdict ?? '' })) };
    const fields = renderDiscordMessage(card).embeds[0].fields ?? [];
    expect(fields.map((f) => [f.name, f.inline ?? false])).toEqual([
      [a?.name, false],
      ['🖥️ VM', true],
      ['📦 Container', true],
      [b?.name, false],
      ['🖥️ VM', true],
      ['📦 Container', true],
    ]);
  });

  it('fits the whole table into one embed with every dimension in it', () => {
    const card = core.compare('').card as ComparisonCard;
    const [embed] = renderDiscordMessage(card).embeds;
    expect(embed.fields?.map((f) => f.name)).toEqual(knowledge.comparison.slice(0, DISCORD_EMBED_MAX_FIELDS).map((d) => d.name));
  });

  it('offers suggestions as primary buttons and no feedback on a "did you mean"', () => {
    const card = buildSuggestCard(knowledge, ['why-lighter', 'startup-time'], 0.5);
    const message = renderDiscordMessage(card);
    expect(message.components).toHaveLength(1);
    expect(message.components[0]?.components.map((b) => [b.style, decodeAction(b.custom_id)])).toEqual([
      [1, { type: 'show', entryId: 'why-lighter' }],
      [1, { type: 'show', entryId: 'startup-time' }],
    ]);
  });

  it('labels the tip button "Tell me more"', () => {
    const message = renderDiscordMessage(core.tip(knowledge.tips[0]?.id).card);
    const [button] = message.components[0]?.components ?? [];
    expect(button?.label).toMatch(/^Tell me more: /);
    expect(decodeAction(button?.custom_id ?? '')).toEqual({ type: 'show', entryId: knowledge.tips[0]?.faq });
    const votes = message.components[1]?.components.map((b) => decodeAction(b.custom_id));
    expect(votes).toEqual([
      { type: 'tipvote', tipId: knowledge.tips[0]?.id, vote: 'up' },
      { type: 'tipvote', tipId: knowledge.tips[0]?.id, vote: 'down' },
    ]);
  });

  it('mentions only the target, in content', () => {
    const message = renderDiscordMessage(answer, { target: '666666666666666666' });
    expect(message.content).toBe('<@666666666666666666>');
    expect(message.allowedMentions).toEqual({ parse: [], users: ['666666666666666666'] });
  });

  it('points at a recent post with a relative timestamp and the link', () => {
    const at = new Date('2026-01-01T10:00:00Z');
    const link = 'https://discord.com/channels/1/2/3';
    const message = renderDiscordMessage(answer, { recentPost: { at, link } });
    expect(message.content).toContain(`<t:${at.getTime() / 1000}:R>`);
    expect(message.content).toContain(link);
    expect(message.allowedMentions).toEqual({ parse: [] });
  });

  it('truncates oversized text without breaking markdown and keeps the total under 6,000', () => {
    const para = '**Bold start** and `inline code` then a long run of words '.repeat(40);
    const huge: AnswerCard = {
      ...answer,
      title: 'T'.repeat(400),
      body: `${para}\n\n\`\`\`\n${'docker run --rm alpine echo hi\n'.repeat(200)}\`\`\`\n\n${para}`,
      related: Array.from({ length: 6 }, (_, i) => ({ id: `topic-${i}`, title: 'L'.repeat(120) })),
    };
    const message = renderDiscordMessage(huge);
    assertWithinLimits(message, 'huge answer');
    expect(message.embeds[0].description?.endsWith('```')).toBe(true); // the open fence was closed
    expect(message.components[0]?.components).toHaveLength(3);
    const wide: ComparisonCard = {
      ...(core.compare('').card as ComparisonCard),
      rows: Array.from({ length: 30 }, (_, i) => ({ id: `d${i}`, name: `Dimension ${i}`, vm: 'v'.repeat(900), container: '**c** '.repeat(150), verdict: 'x' })),
    };
    assertWithinLimits(renderDiscordMessage(wide), 'wide comparison');
  });

  it('drops a button whose custom_id would exceed 100 characters rather than the whole message', () => {
    const longSlug = `a-${'b'.repeat(120)}`;
    const card: AnswerCard = { ...answer, related: [{ id: longSlug, title: 'Too long' }, { id: 'kernel-sharing', title: 'Kernel' }] };
    const ids = renderDiscordMessage(card).components.flatMap((r) => r.components.map((b) => b.custom_id));
    expect(ids).toContain(encodeAction({ type: 'show', entryId: 'kernel-sharing' }));
    expect(ids.some((id) => id.includes(longSlug))).toBe(false);
  });

  it('converts to a snake_case REST body for channel posts', () => {
    const body = toRestBody(renderDiscordMessage(answer));
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.embeds).toHaveLength(1);
    expect('allowedMentions' in body).toBe(false);
  });
});

describe('renderAutocompleteChoices', () => {
  it('caps at 25 choices, names at 100 characters, values are slugs', () => {
    const refs = Array.from({ length: 40 }, (_, i) => ({ id: `entry-${i}`, title: `Title ${i} ${'x'.repeat(150)}` }));
    const choices = renderAutocompleteChoices(refs);
    expect(choices).toHaveLength(DISCORD_AUTOCOMPLETE_MAX_CHOICES);
    expect(choices.every((c) => c.name.length <= DISCORD_CHOICE_NAME_MAX)).toBe(true);
    expect(choices[0]?.value).toBe('entry-0');
  });

  it('renders the core ranking for real entries unchanged', () => {
    const refs = core.autocomplete('why-lighter', 25);
    expect(renderAutocompleteChoices(refs)).toEqual(refs.map((r) => ({ name: r.title, value: r.id })));
  });
});

describe('renderDiscordMessage for the message command', () => {
  const answer = core.show('why-lighter')?.card as AnswerCard;
  const ids = (m: DiscordMessage) => m.components.flatMap((r) => r.components.map((c) => c.custom_id));

  it('the private answer leads with Reply to message and leaves out the feedback buttons', () => {
    const message = renderDiscordMessage(answer, { messageAction: { replyCustomId: 'vmvc-reply:1:2:why-lighter' } });
    expect(message.components[0]?.components[0]).toMatchObject({ custom_id: 'vmvc-reply:1:2:why-lighter', label: 'Reply to message' });
    expect(ids(message)).not.toContain(encodeAction({ type: 'vote', entryId: 'why-lighter', vote: 'up' }));
    expect(message.allowedMentions).toEqual({ parse: [] });
  });

  it('no reply id (a decline) or one past Discord\'s limit: no Reply to message button', () => {
    expect(ids(renderDiscordMessage(buildDeclinedCard(knowledge, 'unknown'), { messageAction: {} })).some((id) => id.startsWith('vmvc-reply:'))).toBe(false);
    const tooLong = renderDiscordMessage(answer, { messageAction: { replyCustomId: `vmvc-reply:${'1'.repeat(DISCORD_CUSTOM_ID_MAX)}` } });
    expect(ids(tooLong).some((id) => id.startsWith('vmvc-reply:'))).toBe(false);
  });
});

describe("the renderer's own limits", () => {
  it('are no looser than Discord documents (a looser one only fails once a card grows into it)', () => {
    expect(renderer.DISCORD_EMBED_TITLE_MAX).toBeLessThanOrEqual(DISCORD_EMBED_TITLE_MAX);
    expect(renderer.DISCORD_EMBED_DESCRIPTION_MAX).toBeLessThanOrEqual(DISCORD_EMBED_DESCRIPTION_MAX);
    expect(renderer.DISCORD_EMBED_MAX_FIELDS).toBeLessThanOrEqual(DISCORD_EMBED_MAX_FIELDS);
    expect(renderer.DISCORD_EMBED_FIELD_NAME_MAX).toBeLessThanOrEqual(DISCORD_EMBED_FIELD_NAME_MAX);
    expect(renderer.DISCORD_EMBED_FIELD_VALUE_MAX).toBeLessThanOrEqual(DISCORD_EMBED_FIELD_VALUE_MAX);
    expect(renderer.DISCORD_EMBED_FOOTER_MAX).toBeLessThanOrEqual(DISCORD_EMBED_FOOTER_MAX);
    expect(renderer.DISCORD_EMBED_TOTAL_MAX).toBeLessThanOrEqual(DISCORD_EMBED_TOTAL_MAX);
    expect(renderer.DISCORD_MAX_ACTION_ROWS).toBeLessThanOrEqual(DISCORD_MAX_ACTION_ROWS);
    expect(renderer.DISCORD_MAX_BUTTONS_PER_ROW).toBeLessThanOrEqual(DISCORD_MAX_BUTTONS_PER_ROW);
    expect(renderer.DISCORD_BUTTON_LABEL_MAX).toBeLessThanOrEqual(DISCORD_BUTTON_LABEL_MAX);
    expect(renderer.DISCORD_CUSTOM_ID_MAX).toBeLessThanOrEqual(DISCORD_CUSTOM_ID_MAX);
    expect(renderer.DISCORD_AUTOCOMPLETE_MAX_CHOICES).toBeLessThanOrEqual(DISCORD_AUTOCOMPLETE_MAX_CHOICES);
    expect(renderer.DISCORD_CHOICE_NAME_MAX).toBeLessThanOrEqual(DISCORD_CHOICE_NAME_MAX);
  });
});
