import type { AnswerRef } from '../../core/answer-ref.js';
import { SLACK_USER_ID } from '../../render/slack-blocks.js';
import { readButtonObject } from './button-value.js';

/**
 * What the **Reply in thread** button carries from the shortcut to the click:
 * which answer, which thread, and who asked. The channel is not in it: the
 * click arrives from the same conversation, and Slack says which.
 */
export interface ThreadReplyTarget {
  ref: AnswerRef;
  /** The thread to reply in: the message's own thread, or the message itself when it has none yet. */
  threadTs: string;
  /** Who wrote the message, for the attribution; absent for messages no member wrote (bots, workflows). */
  asker?: string;
}

/** A Slack message timestamp: seconds, a dot, microseconds. */
const SLACK_TS = /^\d{1,12}\.\d{1,9}$/;
const REF = /^[a-z0-9:,-]{1,200}$/;

export function isSlackTs(ts: string | undefined): ts is string {
  return ts !== undefined && SLACK_TS.test(ts);
}

export function encodeThreadReply(target: ThreadReplyTarget): string {
  return JSON.stringify({ r: target.ref, t: target.threadTs, ...(target.asker !== undefined && { a: target.asker }) });
}

/** The button's value read back; undefined for anything this version did not write. */
export function decodeThreadReply(value: string | undefined): ThreadReplyTarget | undefined {
  const raw = readButtonObject(value);
  if (raw === undefined) return undefined;
  const { r, t, a } = raw;
  if (typeof r !== 'string' || !REF.test(r) || typeof t !== 'string' || !isSlackTs(t)) return undefined;
  if (a !== undefined && (typeof a !== 'string' || !SLACK_USER_ID.test(a))) return undefined;
  return { ref: r, threadTs: t, ...(a !== undefined && { asker: a }) };
}
