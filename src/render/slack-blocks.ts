import type { types as SlackTypes } from '@slack/bolt';
import type { Card, ComparisonRow, EntryRef } from '../core/card.js';
import { encodeAction, type CardAction } from '../core/card-actions.js';
import { formatSource } from './source-line.js';
import { renderText } from './text.js';
import { truncateMarkup, truncatePlain } from './truncate.js';

type KnownBlock = SlackTypes.KnownBlock;
type Button = SlackTypes.Button;
type SectionBlock = SlackTypes.SectionBlock;
type MrkdwnElement = SlackTypes.MrkdwnElement;

/*
 * Block Kit limits, from https://docs.slack.dev/reference/block-kit/blocks and
 * .../block-elements. Slack rejects the whole message (invalid_blocks) when one
 * is exceeded, so every text below is fitted to its limit before it goes out.
 */
/** header block: plain_text, max 150 characters. */
export const SLACK_HEADER_TEXT_MAX = 150;
/** section block `text`: max 3,000 characters. */
export const SLACK_SECTION_TEXT_MAX = 3_000;
/** section block `fields`: at most 10 text objects. */
export const SLACK_SECTION_FIELDS_MAX = 10;
/** each section field: max 2,000 characters. */
export const SLACK_FIELD_TEXT_MAX = 2_000;
/** button `text`: plain_text, max 75 characters. */
export const SLACK_BUTTON_TEXT_MAX = 75;
/** button `value`: max 2,000 characters. */
export const SLACK_BUTTON_VALUE_MAX = 2_000;
/** `action_id`: max 255 characters, and unique among the message's interactive elements. */
export const SLACK_ACTION_ID_MAX = 255;
/** actions block: at most 25 elements. */
export const SLACK_ACTIONS_ELEMENTS_MAX = 25;
/** context block: at most 10 elements, each text object max 3,000 characters. */
export const SLACK_CONTEXT_ELEMENTS_MAX = 10;
export const SLACK_CONTEXT_TEXT_MAX = 3_000;
/** A message carries at most 50 blocks. */
export const SLACK_MESSAGE_BLOCKS_MAX = 50;
/**
 * Top-level `text`: Slack truncates past 40,000 and advises staying under 4,000;
 * it only feeds notifications and screen readers once blocks exist, so keep it short.
 */
export const SLACK_FALLBACK_TEXT_MAX = 3_000;

/** The only shape of user reference we ever turn into a mention: a real Slack user id. */
export const SLACK_USER_ID = /^[UW][A-Z0-9]{2,20}$/;

/** Prefix of a button `value` that carries the teammate an ephemeral card is aimed at ("to:U123"). */
export const SHARE_TARGET_PREFIX = 'to:';

/**
 * Action ids of the two buttons on a private answer to a message shortcut.
 * Not `vmvc:` card actions: they act on the message the shortcut was used on,
 * which only the Slack adapter knows about.
 */
export const SLACK_REPLY_IN_THREAD_ACTION = 'vmvc-message:reply';
export const SLACK_DISMISS_ACTION = 'vmvc-message:dismiss';

export interface SlackRenderOptions {
  /** Ephemeral card for the asker: add "Share in channel" (answer cards only; the core rebuilds those from a button). */
  shareable?: boolean;
  /** Visible post: attribute it to this user ("shared by @user"). Must be a real user id. */
  sharedBy?: string;
  /** The teammate the asker aimed the answer at; the one mention we ever build. Must be a real user id. */
  target?: string;
  /** The same answer was posted visibly here recently: say so instead of posting again. */
  recentPost?: { secondsAgo: number };
  /** Feedback was already given: thank instead of offering the buttons again. */
  voted?: 'up' | 'down';
  /**
   * A private answer to "Answer with vmvc" on a message: **Dismiss**, and
   * **Reply in thread** carrying `replyValue` when the answer may be posted.
   * No Share or feedback: those belong on the posted reply.
   */
  messageAction?: { replyValue?: string };
  /** Visible reply to this member's message: attributed "For @asker, shared by @sharedBy". Must be a real user id. */
  askedBy?: string;
}

export interface SlackMessage {
  /** Notification and screen-reader fallback; always set. */
  text: string;
  blocks: KnownBlock[];
}

/** `&`, `<`, `>` are Slack's control characters: escaped, no text can open a `<!channel>` or `<@U…>`. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Bare "@here" is not a mention in blocks, but a word joiner makes sure no client or `parse` mode turns it into one. */
function defuseBroadcasts(text: string): string {
  return text.replace(/@(channel|here|everyone)\b/gi, '@\u2060$1');
}

/** Plain text as Slack will show it: escaped and defused. */
export function safePlain(text: string): string {
  return defuseBroadcasts(escapeSlack(text));
}

/** Neutral markup → mrkdwn: **bold** → *bold*, "- " bullets → "• ", code left alone; then escaped. */
export function markupToMrkdwn(markup: string): string {
  const parts = markup.split(/(```[\s\S]*?```|`[^`\n]*`)/g);
  const converted = parts
    .map((part, i) => {
      if (i % 2 === 1) return part; // code: Slack shows it verbatim
      return part.replace(/\*\*(.+?)\*\*/g, '*$1*').replace(/^- /gm, '• ');
    })
    .join('');
  return safePlain(converted);
}

/**
 * Cuts `raw` (neutral markup or plain text) until its Slack rendering fits
 * `max`. Escaping lengthens and `**` → `*` shortens, so the budget is found by
 * rendering, never by slicing the rendered string (which could split `&amp;`
 * or a `*bold*` run).
 */
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

const mrkdwn = (text: string): MrkdwnElement => ({ type: 'mrkdwn', text, verbatim: true });
const section = (text: string): SectionBlock => ({ type: 'section', text: mrkdwn(text) });
const context = (texts: string[]): KnownBlock => ({
  type: 'context',
  elements: texts.slice(0, SLACK_CONTEXT_ELEMENTS_MAX).map((t) => mrkdwn(t)),
});

function validUser(id: string | undefined): string | undefined {
  return id !== undefined && SLACK_USER_ID.test(id) ? id : undefined;
}

/** Paragraphs (blank-line separated), keeping a code fence in one piece. */
function paragraphs(markup: string): string[] {
  const out: string[] = [];
  let current: string[] = [];
  let inFence = false;
  for (const line of markup.split('\n')) {
    if ((line.match(/```/g) ?? []).length % 2 === 1) inFence = !inFence;
    if (!inFence && line.trim() === '' && current.length > 0) {
      out.push(current.join('\n'));
      current = [];
      continue;
    }
    current.push(line);
  }
  if (current.length > 0) out.push(current.join('\n'));
  return out.filter((p) => p.trim() !== '');
}

/** The body as few sections as possible, each within the section limit. */
function bodySections(markup: string, maxSections: number): SectionBlock[] {
  const chunks: string[] = [];
  let current = '';
  for (const para of paragraphs(markup)) {
    const joined = current === '' ? para : `${current}\n\n${para}`;
    if (markupToMrkdwn(joined).length <= SLACK_SECTION_TEXT_MAX) current = joined;
    else {
      if (current !== '') chunks.push(current);
      current = para;
    }
  }
  if (current !== '') chunks.push(current);
  if (chunks.length > maxSections) {
    const kept = chunks.slice(0, Math.max(1, maxSections));
    const last = kept.length - 1;
    kept[last] = `${kept[last] ?? ''}\n\n${chunks.slice(last + 1).join('\n\n')}`;
    chunks.splice(0, chunks.length, ...kept);
  }
  return chunks.map((c) => section(fitMarkup(c, SLACK_SECTION_TEXT_MAX)));
}

/** One row: its name (with the verdict when the body does not already list it), VM | Container as fields. */
function comparisonRowBlock(row: ComparisonRow, withVerdict: boolean): SectionBlock {
  return {
    type: 'section',
    text: mrkdwn(fitMarkup(withVerdict ? `**${row.name}**: ${row.verdict}` : `**${row.name}**`, SLACK_SECTION_TEXT_MAX)),
    fields: [
      mrkdwn(fitMarkup(`**VM**\n${row.vm}`, SLACK_FIELD_TEXT_MAX)),
      mrkdwn(fitMarkup(`**Container**\n${row.container}`, SLACK_FIELD_TEXT_MAX)),
    ].slice(0, SLACK_SECTION_FIELDS_MAX),
  };
}

function groupText(tag: string, entries: EntryRef[]): string {
  return fitMarkup([`**${tag}**`, ...entries.map((e) => `- \`${e.id}\` ${e.title}`)].join('\n'), SLACK_SECTION_TEXT_MAX);
}

/** Blocks between the header/body and the footer: rows, groups, commands. */
function kindBlocks(card: Card, budget: number): KnownBlock[] {
  switch (card.kind) {
    case 'comparison': {
      const rows = card.rows.map((r) => comparisonRowBlock(r, card.whole));
      if (rows.length <= budget) return rows;
      const shown = rows.slice(0, Math.max(0, budget - 1));
      const rest = card.rows.slice(shown.length).map((r) => `\`${r.id}\``);
      return [...shown, section(fitMarkup(`More rows: ${rest.join(', ')}. Try /vmvc compare <dimension>.`, SLACK_SECTION_TEXT_MAX))];
    }
    case 'topics': {
      const groups = card.groups.map((g) => section(groupText(g.tag, g.entries)));
      if (groups.length <= budget) return groups;
      const shown = groups.slice(0, Math.max(0, budget - 1));
      const rest = card.groups.slice(shown.length);
      const merged = rest.map((g) => [`**${g.tag}**`, ...g.entries.map((e) => `- \`${e.id}\` ${e.title}`)].join('\n')).join('\n\n');
      return [...shown, section(fitMarkup(merged, SLACK_SECTION_TEXT_MAX))];
    }
    case 'help': {
      const commands = ['**Commands**', ...card.commands.map((c) => `- \`/vmvc ${c.usage}\` ${c.summary}`)].join('\n');
      const examples = ['**Try**', ...card.examples.map((e) => `- /vmvc ${e}`)].join('\n');
      const blocks = [section(fitMarkup(commands, SLACK_SECTION_TEXT_MAX))];
      if (card.examples.length > 0) blocks.push(section(fitMarkup(examples, SLACK_SECTION_TEXT_MAX)));
      return blocks.slice(0, budget);
    }
    default:
      return [];
  }
}

/**
 * `carry` is the teammate an ephemeral card is aimed at: every button keeps it
 * in its value ("to:U123") so Share, a related answer or a vote keeps the aim.
 */
function button(label: string, action: CardAction, carry: string | undefined, style?: 'primary'): Button {
  const actionId = encodeAction(action);
  return {
    type: 'button',
    text: { type: 'plain_text', text: fitPlain(label, SLACK_BUTTON_TEXT_MAX), emoji: true },
    action_id: actionId.slice(0, SLACK_ACTION_ID_MAX),
    value: (carry !== undefined ? `${SHARE_TARGET_PREFIX}${carry}` : actionId).slice(0, SLACK_BUTTON_VALUE_MAX),
    ...(style !== undefined && { style }),
  };
}

/** A button outside the card actions (the message shortcut's own), with a value only the adapter reads. */
function plainButton(label: string, actionId: string, value: string | undefined, style?: 'primary'): Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: fitPlain(label, SLACK_BUTTON_TEXT_MAX), emoji: true },
    action_id: actionId,
    ...(value !== undefined && { value: value.slice(0, SLACK_BUTTON_VALUE_MAX) }),
    ...(style !== undefined && { style }),
  };
}

function buttons(card: Card, options: SlackRenderOptions, carry: string | undefined): Button[] {
  const out: Button[] = [];
  const preview = options.messageAction;
  // A value cut at the limit would no longer parse: better no button than a broken one.
  if (preview?.replyValue !== undefined && preview.replyValue.length <= SLACK_BUTTON_VALUE_MAX) {
    out.push(plainButton('Reply in thread', SLACK_REPLY_IN_THREAD_ACTION, preview.replyValue, 'primary'));
  }
  if (card.kind === 'answer' && options.shareable && !preview) out.push(button('Share in channel', { type: 'share', entryId: card.entryId }, carry, 'primary'));
  if (card.kind === 'tip') out.push(button(`Tell me more: ${card.learnMore.title}`, { type: 'show', entryId: card.learnMore.id }, carry, 'primary'));
  const refs = card.kind === 'suggest' ? card.suggestions : card.related;
  for (const ref of refs.slice(0, 3)) out.push(button(ref.title, { type: 'show', entryId: ref.id }, carry));
  if (card.kind === 'answer' && options.voted === undefined && !preview) {
    out.push(button('👍 Helpful', { type: 'vote', entryId: card.entryId, vote: 'up' }, carry));
    out.push(button('👎 Not helpful', { type: 'vote', entryId: card.entryId, vote: 'down' }, carry));
  }
  if (card.kind === 'tip' && !preview) {
    out.push(button('👍', { type: 'tipvote', tipId: card.tipId, vote: 'up' }, carry));
    out.push(button('👎', { type: 'tipvote', tipId: card.tipId, vote: 'down' }, carry));
  }
  if (preview) out.push(plainButton('Dismiss', SLACK_DISMISS_ACTION, undefined));
  // Slack rejects a message whose action ids repeat (a tip's related entry is its "learn more").
  const seen = new Set<string>();
  return out.filter((b) => !seen.has(b.action_id ?? '') && seen.add(b.action_id ?? '')).slice(0, SLACK_ACTIONS_ELEMENTS_MAX);
}

function fallbackText(card: Card, target: string | undefined): string {
  const prefix = target !== undefined ? `<@${target}> ` : '';
  return `${prefix}${fitPlain(renderText(card), SLACK_FALLBACK_TEXT_MAX - prefix.length)}`;
}

/** A neutral card as a Slack message: blocks within every Block Kit limit, and a text fallback. */
export function renderSlackBlocks(card: Card, options: SlackRenderOptions = {}): SlackMessage {
  const target = validUser(options.target);
  const sharedBy = validUser(options.sharedBy);
  const askedBy = validUser(options.askedBy);
  const head: KnownBlock[] = [];
  const tail: KnownBlock[] = [];

  if (target !== undefined && sharedBy !== undefined) head.push(section(`<@${target}>, this one is for you.`));
  head.push({ type: 'header', text: { type: 'plain_text', text: fitPlain(card.title, SLACK_HEADER_TEXT_MAX), emoji: true } });

  const notes: string[] = [];
  if (options.recentPost) {
    const s = Math.max(0, Math.round(options.recentPost.secondsAgo));
    notes.push(`Posted here ${s} second${s === 1 ? '' : 's'} ago, so this copy is only visible to you.`);
  }
  if (target !== undefined && sharedBy === undefined && options.shareable && card.kind === 'answer') {
    notes.push(`For <@${target}>: *Share in channel* mentions them.`);
  }
  if (sharedBy !== undefined) {
    notes.push(askedBy !== undefined && askedBy !== sharedBy ? `For <@${askedBy}>, shared by <@${sharedBy}>` : `Shared by <@${sharedBy}>`);
  }
  if (options.messageAction) {
    notes.push(
      options.messageAction.replyValue !== undefined
        ? 'Only you can see this. *Reply in thread* posts it in the thread for everyone.'
        : 'Only you can see this.',
    );
  }

  const sources = card.sources.length > 0 ? fitPlain(`Sources: ${card.sources.map(formatSource).join('; ')}`, SLACK_CONTEXT_TEXT_MAX) : undefined;
  const footer = card.footer !== undefined && card.footer !== '' ? fitPlain(card.footer, SLACK_CONTEXT_TEXT_MAX) : undefined;
  const contextTexts = [sources, footer].filter((t): t is string => t !== undefined);
  if (contextTexts.length > 0) tail.push(context(contextTexts));
  if (options.voted !== undefined && card.kind === 'answer') tail.push(context([`Thanks for the feedback ${options.voted === 'up' ? '👍' : '👎'}`]));
  const actionElements = buttons(card, options, sharedBy === undefined ? target : undefined);
  if (actionElements.length > 0) tail.push({ type: 'actions', elements: actionElements });
  if (notes.length > 0) tail.push(context(notes));

  const free = SLACK_MESSAGE_BLOCKS_MAX - head.length - tail.length;
  const body = card.body.trim() !== '' ? bodySections(card.body, Math.max(1, Math.min(5, free - 1))) : [];
  const middle = kindBlocks(card, free - body.length);
  const blocks = [...head, ...body, ...middle, ...tail].slice(0, SLACK_MESSAGE_BLOCKS_MAX);
  return { text: fallbackText(card, sharedBy !== undefined ? target : undefined), blocks };
}

/** A one-line private notice with a **Dismiss** button (the message shortcut's answer when there is nothing to answer). */
export function renderSlackNotice(text: string): SlackMessage {
  const line = fitPlain(text, SLACK_SECTION_TEXT_MAX);
  return { text: fitPlain(text, SLACK_FALLBACK_TEXT_MAX), blocks: [section(line), { type: 'actions', elements: [plainButton('Dismiss', SLACK_DISMISS_ACTION, undefined)] }] };
}
