import { MessageType, type Message } from 'discord.js';
import { answerRefOf } from '../../../core/answer-ref.js';
import { autoAnswerFor } from '../../../core/help-channels.js';
import { autoReplyBody, autoReplyThreadBody } from '../auto-reply.js';
import { describeDiscordError } from '../discord-errors.js';
import { HELP_CHANNEL_PERMISSION_NAMES } from '../permissions.js';
import type { HandlerContext } from './handler-context.js';

const err2text = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * A new message in a help channel (needs DISCORD_HELP_CHANNELS_ENABLED, the
 * Guild Messages and Message Content intents). Only a member's ordinary
 * top-level message counts: not bots or webhooks (this bot included), not
 * replies, not messages in threads, and never edits (those are messageUpdate,
 * which is not listened to). A message that mentions the bot is left alone.
 * The answer goes in a public thread started on the message, named after it.
 */
export async function handleHelpChannelMessage(message: Message, ctx: HandlerContext): Promise<void> {
  const help = ctx.help;
  if (!help || !message.inGuild()) return;
  if (message.author.bot || message.webhookId !== null || message.system || message.type !== MessageType.Default) return;
  if (message.channel.isThread()) return;
  if (message.client.user !== null && message.mentions.users.has(message.client.user.id)) return;
  const channelId = message.channelId;
  try {
    if (!await help.store.isHelpChannel('discord', channelId)) return;
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
    claim = await help.store.claimAutoReply('discord', channelId, message.id, ctx.now(), help.policy);
  } catch (err) {
    ctx.log.warn({ channelId }, `auto-answer: could not claim the message, staying quiet: ${err2text(err)}`);
    return;
  }
  if (!claim.claimed) {
    ctx.log.info({ channelId, messageId: message.id, reason: claim.reason }, `auto-answer skipped: ${claim.reason === 'rate-limited' ? 'the channel reached its rate limit' : 'the message already has an auto-reply'}`);
    return;
  }
  // Neither call is retried (see HandlerContext): a timeout or a 5xx may have
  // gone through, so its claim stays and the message gets no second thread.
  let threadId: string;
  try {
    threadId = (await ctx.startThread(channelId, message.id, autoReplyThreadBody(reply.card))).id;
  } catch (err) {
    const refused = isRefusal(err);
    logFailure(ctx, channelId, 'starting its thread', err, refused);
    if (refused) {
      try {
        await help.store.releaseAutoReply('discord', channelId, message.id);
      } catch {
        // the claim stays; the message simply gets no auto-reply
      }
    }
    return;
  }
  try {
    const posted = await ctx.postMessage(threadId, autoReplyBody(reply.card, ref, message.author.id));
    ctx.log.info({ channelId, messageId: message.id, threadId, id: ref }, 'auto-answered a help-channel message in a thread');
    try {
      await help.store.confirmAutoReply('discord', channelId, message.id, posted.id, ref);
    } catch (err) {
      ctx.log.warn(`auto-answer: could not record the reply: ${err2text(err)}`);
    }
  } catch (err) {
    // The thread exists now, so the claim stays even after a refusal: the message has its thread.
    logFailure(ctx, channelId, 'posting in its thread', err, isRefusal(err), threadId);
  }
}

/** A 4xx surely changed nothing; anything else (a 5xx, a timeout, no answer) may have. */
function isRefusal(err: unknown): boolean {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status < 500;
}

function logFailure(ctx: HandlerContext, channelId: string, step: string, err: unknown, refused: boolean, threadId?: string): void {
  const failure = describeDiscordError(err);
  const permissions = failure.code === 50013 || failure.code === 50001 ? ` (in help channels it also needs ${HELP_CHANNEL_PERMISSION_NAMES})` : '';
  ctx.log.error(
    { channelId, ...(threadId !== undefined && { threadId }), code: failure.code },
    `auto-answer: ${step} failed: ${failure.reason}${permissions}${refused ? '' : '; it may have gone through, so it is not sent again'}`,
  );
}
