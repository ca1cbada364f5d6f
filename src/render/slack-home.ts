import type { types as SlackTypes } from '@slack/bolt';
import type { Card, EntryRef, TipCard, TopicsCard } from '../core/card.js';
import {
  markupToMrkdwn,
  renderSlackBlocks,
  safePlain,
  SLACK_ACTION_ID_MAX,
  SLACK_ACTIONS_ELEMENTS_MAX,
  SLACK_BUTTON_TEXT_MAX,
  SLACK_CONTEXT_TEXT_MAX,
  SLACK_HEADER_TEXT_MAX,
  SLACK_SECTION_TEXT_MAX,
} from './slack-blocks.js';
import { truncateMarkup, truncatePlain } from './truncate.js';

type KnownBlock = SlackTypes.KnownBlock;
type Button = SlackTypes.Button;
type HomeView = SlackTypes.HomeView;
type ModalView = SlackTypes.ModalView;

/*
 * View limits, from https://docs.slack.dev/reference/views/home-tab-views and
 * .../modal-views. Slack rejects the whole view (invalid_arguments) when one is
 * exceeded; block-level limits are the message ones in slack-blocks.ts.
 */
/** A Home tab or modal view carries at most 100 blocks. */
export const SLACK_VIEW_BLOCKS_MAX = 100;
/** Modal `title` and `close`: plain_text, max 24 characters each. */
export const SLACK_MODAL_TITLE_MAX = 24;
export const SLACK_MODAL_CLOSE_MAX = 24;

/** How many rows each curator list shows in the Home tab ("the five most asked"); `npx vmvc report` has the long lists. */
export const HOME_CURATOR_LIST_MAX = 5;
/** One unanswered question as shown: long pastes are cut so five of them stay readable. */
export const HOME_QUESTION_TEXT_MAX = 200;

/**
 * Action ids of the Home tab's buttons. Not `vmvc:` card actions: those answer
 * through a message's response_url, which a view does not have; these open the
 * card in a modal with the click's trigger_id.
 */
export const SLACK_HOME_SHOW_PREFIX = 'vmvc-home:show:';
/** The tip's "learn more": its own prefix, since its entry usually has a topic button too and action ids must not repeat. */
export const SLACK_HOME_LEARN_PREFIX = 'vmvc-home:learn:';
export const SLACK_HOME_ACTION_PATTERN = /^vmvc-home:(show|learn):/;

/** The entry id a Home button opens, or undefined for an action id this version did not render. */
export function homeActionEntryId(actionId: string): string | undefined {
  const m = /^vmvc-home:(?:show|learn):([a-z0-9-]+)$/.exec(actionId);
  return m?.[1];
}

/** The curator summary an admin sees: figures from the store, already counted. */
export interface HomeCuratorSummary {
  days: number;
  /** Questions in the window: answered plus not answered. */
  total: number;
  answered: number;
  /**
   * The not-answered questions split by outcome; undefined when only the
   * total is known (see curator-summary.ts).
   */
  split?: { suggested: number; declined: number };
  mostAsked: { entryId: string; title?: string; count: number }[];
  downvoted: { entryId: string; title?: string; down: number; up: number }[];
  /** User text (normalised, but escaped here all the same). */
  unanswered: { normalized: string; count: number; closest?: { id: string; title: string } }[];
}

export interface HomeViewInput {
  /** Today's tip. */
  tip: TipCard;
  /** Every topic, grouped by tag. */
  topics: TopicsCard;
  /** Only for admins; `unavailable` when the bot has no store to read. */
  curator?: HomeCuratorSummary | 'unavailable';
}

/** Cuts `raw` until its rendering fits `max` (escaping lengthens, so the budget is found by rendering). */
function fit(raw: string, max: number, render: (s: string) => string, cut: (s: string, n: number) => string): string {
  let budget = Math.min(raw.length, max);
  let out = render(raw.length > max ? cut(raw, max) : raw);
  while (out.length > max && budget > 1) {
    budget = Math.max(1, budget - Math.max(1, out.length - max));
    out = render(cut(raw, budget));
  }
  return out.length > max ? '…' : out;
}
const fitMarkup = (raw: string, max: number) => fit(raw, max, markupToMrkdwn, truncateMarkup);
const fitPlain = (raw: string, max: number) => fit(raw, max, safePlain, truncatePlain);

const mrkdwn = (text: string): SlackTypes.MrkdwnElement => ({ type: 'mrkdwn', text, verbatim: true });
const section = (text: string, accessory?: Button): SlackTypes.SectionBlock => ({
  type: 'section',
  text: mrkdwn(text),
  ...(accessory !== undefined && { accessory }),
});
const header = (text: string): KnownBlock => ({ type: 'header', text: { type: 'plain_text', text: fitPlain(text, SLACK_HEADER_TEXT_MAX), emoji: true } });
const divider: KnownBlock = { type: 'divider' };
const context = (text: string): KnownBlock => ({ type: 'context', elements: [mrkdwn(text)] });

function button(label: string, actionId: string): Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: fitPlain(label, SLACK_BUTTON_TEXT_MAX), emoji: true },
    action_id: actionId.slice(0, SLACK_ACTION_ID_MAX),
  };
}

const INTRO =
  'I answer how **Docker containers differ from virtual machines**, from a curated knowledge base with sources. ' +
  'Ask in your own words with `/vmvc <question>`, mention @vmvc in a channel, send me a direct message, ' +
  'or use **More actions → Answer with vmvc** on any message. Answers are private until you share them.';

function introBlocks(): KnownBlock[] {
  return [header('vmvc: containers vs VMs'), section(fitMarkup(INTRO, SLACK_SECTION_TEXT_MAX))];
}

function tipBlocks(tip: TipCard): KnownBlock[] {
  // The tip card's title is the same generic line for every tip; the body is the tip.
  const text = fitMarkup(`**Today's tip**\n${tip.body}`, SLACK_SECTION_TEXT_MAX);
  return [section(text, button(`Tell me more: ${tip.learnMore.title}`, `${SLACK_HOME_LEARN_PREFIX}${tip.learnMore.id}`))];
}

const pct = (part: number, total: number) => `${Math.round((100 * part) / total)}%`;
const named = (r: { entryId: string; title?: string }) => (r.title === undefined ? `\`${r.entryId}\`` : `${r.title} (\`${r.entryId}\`)`);

/** A numbered list in mrkdwn; every piece of text in `lines` was escaped by the caller, so lines are dropped whole, never cut inside an escape. */
function listSection(title: string, lines: string[]): KnownBlock {
  const render = (kept: string[], more: boolean) =>
    `*${title}*\n${kept.length === 0 ? '_(none)_' : kept.map((l, i) => `${i + 1}. ${l}`).join('\n')}${more ? '\n…' : ''}`;
  let kept = lines;
  while (kept.length > 0 && render(kept, kept.length < lines.length).length > SLACK_SECTION_TEXT_MAX) kept = kept.slice(0, -1);
  return section(render(kept, kept.length < lines.length));
}

function curatorBlocks(curator: HomeCuratorSummary | 'unavailable'): KnownBlock[] {
  if (curator === 'unavailable') {
    return [header('Curator summary'), section('The curator summary needs the bot database, which this copy of the bot has not opened.'), divider];
  }
  const c = curator;
  const window = c.days === 7 ? 'this week' : `in the last ${c.days} days`;
  const notAnswered = c.total - c.answered;
  const shares =
    c.total === 0
      ? 'No questions yet.'
      : c.split !== undefined
        ? `answered ${pct(c.answered, c.total)} · suggested ${pct(c.split.suggested, c.total)} · declined ${pct(c.split.declined, c.total)}`
        : `answered ${pct(c.answered, c.total)} · suggested or declined ${pct(notAnswered, c.total)}`;
  const plainTitle = (r: { entryId: string; title?: string }) => (r.title === undefined ? r : { ...r, title: fitPlain(r.title, 150) });
  const asked = c.mostAsked.slice(0, HOME_CURATOR_LIST_MAX).map((r) => `${named(plainTitle(r))}: ${r.count} asked`);
  const down = c.downvoted.slice(0, HOME_CURATOR_LIST_MAX).map((r) => `${named(plainTitle(r))}: ${r.down} 👎, ${r.up} 👍`);
  const unanswered = c.unanswered.slice(0, HOME_CURATOR_LIST_MAX).map((q) => {
    // User text: escaped and defused, so `<!channel>` or `<@U…>` shows as typed and pings no one.
    const text = fitPlain(q.normalized, HOME_QUESTION_TEXT_MAX);
    const where = q.closest ? `closest: \`${q.closest.id}\`` : 'new entry needed';
    return `“${text}” ×${q.count} (${where})`;
  });
  return [
    header(`Curator summary: ${window}`),
    section(`*${c.total} question${c.total === 1 ? '' : 's'}* ${window}: ${shares}`),
    listSection('Most asked topics', asked),
    listSection('Most 👎', down),
    listSection('Top unanswered questions', unanswered),
    context(
      fitPlain(
        'For admins only. Suggested vs declined is how the engine reads the stored questions now. The full report: npx vmvc report. Unanswered questions are kept only while STORE_QUESTIONS is on.',
        SLACK_CONTEXT_TEXT_MAX,
      ),
    ),
    divider,
  ];
}

/** One tag: its name, then a button per topic (in rows of at most 25, Slack's actions limit). */
function groupBlocks(group: { tag: string; entries: EntryRef[] }): KnownBlock[] {
  const rows: KnownBlock[] = [];
  for (let i = 0; i < group.entries.length; i += SLACK_ACTIONS_ELEMENTS_MAX) {
    const elements = group.entries.slice(i, i + SLACK_ACTIONS_ELEMENTS_MAX).map((e) => button(e.title, `${SLACK_HOME_SHOW_PREFIX}${e.id}`));
    rows.push({ type: 'actions', elements });
  }
  return [section(`*${safePlain(group.tag)}* (${group.entries.length})`), ...rows];
}

/** The topics within `budget` blocks: whole tags while they fit, then one section naming the rest by id. */
function topicBlocks(topics: TopicsCard, budget: number): KnownBlock[] {
  const out: KnownBlock[] = [header(`Topics (${topics.groups.reduce((n, g) => n + g.entries.length, 0)})`)];
  const room = budget - out.length;
  let used = 0;
  let shown = 0;
  for (const group of topics.groups) {
    const blocks = groupBlocks(group);
    const left = topics.groups.length - shown - 1;
    // Keep one block for "more topics" unless this is the last group.
    if (used + blocks.length + (left > 0 ? 1 : 0) > room) break;
    out.push(...blocks);
    used += blocks.length;
    shown += 1;
  }
  const rest = topics.groups.slice(shown);
  if (rest.length > 0 && room - used >= 1) {
    const text = rest.map((g) => `**${g.tag}**: ${g.entries.map((e) => `\`${e.id}\``).join(', ')}`).join('\n');
    out.push(section(fitMarkup(`More topics, by id (ask \`/vmvc <id>\`):\n${text}`, SLACK_SECTION_TEXT_MAX)));
  }
  return out;
}

/** The Home tab: what the bot does and how to ask, today's tip, the curator summary for admins, every topic. */
export function renderSlackHome(input: HomeViewInput): HomeView {
  const fixed = [...introBlocks(), divider, ...tipBlocks(input.tip), divider, ...(input.curator !== undefined ? curatorBlocks(input.curator) : [])];
  const footer = context(fitPlain(input.topics.footer ?? 'Also: /vmvc compare for the VM-vs-container table.', SLACK_CONTEXT_TEXT_MAX));
  const topics = topicBlocks(input.topics, SLACK_VIEW_BLOCKS_MAX - fixed.length - 1);
  return { type: 'home', blocks: [...fixed, ...topics, footer].slice(0, SLACK_VIEW_BLOCKS_MAX) };
}

/**
 * A card in a modal (a Home tab topic button). The card's own buttons are left
 * out: they answer through a message's response_url, which a modal has none of.
 */
export function renderSlackCardModal(card: Card): ModalView {
  const blocks = renderSlackBlocks(card).blocks.filter((b) => b.type !== 'actions');
  const share = card.kind === 'answer' ? [context(`To share it, ask \`/vmvc ${safePlain(card.entryId)}\` in a channel and press *Share in channel*.`)] : [];
  return {
    type: 'modal',
    title: { type: 'plain_text', text: fitPlain('vmvc', SLACK_MODAL_TITLE_MAX) },
    close: { type: 'plain_text', text: fitPlain('Close', SLACK_MODAL_CLOSE_MAX) },
    blocks: [...blocks, ...share].slice(0, SLACK_VIEW_BLOCKS_MAX),
  };
}

/** A short notice in a modal (a topic that is no longer in the knowledge base). */
export function renderSlackNoticeModal(text: string): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: fitPlain('vmvc', SLACK_MODAL_TITLE_MAX) },
    close: { type: 'plain_text', text: fitPlain('Close', SLACK_MODAL_CLOSE_MAX) },
    blocks: [section(fitPlain(text, SLACK_SECTION_TEXT_MAX))],
  };
}
