import { describe, expect, it } from 'vitest';
import { buildTipCard, buildTopicsCard } from '../../src/core/build-cards.js';
import type { TopicsCard } from '../../src/core/card.js';
import { loadKnowledge } from '../../src/core/knowledge/load.js';
import {
  SLACK_ACTIONS_ELEMENTS_MAX,
  SLACK_BUTTON_TEXT_MAX,
  SLACK_CONTEXT_TEXT_MAX,
  SLACK_HEADER_TEXT_MAX,
  SLACK_SECTION_TEXT_MAX,
} from '../../src/render/slack-blocks.js';
import {
  homeActionEntryId,
  renderSlackCardModal,
  renderSlackHome,
  SLACK_MODAL_TITLE_MAX,
  SLACK_VIEW_BLOCKS_MAX,
  type HomeCuratorSummary,
} from '../../src/render/slack-home.js';

type Json = Record<string, unknown>;

const k = loadKnowledge();
const tip = buildTipCard(k, k.tips[0] ?? (undefined as never));

/** Every Block Kit limit the Home tab relies on, checked block by block. */
function expectWithinLimits(blocks: Json[]): void {
  expect(blocks.length).toBeLessThanOrEqual(SLACK_VIEW_BLOCKS_MAX);
  const actionIds: string[] = [];
  for (const b of blocks) {
    const text = (b['text'] as Json | undefined)?.['text'] as string | undefined;
    if (b['type'] === 'header') expect(text?.length ?? 0).toBeLessThanOrEqual(SLACK_HEADER_TEXT_MAX);
    if (b['type'] === 'section') expect(text?.length ?? 0).toBeLessThanOrEqual(SLACK_SECTION_TEXT_MAX);
    if (b['type'] === 'context') for (const e of b['elements'] as Json[]) expect((e['text'] as string).length).toBeLessThanOrEqual(SLACK_CONTEXT_TEXT_MAX);
    const buttons = [...((b['elements'] as Json[] | undefined) ?? []), ...(b['accessory'] ? [b['accessory'] as Json] : [])].filter((e) => e['type'] === 'button');
    if (b['type'] === 'actions') expect(buttons.length).toBeLessThanOrEqual(SLACK_ACTIONS_ELEMENTS_MAX);
    for (const btn of buttons) {
      expect(((btn['text'] as Json)['text'] as string).length).toBeLessThanOrEqual(SLACK_BUTTON_TEXT_MAX);
      actionIds.push(btn['action_id'] as string);
    }
  }
  expect(new Set(actionIds).size).toBe(actionIds.length);
}

const hostileSummary: HomeCuratorSummary = {
  days: 7,
  total: 10,
  answered: 4,
  split: { suggested: 2, declined: 4 },
  mostAsked: [{ entryId: 'why-lighter', title: 'Why are containers lighter than VMs?', count: 4 }],
  downvoted: [],
  unanswered: Array.from({ length: 8 }, (_, i) => ({
    normalized: `<!channel> <@U0VICTIM> @here ${'very long question '.repeat(100)} ${i}`,
    count: 8 - i,
  })),
};

describe('renderSlackHome', () => {
  it('the real topics: every entry has a button, within every limit', () => {
    const view = renderSlackHome({ tip, topics: buildTopicsCard(k), curator: hostileSummary });
    const blocks = view.blocks as unknown as Json[];
    expectWithinLimits(blocks);
    const ids = blocks.flatMap((b) => (b['elements'] as Json[] | undefined) ?? []).map((e) => e['action_id']);
    for (const e of k.faq) expect(ids).toContain(`vmvc-home:show:${e.id}`);
  });

  it('user text in the curator summary is escaped, cut, and limited to five rows', () => {
    const blocks = renderSlackHome({ tip, topics: buildTopicsCard(k), curator: hostileSummary }).blocks as unknown as Json[];
    const all = JSON.stringify(blocks);
    expect(all.match(/<[@!#][^>]*>/g) ?? []).toEqual([]);
    expect(all).toContain('&lt;!channel&gt; &lt;@U0VICTIM&gt; @\u2060here');
    const unanswered = blocks.map((b) => ((b['text'] as Json | undefined)?.['text'] as string | undefined) ?? '').find((t) => t.startsWith('*Top unanswered'));
    expect(unanswered?.split('\n')).toHaveLength(1 + 5);
  });

  it('thousands of topics in hundreds of tags: 100 blocks at most, the rest named by id in one section', () => {
    const groups: TopicsCard['groups'] = Array.from({ length: 400 }, (_, g) => ({
      tag: `tag-${g}`,
      entries: Array.from({ length: g % 30 === 0 ? 60 : 3 }, (_, i) => ({ id: `t-${g}-${i}`, title: `Topic ${g}.${i} ${'x'.repeat(100)}` })),
    }));
    const topics: TopicsCard = { ...buildTopicsCard(k), groups };
    const blocks = renderSlackHome({ tip, topics, curator: hostileSummary }).blocks as unknown as Json[];
    expect(blocks.length).toBeLessThanOrEqual(SLACK_VIEW_BLOCKS_MAX);
    expectWithinLimits(blocks);
    expect(JSON.stringify(blocks)).toContain('More topics, by id');
  });

  it('no curator input, no curator section; the store missing says so', () => {
    const member = JSON.stringify(renderSlackHome({ tip, topics: buildTopicsCard(k) }));
    expect(member).not.toContain('Curator summary');
    const noStore = JSON.stringify(renderSlackHome({ tip, topics: buildTopicsCard(k), curator: 'unavailable' }));
    expect(noStore).toContain('needs the bot database');
  });
});

describe('renderSlackCardModal and the Home action ids', () => {
  it('a card in a modal: title within 24 characters, no message buttons', () => {
    const entry = k.faq[0];
    if (!entry) throw new Error('no faq');
    const modal = renderSlackCardModal({ kind: 'answer', entryId: entry.id, confidence: 1, title: entry.title, body: entry.answer, sources: [], related: [] });
    expect(modal.title.text.length).toBeLessThanOrEqual(SLACK_MODAL_TITLE_MAX);
    expect(modal.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(modal.blocks.length).toBeLessThanOrEqual(SLACK_VIEW_BLOCKS_MAX);
  });

  it('only well-formed Home action ids name an entry', () => {
    expect(homeActionEntryId('vmvc-home:show:why-lighter')).toBe('why-lighter');
    expect(homeActionEntryId('vmvc-home:learn:why-lighter')).toBe('why-lighter');
    expect(homeActionEntryId('vmvc-home:show:../etc')).toBeUndefined();
    expect(homeActionEntryId('vmvc:show:why-lighter')).toBeUndefined();
  });
});
