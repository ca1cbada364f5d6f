import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { renderSlackBlocks } from '../../../render/slack-blocks.js';
import { stripBotMention } from '../parse-slack-text.js';
import { POST_OPTIONS } from '../post-options.js';
import { deliveryNote, describeSlackError } from '../slack-errors.js';
import type { ListenerDeps } from './listener-deps.js';

export type AppMentionArgs = Pick<SlackEventMiddlewareArgs<'app_mention'>, 'event' | 'say'> & Pick<AllMiddlewareArgs, 'context'>;

/** `@vmvc <question>` in a channel: the card as a threaded reply, so the channel itself stays quiet. */
export async function handleAppMention({ event, say, context }: AppMentionArgs, deps: ListenerDeps): Promise<void> {
  if (event.bot_id !== undefined || event.subtype !== undefined) return;
  if (event.user === undefined || event.user === context.botUserId) return;
  const question = stripBotMention(event.text, context.botUserId);
  const reply = deps.core.respond(question, { platform: 'slack', userId: event.user });
  try {
    await say({ ...renderSlackBlocks(reply.card), thread_ts: event.thread_ts ?? event.ts, ...POST_OPTIONS });
  } catch (err) {
    const f = describeSlackError(err);
    deps.log.error({ channel: event.channel, code: f.code }, `reply to a mention failed: ${f.message}${deliveryNote(f)}`);
  }
}
