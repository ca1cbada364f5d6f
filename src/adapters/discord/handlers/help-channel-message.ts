import { MessageType, type Message } from 'discord.js';
import { answerRefOf } from '../../../core/answer-ref.js';
import { autoAnswerFor } from '../../../core/help-channels.js';
import { autoReplyBody } from '../auto-reply.js';
import { describeDiscordError } from '../discord-errors.js';
import type { HandlerContext } from './handler-context.js';

const err2text = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * A new message in a help channel (needs DISCORD_HELP_CHANNELS_ENABLED, the
 * Guild Messages and Message Content intents). Only a member's ordinary
 * top-level message counts: not bots or webhooks (this bot included), not
 * replies, not messages in threads, and never edits (those are messageUpdate,
 * which is not listened to). A message that mentions the bot is left alone.
 */
export async function handleHelpChannelMessage(message: Message, ctx: HandlerContext): Promise<void> {
  const help = ctx.help;
  if (!help || !message.inGuild()) return;
  if (message.author.bot || message.webhookId !== null || message.system || message.type !== MessageType.Default) return;
  if (message.channel.isThread()) return;
  if (message.client.user !== null && message.mentions.users.has(message.client.user.id)) return;
  const channelId = message.channelId;
  try {
    if (!help.store.isHelpChannel('discord', channelId)) return;
  } catch (err) {
    ctx.log.warn({ channelId }, `auto-answer: could not read the channel setting, staying quiet: ${err2text(err)}`);
    return;
  }
  const reply = autoAnswerFor(ctx.core, message.content, { platform: 'discord', userId: message.author.id }, help.policy.minConfidence);
  const ref = reply !== undefined ? answerRefOf(reply) : undefined;
  if (reply === undefined || ref === undefined) {
    ctx.log.debug({ channelId, messageId: message.id }, 'auto-answer: not sure enough, staying quiet');
    return;
  }
  let claim;
  try {
    claim = help.store.claimAutoReply('discord', channelId, message.id, ctx.now(), help.policy);
  } catch (err) {
    ctx.log.warn({ channelId }, `auto-answer: could not claim the message, staying quiet: ${err2text(err)}`);
    return;
  }
  if (!claim.claimed) {
    ctx.log.info({ channelId, messageId: message.id, reason: claim.reason }, `auto-answer skipped: ${claim.reason === 'rate-limited' ? 'the channel reached its rate limit' : 'the message already has an auto-reply'}`);
    return;
  }
  try {
    const posted = await ctx.postMessage(channelId, autoReplyBody(reply.card, ref, message.author.id, message.id));
    ctx.log.info({ channelId, messageId: message.id, id: ref }, 'auto-answered a help-channel message');
    try {
      help.store.confirmAutoReply('discord', channelId, message.id, posted.id);
    } catch (err) {
      ctx.log.warn(`auto-answer: could not record the reply: ${err2text(err)}`);
    }
  } catch (err) {
    const failure = describeDiscordError(err);
    // postMessage never retries; a refusal (4xx) surely posted nothing, anything else may have, so its claim stays.
    const refused = typeof (err as { status?: unknown }).status === 'number' && (err as { status: number }).status < 500;
    ctx.log.error({ channelId, code: failure.code }, `auto-answer: the post failed: ${failure.reason}${refused ? '' : '; it may have been posted, so it is not sent again'}`);
    if (refused) {
      try {
        help.store.releaseAutoReply('discord', channelId, message.id);
      } catch {
        // the claim stays; the message simply gets no auto-reply
      }
    }
  }
}
