import { PermissionFlagsBits } from 'discord.js';

/**
 * The channel permissions vmvc needs, and nothing more. The error messages
 * name this list, and tests hold the README's invite URL and advice to it.
 * - View Channel: Discord refuses a post to a channel the bot cannot see (50001).
 * - Send Messages: the daily tips are ordinary channel posts (50013 without it).
 * - Embed Links: every card is an embed; without it Discord drops the embed.
 * - Read Message History: "Answer with vmvc" → Reply to message posts a real
 *   reply, and Discord requires this permission for a reply (50013 without it).
 *   The bot still never reads messages on its own; slash commands, context
 *   menus and buttons arrive as interactions.
 */
export const REQUIRED_PERMISSIONS = [
  { name: 'View Channel', flag: PermissionFlagsBits.ViewChannel },
  { name: 'Send Messages', flag: PermissionFlagsBits.SendMessages },
  { name: 'Embed Links', flag: PermissionFlagsBits.EmbedLinks },
  { name: 'Read Message History', flag: PermissionFlagsBits.ReadMessageHistory },
] as const;

/** "View Channel, Send Messages, Embed Links and Read Message History", for messages an operator acts on. */
export const REQUIRED_PERMISSION_NAMES = ((names: string[]) => `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`)(REQUIRED_PERMISSIONS.map((p) => p.name));

/** The `permissions=` integer of the README's invite URL: the flags combined (84992). */
export const REQUIRED_PERMISSIONS_INTEGER = REQUIRED_PERMISSIONS.reduce((sum, p) => sum | p.flag, 0n).toString();
