import type { types as SlackTypes } from '@slack/bolt';
import type { AnswerRef } from '../../core/answer-ref.js';
import type { Card } from '../../core/card.js';
import { renderSlackBlocks, SLACK_MESSAGE_BLOCKS_MAX, SLACK_USER_ID, type SlackMessage } from '../../render/slack-blocks.js';
import { readButtonObject } from './button-value.js';

/** The **Not helpful** button on an auto-reply; not a `vmvc:` card action, because it acts on the reply itself. */
export const SLACK_NOT_HELPFUL_ACTION = 'vmvc-auto:not-helpful';

/** What the button carries: the answer (for the feedback) and who asked (who may remove it without being an admin). */
export interface AutoReplyTarget {
  ref: AnswerRef;
  asker: string;
}

const REF = /^[a-z0-9:,-]{1,200}$/;

export function encodeAutoReply(target: AutoReplyTarget): string {
  return JSON.stringify({ r: target.ref, a: target.asker });
}

export function decodeAutoReply(value: string | undefined): AutoReplyTarget | undefined {
  const raw = readButtonObject(value);
  if (raw === undefined) return undefined;
  const { r, a } = raw;
  if (typeof r !== 'string' || !REF.test(r) || typeof a !== 'string' || !SLACK_USER_ID.test(a)) return undefined;
  return { ref: r, asker: a };
}

/**
 * An auto-reply: the usual visible card (related topics, 👍) with 👎 replaced
 * by **Not helpful**, which removes the reply, and a line saying why the bot
 * spoke unasked. Nothing from the member's message is in it.
 */
export function renderAutoReply(card: Card, target: AutoReplyTarget): SlackMessage {
  const base = renderSlackBlocks(card);
  const notHelpful: SlackTypes.Button = {
    type: 'button',
    text: { type: 'plain_text', text: '👎 Not helpful', emoji: true },
    action_id: SLACK_NOT_HELPFUL_ACTION,
    value: encodeAutoReply(target),
  };
  let placed = false;
  const blocks: SlackTypes.KnownBlock[] = base.blocks.map((block) => {
    if (block.type !== 'actions' || placed) return block;
    placed = true;
    const kept = block.elements.filter((e) => !(e.type === 'button' && e.action_id?.startsWith('vmvc:vote:') === true && e.action_id.endsWith(':down')));
    return { ...block, elements: [...kept, notHelpful] };
  });
  if (!placed) {
    // The button must survive: it is how a wrong unasked answer goes away.
    if (blocks.length >= SLACK_MESSAGE_BLOCKS_MAX) blocks.splice(SLACK_MESSAGE_BLOCKS_MAX - 1);
    blocks.push({ type: 'actions', elements: [notHelpful] });
  }
  const note: SlackTypes.KnownBlock = {
    type: 'context',
    elements: [{ type: 'mrkdwn', text: 'Answered automatically in this help channel. Not what was asked? *Not helpful* removes it.', verbatim: true }],
  };
  if (blocks.length < SLACK_MESSAGE_BLOCKS_MAX) blocks.push(note);
  return { text: base.text, blocks };
}
