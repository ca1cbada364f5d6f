import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { answerRefOf } from '../../../core/answer-ref.js';
import { autoAnswerFor } from '../../../core/help-channels.js';
import { renderAutoReply } from '../auto-reply-blocks.js';
import { POST_OPTIONS } from '../post-options.js';
import { deliveryNote, describeSlackError } from '../slack-errors.js';
import type { ListenerDeps } from './listener-deps.js';

export type HelpChannelMessageArgs = Pick<SlackEventMiddlewareArgs<'message'>, 'event'> & Pick<AllMiddlewareArgs, 'context' | 'client'>;

const err2text = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * A new top-level message in a help channel (message.channels / message.groups):
 * answered in its thread when the engine is sure, once per thread, within the
 * channel's rate. Thread replies, edits, deletions, joins and anything a bot
 * wrote (this one included) are never read: they carry a thread_ts, a subtype
 * or a bot_id. A message that mentions the bot is left to the app_mention
 * listener, so it is not answered twice.
 */
export async function handleHelpChannelMessage({ event, context, client }: HelpChannelMessageArgs, deps: ListenerDeps): Promise<void> {
  const help = deps.help;
  if (!help) return;
  if (event.channel_type !== 'channel' && event.channel_type !== 'group') return;
  if (event.subtype !== undefined) return;
  if (event.bot_id !== undefined || event.user === undefined || event.user === context.botUserId) return;
  if (event.thread_ts !== undefined) return;
  const text = event.text ?? '';
  if (context.botUserId !== undefined && text.includes(`<@${context.botUserId}>`)) return;
  const channelId = event.channel;
  try {
    if (!await help.store.isHelpChannel('slack', channelId)) return;
  } catch (err) {
    deps.log.warn({ channel: channelId }, `auto-answer: could not read the channel setting, staying quiet: ${err2text(err)}`);
    return;
  }
  const reply = autoAnswerFor(deps.core, text, { platform: 'slack', userId: event.user }, help.policy.minConfidence);
  const ref = reply !== undefined ? answerRefOf(reply) : undefined;
  if (reply === undefined || ref === undefined) {
    deps.log.debug({ channel: channelId, ts: event.ts }, 'auto-answer: not sure enough, staying quiet');
    return;
  }
  let claim;
  try {
    claim = await help.store.claimAutoReply('slack', channelId, event.ts, deps.clock(), help.policy);
  } catch (err) {
    // Without the claim there is no "once per thread": better silent than twice.
    deps.log.warn({ channel: channelId }, `auto-answer: could not claim the thread, staying quiet: ${err2text(err)}`);
    return;
  }
  if (!claim.claimed) {
    deps.log.info({ channel: channelId, ts: event.ts, reason: claim.reason }, `auto-answer skipped: ${claim.reason === 'rate-limited' ? 'the channel reached its rate limit' : 'the thread already has an auto-reply'}`);
    return;
  }
  const message = renderAutoReply(reply.card, { ref, asker: event.user });
  try {
    const posted = await client.chat.postMessage({ channel: channelId, thread_ts: event.ts, ...message, ...POST_OPTIONS });
    deps.log.info({ channel: channelId, ts: event.ts, id: ref, score: reply.outcome.score }, 'auto-answered a help-channel message');
    if (posted.ts !== undefined) {
      try {
        await help.store.confirmAutoReply('slack', channelId, event.ts, posted.ts, ref);
      } catch (err) {
        deps.log.warn(`auto-answer: could not record the reply: ${err2text(err)}`);
      }
    }
  } catch (err) {
    const f = describeSlackError(err);
    deps.log.error({ channel: channelId, code: f.code }, `auto-answer: chat.postMessage failed: ${f.message}${deliveryNote(f)}`);
    // Only a post that surely never went out gives the thread back; one that may be there keeps its claim.
    if (f.delivery !== 'unknown') {
      try {
        await help.store.releaseAutoReply('slack', channelId, event.ts);
      } catch {
        // the claim stays; the thread simply gets no auto-reply
      }
    }
  }
}
