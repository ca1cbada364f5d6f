import { ButtonStyle, ComponentType, ThreadAutoArchiveDuration, type RESTPostAPIChannelMessageJSONBody, type RESTPostAPIChannelMessagesThreadsJSONBody } from 'discord.js';
import type { Card } from '../../core/card.js';
import { DISCORD_CUSTOM_ID_MAX, DISCORD_MAX_ACTION_ROWS, DISCORD_MAX_BUTTONS_PER_ROW, renderDiscordMessage, toRestBody } from '../../render/discord-embed.js';

/** **Not helpful** on an auto-reply: `vmvc-auto:nh:<ref>:<asker id>`, within Discord's 100-character custom_id. */
const NOT_HELPFUL_PREFIX = 'vmvc-auto:nh:';
const NOT_HELPFUL = /^vmvc-auto:nh:([a-z0-9:,-]{1,80}):(\d{15,21})$/;

export function isNotHelpfulButton(customId: string): boolean {
  return customId.startsWith(NOT_HELPFUL_PREFIX);
}

export function decodeNotHelpful(customId: string): { ref: string; asker: string } | undefined {
  const m = NOT_HELPFUL.exec(customId);
  return m ? { ref: m[1] as string, asker: m[2] as string } : undefined;
}

/** A thread name is 1-100 characters (Start Thread from Message, `name`). */
export const DISCORD_THREAD_NAME_MAX = 100;

/**
 * The public thread the auto-reply goes in, started on the member's message and
 * named after the answer's title. It archives after a day without activity
 * (still readable; a member's post reopens it), so answered questions leave
 * the channel's thread list.
 */
export function autoReplyThreadBody(card: Card): RESTPostAPIChannelMessagesThreadsJSONBody {
  const title = card.title.replace(/\s+/g, ' ').trim() || 'vmvc answer';
  const name = [...title].length <= DISCORD_THREAD_NAME_MAX ? title : `${[...title].slice(0, DISCORD_THREAD_NAME_MAX - 1).join('').trimEnd()}…`;
  return { name, auto_archive_duration: ThreadAutoArchiveDuration.OneDay };
}

/**
 * The auto-reply: the visible card, posted in the thread started on the
 * member's message, pinging nobody (not the asker either), with 👎 replaced by
 * **Not helpful**, which removes it. A ref too long for a custom_id falls back
 * to the whole table's ref.
 */
export function autoReplyBody(card: Card, ref: string, asker: string): RESTPostAPIChannelMessageJSONBody {
  const message = renderDiscordMessage(card);
  let customId = `${NOT_HELPFUL_PREFIX}${ref}:${asker}`;
  if (customId.length > DISCORD_CUSTOM_ID_MAX || decodeNotHelpful(customId) === undefined) customId = `${NOT_HELPFUL_PREFIX}compare:${asker}`;
  const notHelpful = { type: ComponentType.Button as const, style: ButtonStyle.Secondary as const, custom_id: customId, label: 'Not helpful', emoji: { name: '👎' } };
  const rows = message.components
    .map((row) => ({ ...row, components: row.components.filter((b) => !(b.custom_id.startsWith('vmvc:vote:') && b.custom_id.endsWith(':down'))) }))
    .filter((row) => row.components.length > 0);
  const last = rows.at(-1);
  if (last !== undefined && last.components.length < DISCORD_MAX_BUTTONS_PER_ROW) last.components.push(notHelpful);
  else {
    if (rows.length >= DISCORD_MAX_ACTION_ROWS) rows.splice(DISCORD_MAX_ACTION_ROWS - 1);
    rows.push({ type: ComponentType.ActionRow, components: [notHelpful] });
  }
  return {
    ...toRestBody({ ...message, components: rows }),
    content: 'Answered automatically in this help channel. Not what was asked? **Not helpful** removes it.',
    allowed_mentions: { parse: [] },
  };
}
