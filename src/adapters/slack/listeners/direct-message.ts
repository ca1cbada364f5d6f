import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { renderSlackBlocks } from '../../../render/slack-blocks.js';
import { POST_OPTIONS } from '../post-options.js';
import { deliveryNote, describeSlackError } from '../slack-errors.js';
import type { ListenerDeps } from './listener-deps.js';

export type MessageArgs = Pick<SlackEventMiddlewareArgs<'message'>, 'event' | 'say'> & Pick<AllMiddlewareArgs, 'context'>;

/**
 * A DM to the bot: the card in the DM. Only plain user messages count: edits,
 * deletions, joins and anything a bot wrote (including this one) carry a
 * subtype or bot_id and are ignored, so the bot never answers itself.
 */
export async function handleDirectMessage({ event, say, context }: MessageArgs, deps: ListenerDeps): Promise<void> {
  if (event.channel_type !== 'im') return;
  if (event.subtype !== undefined) return;
  if (event.bot_id !== undefined || event.user === context.botUserId) return;
  const reply = deps.core.respond(event.text ?? '', { platform: 'slack', userId: event.user });
  try {
    await say({ ...renderSlackBlocks(reply.card), ...(event.thread_ts !== undefined && { thread_ts: event.thread_ts }), ...POST_OPTIONS });
  } catch (err) {
    const f = describeSlackError(err);
    deps.log.error({ channel: event.channel, code: f.code }, `reply to a DM failed: ${f.message}${deliveryNote(f)}`);
  }
}
