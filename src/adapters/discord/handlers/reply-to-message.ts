import { DiscordAPIError, MessageFlags, RateLimitError, RESTJSONErrorCodes, type ButtonInteraction, type RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import { replyForAnswerRef } from '../../../core/answer-ref.js';
import { neverReachedServer } from '../../../core/post-error.js';
import { renderDiscordMessage, toRestBody } from '../../../render/discord-embed.js';
import { describeDiscordError, errorLogFields } from '../discord-errors.js';
import { messageLink } from '../message-link.js';
import { decodeReplyButton } from '../reply-button-id.js';
import { sendReply } from '../reply.js';
import type { HandlerContext } from './handler-context.js';
import { REQUIRED_PERMISSION_NAMES } from '../permissions.js';

/** Nobody is pinged: not by the card, not by the attribution's mentions, not the replied-to author. */
const NO_PINGS = { parse: [] as [], replied_user: false };

/** Whether the failed post can be in the channel anyway. */
type Delivery = 'refused' | 'not_sent' | 'unknown';

/**
 * **Reply to message** on the private answer to "Answer with vmvc": the card,
 * visible, as a reply to the original message, attributed "For @author,
 * shared by @clicker" with no one pinged. Like every visible answer it claims
 * the repeat guard first (one reply per message and answer within the
 * cooldown, a double click included), and a post that may have gone out (a
 * timeout, a 5xx) is never sent again.
 */
export async function handleReplyToMessage(interaction: ButtonInteraction, ctx: HandlerContext): Promise<void> {
  const target = decodeReplyButton(interaction.customId);
  if (target === undefined) {
    await sendReply(interaction, { content: 'That button no longer works; use **Answer with vmvc** on the message again.' }, { ephemeral: true });
    return;
  }
  const reply = replyForAnswerRef(ctx.core.knowledge, target.ref);
  if (!reply) {
    await sendReply(interaction, { content: 'That topic no longer exists; try `/vmvc topics`.' }, { ephemeral: true });
    return;
  }
  const channelId = interaction.channelId;
  const conversation = `${channelId}/${target.messageId}`;
  const now = ctx.now();
  let recent: Awaited<ReturnType<typeof ctx.repeatGuard.claim>>;
  try {
    recent = await ctx.repeatGuard.claim('discord', conversation, target.ref, now);
  } catch (err) {
    ctx.log.warn({ channel: channelId }, `repeat guard unavailable, replying anyway: ${err instanceof Error ? err.message : String(err)}`);
    recent = undefined;
  }
  if (recent) {
    const when = `<t:${Math.floor(recent.at.getTime() / 1000)}:R>`;
    const where = recent.messageRef !== undefined ? `: ${recent.messageRef}` : '.';
    await interaction.update({ content: `This answer was posted as a reply to that message ${when}${where}`, embeds: [], components: [], allowedMentions: { parse: [] } });
    return;
  }

  // Acknowledge first: the post below must not race Discord's 3-second window.
  await interaction.deferUpdate();
  const clicker = interaction.user.id;
  const attribution = target.authorId !== undefined && target.authorId !== clicker ? `For <@${target.authorId}>, shared by <@${clicker}>` : `Shared by <@${clicker}>`;
  const body: RESTPostAPIChannelMessageJSONBody = {
    ...toRestBody(renderDiscordMessage(reply.card)),
    content: attribution,
    message_reference: { message_id: target.messageId, fail_if_not_exists: true },
    allowed_mentions: NO_PINGS,
  };
  let sentId: string;
  try {
    sentId = (await ctx.postMessage(channelId, body)).id;
  } catch (err) {
    await ctx.repeatGuard.release('discord', conversation, target.ref);
    const { delivery, text } = replyFailure(err);
    const failure = describeDiscordError(err);
    ctx.log.warn(
      { channel: channelId, code: failure.code, delivery, ...errorLogFields(err) },
      `Reply to message failed: ${failure.reason}${delivery === 'unknown' ? '; it may have been posted, so it is not sent again' : ''}`,
    );
    if (delivery === 'unknown') {
      // The preview (and its button) goes, so no second click can double a reply that may exist.
      await interaction.editReply({ content: text, embeds: [], components: [], allowedMentions: { parse: [] } });
    } else {
      await interaction.followUp({ content: text, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
    }
    return;
  }
  const link = messageLink(interaction.guildId, channelId, sentId);
  try {
    await ctx.repeatGuard.confirm('discord', conversation, target.ref, link);
  } catch (err) {
    ctx.log.warn({ channel: channelId }, `could not record the reply for the repeat guard: ${err instanceof Error ? err.message : String(err)}`);
  }
  await interaction.editReply({ content: `Posted as a reply: ${link}`, embeds: [], components: [], allowedMentions: { parse: [] } });
}

/** What the clicker reads, and whether the reply can be in the channel anyway. */
export function replyFailure(err: unknown): { delivery: Delivery; text: string } {
  if (err instanceof RateLimitError) {
    const seconds = Math.max(1, Math.ceil(err.retryAfter / 1000));
    return { delivery: 'refused', text: `Discord is limiting how fast I can post right now, so nothing was posted. Try again in ${seconds} seconds.` };
  }
  if (err instanceof DiscordAPIError && err.status < 500) {
    if (err.code === RESTJSONErrorCodes.UnknownMessage || (err.code === RESTJSONErrorCodes.InvalidFormBodyOrContentType && /message_reference/i.test(err.message))) {
      return { delivery: 'refused', text: 'That message was deleted, so there is nothing to reply to.' };
    }
    if (err.code === RESTJSONErrorCodes.MissingPermissions || err.code === RESTJSONErrorCodes.MissingAccess) {
      return {
        delivery: 'refused',
        text: `I cannot post in this channel: I need ${REQUIRED_PERMISSION_NAMES} here. Ask a server admin.`,
      };
    }
    return { delivery: 'refused', text: `Sorry, Discord refused the reply (error ${err.code}).` };
  }
  if (neverReachedServer(err)) return { delivery: 'not_sent', text: 'I could not reach Discord, so nothing was posted. Try again in a moment.' };
  return {
    delivery: 'unknown',
    text: 'Discord did not confirm the reply, so it may or may not have been posted. Check the conversation before you try again.',
  };
}
