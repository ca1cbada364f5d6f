import type { AnswerRef } from '../../core/answer-ref.js';
import { DISCORD_CUSTOM_ID_MAX } from '../../render/discord-embed.js';

/**
 * What the **Reply to message** button carries from the message command to
 * the click, in its custom id (at most 100 characters): the message to reply
 * to, who wrote it (for the attribution) and which answer. The channel is not
 * in it: the click comes from the same channel.
 */
export interface ReplyButtonTarget {
  messageId: string;
  /** The message's author; dropped when the id would not fit (a long list of comparison rows). */
  authorId?: string;
  ref: AnswerRef;
}

const PREFIX = 'vmvc-reply';
const SNOWFLAKE = /^\d{17,20}$/;
const REF = /^[a-z0-9:,-]{1,80}$/;

/** The custom id, or undefined when even the shortest form would pass Discord's limit. */
export function encodeReplyButton(target: ReplyButtonTarget): string | undefined {
  const full = `${PREFIX}:${target.messageId}:${target.authorId ?? ''}:${target.ref}`;
  if (full.length <= DISCORD_CUSTOM_ID_MAX) return full;
  const short = `${PREFIX}:${target.messageId}::${target.ref}`;
  return short.length <= DISCORD_CUSTOM_ID_MAX ? short : undefined;
}

export function isReplyButton(customId: string): boolean {
  return customId.startsWith(`${PREFIX}:`);
}

/** The custom id read back; undefined for anything this version did not write. */
export function decodeReplyButton(customId: string): ReplyButtonTarget | undefined {
  if (!isReplyButton(customId)) return undefined;
  const rest = customId.slice(PREFIX.length + 1);
  const [messageId, authorId, ...refParts] = rest.split(':');
  const ref = refParts.join(':');
  if (messageId === undefined || !SNOWFLAKE.test(messageId) || !REF.test(ref)) return undefined;
  if (authorId !== undefined && authorId !== '' && !SNOWFLAKE.test(authorId)) return undefined;
  return { messageId, ref, ...(authorId !== undefined && authorId !== '' && { authorId }) };
}
