import { ButtonStyle, ComponentType, type RESTPostAPIChannelMessageJSONBody } from 'discord.js';
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

/**
 * The auto-reply: the visible card as a reply to the member's message, pinging
 * nobody (not the asker either), with 👎 replaced by **Not helpful**, which
 * removes it. A ref too long for a custom_id falls back to the whole table's ref.
 */
export function autoReplyBody(card: Card, ref: string, asker: string, messageId: string): RESTPostAPIChannelMessageJSONBody {
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
    message_reference: { message_id: messageId, fail_if_not_exists: false },
    allowed_mentions: { parse: [], replied_user: false },
  };
}
