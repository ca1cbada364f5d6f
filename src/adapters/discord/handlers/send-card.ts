import type { Reply } from '../../../core/commands/command.js';
import { renderDiscordMessage } from '../../../render/discord-embed.js';
import { messageLink } from '../message-link.js';
import { sendReply, type RepliableInteraction } from '../reply.js';
import type { HandlerContext } from './handler-context.js';

export interface SendCardOptions {
  /** Post in the channel for everyone (subject to the repeat guard) rather than only to the asker. */
  visible: boolean;
  /** A teammate to mention; only used on visible posts, where a mention means something. */
  target?: string;
}

/**
 * Replies with a card. A visible post first claims the entry in the channel:
 * if it was posted there within the cooldown, the asker gets it privately with
 * a link to the earlier post instead of the channel getting it twice.
 */
export async function sendCard(interaction: RepliableInteraction, reply: Reply, ctx: HandlerContext, options: SendCardOptions): Promise<void> {
  const { card } = reply;
  const channelId = interaction.channelId;
  if (!options.visible || channelId === null) {
    await sendReply(interaction, renderDiscordMessage(card), { ephemeral: true });
    return;
  }
  const key = reply.outcome.id ?? card.kind;
  let recent: Awaited<ReturnType<typeof ctx.repeatGuard.claim>>;
  try {
    recent = await ctx.repeatGuard.claim('discord', channelId, key, ctx.now());
  } catch (err) {
    // The etiquette check must not cost the asker their answer: post without it.
    ctx.log.warn({ channel: channelId }, `repeat guard unavailable, posting anyway: ${err instanceof Error ? err.message : String(err)}`);
    recent = undefined;
  }
  if (recent) {
    const recentPost = { at: recent.at, ...(recent.messageRef !== undefined && { link: recent.messageRef }) };
    await sendReply(interaction, renderDiscordMessage(card, { recentPost }), { ephemeral: true });
    return;
  }
  let response;
  try {
    response = await sendReply(interaction, renderDiscordMessage(card, options.target !== undefined ? { target: options.target } : {}), {
      ephemeral: false,
    });
  } catch (err) {
    await ctx.repeatGuard.release('discord', channelId, key);
    throw err;
  }
  const messageId = response.interaction.responseMessageId;
  if (messageId !== null) await ctx.repeatGuard.confirm('discord', channelId, key, messageLink(interaction.guildId, channelId, messageId));
}
