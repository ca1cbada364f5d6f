import { describe, expect, it } from 'vitest';
import { buildDeclinedCard, buildSuggestCard } from '../../src/core/build-cards.js';
import type { AnswerCard, Card } from '../../src/core/card.js';
import { decodeAction } from '../../src/core/card-actions.js';
import { createCore } from '../../src/core/create-core.js';
import {
  renderSlackBlocks,
  SLACK_DISMISS_ACTION,
  SLACK_FALLBACK_TEXT_MAX,
  SLACK_REPLY_IN_THREAD_ACTION,
  type SlackMessage,
  type SlackRenderOptions,
} from '../../src/render/slack-blocks.js';
import * as renderer from '../../src/render/slack-blocks.js';
import { realKnowledge } from '../fixtures/slack/start-test-slack.js';

/*
 * Slack's documented Block Kit limits, written here as literals on purpose:
 * taken from the renderer, a wrong limit there would pass every test below.
 * Sources: docs.slack.dev/reference/block-kit/blocks (header: text 150; section:
 * text 3,000, fields 10 items of 2,000; context: 10 elements; actions: 25
 * elements; a message: 50 blocks), .../block-elements/button-element (text 75,
 * value 2,000, action_id 255) and .../composition-objects/text-object (3,000).
 */
const SLACK_HEADER_TEXT_MAX = 150;
const SLACK_SECTION_TEXT_MAX = 3000;
const SLACK_SECTION_FIELDS_MAX = 10;
const SLACK_FIELD_TEXT_MAX = 2000;
const SLACK_CONTEXT_ELEMENTS_MAX = 10;
const SLACK_CONTEXT_TEXT_MAX = 3000;
const SLACK_ACTIONS_ELEMENTS_MAX = 25;
const SLACK_MESSAGE_BLOCKS_MAX = 50;
const SLACK_BUTTON_TEXT_MAX = 75;
const SLACK_BUTTON_VALUE_MAX = 2000;
const SLACK_ACTION_ID_MAX = 255;

type Json = Record<string, unknown>;

const knowledge = realKnowledge();
const core = createCore(knowledge, { random: () => 0 });

/** Every card the knowledge base can produce, named for failure messages. */
function everyCard(): [string, Card][] {
  const cards: [string, Card][] = [];
  for (const entry of knowledge.faq) cards.push([`faq ${entry.id}`, core.show(entry.id)?.card as Card]);
  for (const dim of knowledge.comparison) cards.push([`compare ${dim.id}`, core.compare(dim.id).card]);
  cards.push(['compare (whole table)', core.compare('').card]);
  cards.push(['compare (unknown dimension)', core.compare('zzzz qqqq').card]);
  for (const tip of knowledge.tips) cards.push([`tip ${tip.id}`, core.tip(tip.id).card]);
  cards.push(['topics', core.respond('topics', { platform: 'slack' }).card]);
  cards.push(['help', core.respond('help', { platform: 'slack' }).card]);
  cards.push(['suggest', buildSuggestCard(knowledge, knowledge.faq.slice(0, 3).map((e) => e.id), 0.5)]);
  cards.push(['declined unknown', buildDeclinedCard(knowledge, 'unknown')]);
  cards.push(['declined empty', core.ask('', { platform: 'slack' }).card]);
  cards.push(['declined question', core.ask('what is the best pizza topping in naples', { platform: 'slack' }).card]);
  return cards;
}

const OPTION_SETS: [string, SlackRenderOptions][] = [
  ['plain', {}],
  ['ephemeral', { shareable: true }],
  ['ephemeral with target', { shareable: true, target: 'U0ALICE' }],
  ['shared', { sharedBy: 'U0ASKER', target: 'U0ALICE' }],
  ['recent post', { recentPost: { secondsAgo: 42 } }],
  ['voted', { shareable: true, voted: 'up' }],
];

/** Every string anywhere in the message. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  return out;
}

/** Live Slack tokens: mentions, broadcasts, channel links. */
function liveTokens(message: SlackMessage): string[] {
  return strings(message).flatMap((s) => s.match(/<[@!#][^>]*>/g) ?? []);
}

function assertWithinLimits(message: SlackMessage, label: string, allowedMentions: string[] = []): void {
  expect(message.text.trim(), `${label}: fallback text`).not.toBe('');
  expect(message.text.length, `${label}: fallback text`).toBeLessThanOrEqual(SLACK_FALLBACK_TEXT_MAX);
  expect(message.blocks.length, `${label}: blocks`).toBeLessThanOrEqual(SLACK_MESSAGE_BLOCKS_MAX);
  const actionIds: string[] = [];
  for (const block of message.blocks as unknown as Json[]) {
    const text = block['text'] as Json | undefined;
    switch (block['type']) {
      case 'header':
        expect((text?.['text'] as string).length, `${label}: header`).toBeLessThanOrEqual(SLACK_HEADER_TEXT_MAX);
        expect((text?.['text'] as string).length).toBeGreaterThan(0);
        expect(text?.['type']).toBe('plain_text');
        break;
      case 'section': {
        if (text) {
          expect((text['text'] as string).length, `${label}: section`).toBeLessThanOrEqual(SLACK_SECTION_TEXT_MAX);
          expect((text['text'] as string).trim()).not.toBe('');
        }
        const fields = (block['fields'] as unknown as Json[] | undefined) ?? [];
        expect(fields.length, `${label}: fields`).toBeLessThanOrEqual(SLACK_SECTION_FIELDS_MAX);
        for (const f of fields) expect((f['text'] as string).length, `${label}: field`).toBeLessThanOrEqual(SLACK_FIELD_TEXT_MAX);
        break;
      }
      case 'context': {
        const elements = block['elements'] as unknown as Json[];
        expect(elements.length).toBeGreaterThan(0);
        expect(elements.length, `${label}: context`).toBeLessThanOrEqual(SLACK_CONTEXT_ELEMENTS_MAX);
        for (const e of elements) expect((e['text'] as string).length).toBeLessThanOrEqual(SLACK_CONTEXT_TEXT_MAX);
        break;
      }
      case 'actions': {
        const elements = block['elements'] as unknown as Json[];
        expect(elements.length).toBeGreaterThan(0);
        expect(elements.length, `${label}: buttons`).toBeLessThanOrEqual(SLACK_ACTIONS_ELEMENTS_MAX);
        for (const b of elements) {
          const label2 = (b['text'] as Json)['text'] as string;
          expect(label2.length, `${label}: button "${label2}"`).toBeLessThanOrEqual(SLACK_BUTTON_TEXT_MAX);
          expect(label2.length).toBeGreaterThan(0);
          const id = b['action_id'] as string;
          expect(id.length).toBeLessThanOrEqual(SLACK_ACTION_ID_MAX);
          expect(decodeAction(id), `${label}: action id ${id} decodes`).toBeDefined();
          expect(((b['value'] as string | undefined) ?? '').length).toBeLessThanOrEqual(SLACK_BUTTON_VALUE_MAX);
          actionIds.push(id);
        }
        break;
      }
      default:
        throw new Error(`${label}: unexpected block type ${String(block['type'])}`);
    }
  }
  expect(new Set(actionIds).size, `${label}: action ids unique`).toBe(actionIds.length);
  for (const s of strings(message.blocks)) {
    // mrkdwn must not keep neutral markup, and fences must close
    expect((s.match(/```/g) ?? []).length % 2, `${label}: unbalanced fence in ${s.slice(0, 80)}`).toBe(0);
    expect(s, `${label}: neutral **bold** left in output`).not.toMatch(/\*\*[^*]+\*\*/);
  }
  for (const token of liveTokens(message)) expect(allowedMentions.map((id) => `<@${id}>`), `${label}: live token ${token}`).toContain(token);
}

describe('renderSlackBlocks over the whole knowledge base', () => {
  const cards = everyCard();

  it('covers every FAQ entry, dimension, tip and command card', () => {
    expect(cards.length).toBe(knowledge.faq.length + knowledge.comparison.length + knowledge.tips.length + 8);
    expect(new Set(cards.map(([, card]) => card.kind))).toEqual(new Set(['answer', 'comparison', 'tip', 'topics', 'help', 'suggest', 'declined']));
  });

  for (const [optionLabel, options] of OPTION_SETS) {
    it(`every card stays within Slack's limits (${optionLabel})`, () => {
      const allowed = [options.target, options.sharedBy].filter((x): x is string => x !== undefined);
      for (const [label, card] of cards) assertWithinLimits(renderSlackBlocks(card, options), `${label} [${optionLabel}]`, allowed);
    });
  }
});

describe('renderSlackBlocks card shapes', () => {
  const answer = core.show('why-lighter')?.card as AnswerCard;

  it('answer card: header, mrkdwn body, sources context, Share, related and feedback buttons', () => {
    const { blocks, text } = renderSlackBlocks(answer, { shareable: true });
    const types = (blocks as unknown as Json[]).map((b) => b['type']);
    expect(types[0]).toBe('header');
    expect(types).toContain('section');
    expect(types).toContain('context');
    expect(text).toContain(answer.title);
    const buttons = (blocks as unknown as Json[]).filter((b) => b['type'] === 'actions').flatMap((b) => b['elements'] as unknown as Json[]);
    const ids = buttons.map((b) => decodeAction(b['action_id'] as string));
    expect(ids[0]).toEqual({ type: 'share', entryId: 'why-lighter' });
    expect(ids).toContainEqual({ type: 'vote', entryId: 'why-lighter', vote: 'up' });
    expect(ids).toContainEqual({ type: 'vote', entryId: 'why-lighter', vote: 'down' });
    const related = ids.filter((a) => a?.type === 'show');
    expect(related.length).toBe(Math.min(3, answer.related.length));
    const contextText = strings((blocks as unknown as Json[]).filter((b) => b['type'] === 'context')).join(' ');
    expect(contextText).toContain('Sources:');
    expect(contextText).toContain(answer.sources[0]?.title.replace(/&/g, '&amp;') ?? '');
  });

  it('visible posts have no Share button; ephemeral ones do', () => {
    const shared = renderSlackBlocks(answer, { sharedBy: 'U0ASKER' });
    expect(JSON.stringify(shared.blocks)).not.toContain('vmvc:share:');
    expect(JSON.stringify(shared.blocks)).toContain('Shared by <@U0ASKER>');
  });

  it('neutral markup becomes mrkdwn: **bold** → *bold*, "- " → "• ", code kept', () => {
    const card: AnswerCard = { ...answer, body: '**Short:** containers share the kernel.\n- one `docker **run**`\n- two\n```\na ** b\n```' };
    const section = (renderSlackBlocks(card).blocks as unknown as Json[]).find((b) => b['type'] === 'section') as Json;
    const text = (section['text'] as Json)['text'] as string;
    expect(text).toContain('*Short:* containers');
    expect(text).toContain('• one `docker **run**`');
    expect(text).toContain('• two');
    expect(text).toContain('```\na ** b\n```');
  });

  it('comparison cards put VM and Container side by side as fields', () => {
    const card = core.compare('startup-time').card;
    const rows = (renderSlackBlocks(card).blocks as unknown as Json[]).filter((b) => Array.isArray(b['fields']));
    expect(rows.length).toBe(1);
    const fields = (rows[0]?.['fields'] as unknown as Json[]).map((f) => f['text'] as string);
    expect(fields[0]).toMatch(/^\*VM\*\n/);
    expect(fields[1]).toMatch(/^\*Container\*\n/);
    const whole = (renderSlackBlocks(core.compare('').card).blocks as unknown as Json[]).filter((b) => Array.isArray(b['fields']));
    expect(whole.length).toBe(knowledge.comparison.length);
  });

  it('tip cards get one "Tell me more" button and 👍/👎 for the tip, never a duplicate action id', () => {
    const tipId = knowledge.tips[0]?.id as number;
    const tip = core.tip(tipId).card;
    const buttons = (renderSlackBlocks(tip).blocks as unknown as Json[]).filter((b) => b['type'] === 'actions').flatMap((b) => b['elements'] as unknown as Json[]);
    expect(buttons.length).toBe(3);
    expect(((buttons[0]?.['text'] as Json)['text'] as string).startsWith('Tell me more')).toBe(true);
    expect(buttons.map((b) => decodeAction(b['action_id'] as string))).toEqual([
      { type: 'show', entryId: knowledge.tips[0]?.faq },
      { type: 'tipvote', tipId, vote: 'up' },
      { type: 'tipvote', tipId, vote: 'down' },
    ]);
  });

  it('suggest cards offer each suggestion as a button', () => {
    const ids = knowledge.faq.slice(0, 3).map((e) => e.id);
    const buttons = (renderSlackBlocks(buildSuggestCard(knowledge, ids, 0.5)).blocks as unknown as Json[])
      .filter((b) => b['type'] === 'actions')
      .flatMap((b) => b['elements'] as unknown as Json[]);
    expect(buttons.map((b) => decodeAction(b['action_id'] as string))).toEqual(ids.map((entryId) => ({ type: 'show', entryId })));
  });

  it('an ephemeral card aimed at a teammate carries the aim in every button; a shared card carries it in none', () => {
    const values = (options: SlackRenderOptions) =>
      (renderSlackBlocks(answer, options).blocks as unknown as Json[]).filter((b) => b['type'] === 'actions').flatMap((b) => (b['elements'] as unknown as Json[]).map((e) => e['value']));
    expect(new Set(values({ shareable: true, target: 'U0ALICE' }))).toEqual(new Set(['to:U0ALICE']));
    expect(values({ sharedBy: 'U0ASKER', target: 'U0ALICE' }).some((v) => String(v).includes('U0ALICE'))).toBe(false);
  });

  it('says when the same answer was posted here recently', () => {
    const { blocks } = renderSlackBlocks(answer, { recentPost: { secondsAgo: 42.4 } });
    expect(JSON.stringify(blocks)).toContain('Posted here 42 seconds ago');
  });

  it('thanks instead of re-offering feedback after a vote', () => {
    const json = JSON.stringify(renderSlackBlocks(answer, { shareable: true, voted: 'down' }).blocks);
    expect(json).toContain('Thanks for the feedback 👎');
    expect(json).not.toContain('vmvc:vote:');
  });
});

describe('renderSlackBlocks escaping and mentions', () => {
  const base = core.show('why-lighter')?.card as AnswerCard;
  const hostile: AnswerCard = {
    ...base,
    title: 'Ping <!channel> & <@U999> @everyone',
    body: 'Hey <!here> and <!everyone>, ask <@U999|boss> about <#C123|general> & <https://evil.example|click> @channel',
    footer: '<!subteam^S1|@team> @here',
    sources: [{ id: 'x', title: '<!channel> source & co' }],
    related: [{ id: 'why-lighter', title: '<@U999> related' }],
  };

  it('escapes &, < and > in every text, so knowledge text can never mention anyone', () => {
    for (const [label, options] of OPTION_SETS) {
      const message = renderSlackBlocks(hostile, options);
      const allowed = [options.target, options.sharedBy].filter((x): x is string => x !== undefined);
      assertWithinLimits(message, label, allowed);
      const all = strings(message).join('\n');
      expect(all).toContain('&lt;!channel&gt;');
      expect(all).toContain('&amp;');
      expect(all).not.toMatch(/<!(channel|here|everyone)/);
      expect(all).not.toContain('<@U999');
      // bare broadcasts are split by a word joiner so no client or parse mode can expand them
      expect(all).not.toMatch(/@(everyone|channel|here)\b/);
    }
  });

  it('mentions only a target that is a real user id, and only on shared posts or the asker\'s own card', () => {
    for (const bad of ['<!channel>', 'alice', 'U1|x', '!here', 'C0CHANNEL', '']) {
      const message = renderSlackBlocks(base, { sharedBy: 'U0ASKER', target: bad });
      expect(liveTokens(message)).toEqual(['<@U0ASKER>']);
    }
    const shared = renderSlackBlocks(base, { sharedBy: 'U0ASKER', target: 'U0ALICE' });
    expect(new Set(liveTokens(shared))).toEqual(new Set(['<@U0ALICE>', '<@U0ASKER>']));
    expect(shared.text.startsWith('<@U0ALICE>')).toBe(true);
  });
});

describe('renderSlackBlocks truncation', () => {
  const base = core.show('why-lighter')?.card as AnswerCard;

  it('fits oversized text to every limit without cutting inside a token', () => {
    const para = 'Containers **share the host kernel** & start in `milliseconds`; <VMs> boot a whole OS. ';
    const card: AnswerCard = {
      ...base,
      title: '&'.repeat(400),
      body: [para.repeat(60), '```\n' + 'docker run <image> && echo ok\n'.repeat(200) + '```', `**${'bold '.repeat(900)}**`].join('\n\n'),
      related: [{ id: 'why-lighter', title: 'x'.repeat(300) }],
      footer: '<'.repeat(5_000),
      sources: Array.from({ length: 200 }, (_, i) => ({ id: `s${i}`, title: `Source & <${i}>` })),
    };
    const message = renderSlackBlocks(card, { shareable: true });
    assertWithinLimits(message, 'oversized');
    for (const s of strings(message)) expect(s).not.toMatch(/&[a-z]*$/); // no half entity at a cut
  });

  it('keeps a comparison of many rows under 50 blocks', () => {
    const card = core.compare('').card;
    if (card.kind !== 'comparison') throw new Error('expected a comparison card');
    const many = { ...card, rows: Array.from({ length: 80 }, (_, i) => ({ ...(card.rows[0] as (typeof card.rows)[number]), id: `row-${i}` })) };
    const message = renderSlackBlocks(many);
    assertWithinLimits(message, 'many rows');
    expect(JSON.stringify(message.blocks)).toContain('row-79');
  });
});

describe('renderSlackBlocks for the message shortcut', () => {
  const answer = core.show('why-lighter')?.card as AnswerCard;
  const actionIds = (m: SlackMessage) =>
    m.blocks.flatMap((b) => (b.type === 'actions' ? b.elements.map((e) => ('action_id' in e ? e.action_id : undefined)) : []));

  it('the private answer has Reply in thread first and Dismiss last, and neither Share nor feedback', () => {
    const message = renderSlackBlocks(answer, { shareable: true, messageAction: { replyValue: '{"r":"why-lighter","t":"1.2"}' } });
    const ids = actionIds(message);
    expect(ids[0]).toBe(SLACK_REPLY_IN_THREAD_ACTION);
    expect(ids.at(-1)).toBe(SLACK_DISMISS_ACTION);
    expect(ids.some((id) => id?.startsWith('vmvc:share:') || id?.startsWith('vmvc:vote:'))).toBe(false);
    expect(message.blocks.length).toBeLessThanOrEqual(SLACK_MESSAGE_BLOCKS_MAX);
    expect(liveTokens(message)).toEqual([]);
  });

  it('without a reply value (a decline, a "did you mean") only Dismiss is added; a value past the limit drops the button', () => {
    expect(actionIds(renderSlackBlocks(buildDeclinedCard(knowledge, 'unknown'), { messageAction: {} }))).toContain(SLACK_DISMISS_ACTION);
    expect(actionIds(renderSlackBlocks(buildDeclinedCard(knowledge, 'unknown'), { messageAction: {} }))).not.toContain(SLACK_REPLY_IN_THREAD_ACTION);
    const tooLong = renderSlackBlocks(answer, { messageAction: { replyValue: 'x'.repeat(SLACK_BUTTON_VALUE_MAX + 1) } });
    expect(actionIds(tooLong)).not.toContain(SLACK_REPLY_IN_THREAD_ACTION);
  });

  it('the thread reply is attributed "For @asker, shared by @clicker", mentioning only real user ids', () => {
    const message = renderSlackBlocks(answer, { sharedBy: 'U0CLICKER', askedBy: 'U0ASKER' });
    expect(JSON.stringify(message.blocks)).toContain('For <@U0ASKER>, shared by <@U0CLICKER>');
    expect(new Set(liveTokens(message))).toEqual(new Set(['<@U0ASKER>', '<@U0CLICKER>']));
    expect(liveTokens(renderSlackBlocks(answer, { sharedBy: 'U0CLICKER', askedBy: '<!channel>' }))).toEqual(['<@U0CLICKER>']);
    expect(JSON.stringify(renderSlackBlocks(answer, { sharedBy: 'U0SAME', askedBy: 'U0SAME' }).blocks)).toContain('Shared by <@U0SAME>');
  });
});

describe("the renderer's own limits", () => {
  it('are no looser than Slack documents (a looser one only fails once a card grows into it)', () => {
    expect(renderer.SLACK_HEADER_TEXT_MAX).toBeLessThanOrEqual(SLACK_HEADER_TEXT_MAX);
    expect(renderer.SLACK_SECTION_TEXT_MAX).toBeLessThanOrEqual(SLACK_SECTION_TEXT_MAX);
    expect(renderer.SLACK_SECTION_FIELDS_MAX).toBeLessThanOrEqual(SLACK_SECTION_FIELDS_MAX);
    expect(renderer.SLACK_FIELD_TEXT_MAX).toBeLessThanOrEqual(SLACK_FIELD_TEXT_MAX);
    expect(renderer.SLACK_CONTEXT_ELEMENTS_MAX).toBeLessThanOrEqual(SLACK_CONTEXT_ELEMENTS_MAX);
    expect(renderer.SLACK_CONTEXT_TEXT_MAX).toBeLessThanOrEqual(SLACK_CONTEXT_TEXT_MAX);
    expect(renderer.SLACK_ACTIONS_ELEMENTS_MAX).toBeLessThanOrEqual(SLACK_ACTIONS_ELEMENTS_MAX);
    expect(renderer.SLACK_MESSAGE_BLOCKS_MAX).toBeLessThanOrEqual(SLACK_MESSAGE_BLOCKS_MAX);
    expect(renderer.SLACK_BUTTON_TEXT_MAX).toBeLessThanOrEqual(SLACK_BUTTON_TEXT_MAX);
    expect(renderer.SLACK_BUTTON_VALUE_MAX).toBeLessThanOrEqual(SLACK_BUTTON_VALUE_MAX);
    expect(renderer.SLACK_ACTION_ID_MAX).toBeLessThanOrEqual(SLACK_ACTION_ID_MAX);
  });
});
