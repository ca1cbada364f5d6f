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

/**
 * What help channels (DISCORD_HELP_CHANNELS_ENABLED) need on top, in those
 * channels only; servers without help channels keep the base list.
 * - Create Public Threads: the auto-answer starts a thread on the member's
 *   message (Start Thread from Message).
 * - Send Messages in Threads: the card is posted in that thread; Send
 *   Messages does not cover threads.
 */
export const HELP_CHANNEL_PERMISSIONS = [
  { name: 'Create Public Threads', flag: PermissionFlagsBits.CreatePublicThreads },
  { name: 'Send Messages in Threads', flag: PermissionFlagsBits.SendMessagesInThreads },
] as const;

const listNames = (names: string[]) => `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
const combine = (list: readonly { flag: bigint }[]) => list.reduce((sum, p) => sum | p.flag, 0n).toString();

/** "View Channel, Send Messages, Embed Links and Read Message History", for messages an operator acts on. */
export const REQUIRED_PERMISSION_NAMES = listNames(REQUIRED_PERMISSIONS.map((p) => p.name));

/** The `permissions=` integer of the README's invite URL: the flags combined (84992). */
export const REQUIRED_PERMISSIONS_INTEGER = combine(REQUIRED_PERMISSIONS);

/** "Create Public Threads and Send Messages in Threads". */
export const HELP_CHANNEL_PERMISSION_NAMES = listNames(HELP_CHANNEL_PERMISSIONS.map((p) => p.name));

/** The invite URL's integer for a server with help channels: the base list plus the two thread permissions (309237730304). */
export const HELP_CHANNEL_PERMISSIONS_INTEGER = combine([...REQUIRED_PERMISSIONS, ...HELP_CHANNEL_PERMISSIONS]);
