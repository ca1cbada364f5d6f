import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { answerRefOf } from '../../../core/answer-ref.js';
import { renderSlackBlocks, renderSlackNotice, SLACK_USER_ID, type SlackMessage } from '../../../render/slack-blocks.js';
import { deliveryNote, describeSlackError } from '../slack-errors.js';
import { encodeThreadReply, isSlackTs } from '../thread-reply-value.js';
import type { ListenerDeps } from './listener-deps.js';
import { replyEphemeral } from './reply-ephemeral.js';

/** The message shortcut's callback id, as in slack/manifest.json. */
export const ANSWER_MESSAGE_CALLBACK = 'answer_message';

export type MessageShortcutArgs = Pick<SlackShortcutMiddlewareArgs<MessageShortcut>, 'shortcut' | 'ack' | 'respond'> & Pick<AllMiddlewareArgs, 'client'>;

/** A message of only files, images or blocks without fallback text has nothing for the engine to read. */
export const NO_TEXT_NOTICE = 'That message has no text I can read (only files or attachments), so there is nothing for me to answer.';

/** Slack errors after which the bot cannot post here itself, but the shortcut's own response_url still can. */
const CANNOT_POST_HERE = new Set(['not_in_channel', 'channel_not_found']);

/**
 * "Answer with vmvc" on a message: the engine reads the message's text and the
 * answer goes to the clicker only (chat.postEphemeral, in the thread when the
 * message is a thread reply). An answer gets **Reply in thread**, which posts
 * it for everyone (reply-in-thread.ts); "did you mean" and declines stay
 * private. The message's own text never reaches the card.
 */
export async function handleMessageShortcut({ shortcut, ack, respond, client }: MessageShortcutArgs, deps: ListenerDeps): Promise<void> {
  await ack();
  const clicker = shortcut.user.id;
  const channelId = shortcut.channel.id;
  const source = shortcut.message;
  const text = typeof source.text === 'string' ? source.text : '';
  const threadTs = typeof source['thread_ts'] === 'string' ? (source['thread_ts'] as string) : undefined;

  let message: SlackMessage;
  if (text.trim() === '') {
    message = renderSlackNotice(NO_TEXT_NOTICE);
  } else {
    const reply = deps.core.ask(text, { platform: 'slack', userId: clicker });
    const ref = answerRefOf(reply);
    const asker = typeof source.user === 'string' && SLACK_USER_ID.test(source.user) ? source.user : undefined;
    const replyThread = isSlackTs(threadTs) ? threadTs : source.ts;
    const replyValue =
      ref !== undefined && isSlackTs(replyThread) ? encodeThreadReply({ ref, threadTs: replyThread, ...(asker !== undefined && { asker }) }) : undefined;
    message = renderSlackBlocks(reply.card, { messageAction: replyValue !== undefined ? { replyValue } : {} });
    deps.log.debug({ outcome: reply.outcome.status, id: reply.outcome.id }, 'message shortcut answered');
  }

  // A thread reply is answered inside its thread; a top-level message (even one with replies) in the channel, where it was clicked.
  const inThread = isSlackTs(threadTs) && threadTs !== source.ts ? threadTs : undefined;
  try {
    await client.chat.postEphemeral({ channel: channelId, user: clicker, ...message, ...(inThread !== undefined && { thread_ts: inThread }) });
    return;
  } catch (err) {
    const f = describeSlackError(err);
    if (f.delivery === 'unknown') {
      deps.log.error({ channel: channelId, code: f.code }, `message shortcut: chat.postEphemeral failed: ${f.message}${deliveryNote(f)}`);
      return;
    }
    // Nothing was posted (Slack said no, or was never reached). Private channels and DMs the bot is not in
    // answer not_in_channel / channel_not_found, yet the shortcut's own response_url still reaches the clicker.
    const level = CANNOT_POST_HERE.has(f.code) ? 'info' : 'warn';
    deps.log[level]({ channel: channelId, code: f.code }, `message shortcut: chat.postEphemeral failed: ${f.message}; answering through the response_url`);
  }
  await replyEphemeral(respond, message, deps.log);
}
