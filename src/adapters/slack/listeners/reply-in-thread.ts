import { replyForAnswerRef } from '../../../core/answer-ref.js';
import { renderSlackBlocks } from '../../../render/slack-blocks.js';
import { POST_OPTIONS } from '../post-options.js';
import { deliveryNote, describeSlackError, hintFor, type SlackFailure } from '../slack-errors.js';
import { decodeThreadReply } from '../thread-reply-value.js';
import type { BlockActionArgs } from './block-actions.js';
import type { ListenerDeps } from './listener-deps.js';
import { replyEphemeral } from './reply-ephemeral.js';

/**
 * **Reply in thread** on the private answer to a message shortcut: the card,
 * visible, in the message's thread, attributed "For @asker, shared by
 * @clicker". It follows Share in channel's rules (share-in-channel.ts): the
 * repeat guard keeps a thread from getting the same answer twice within the
 * cooldown (a double click included), and a post that may have gone out (a
 * timeout, a dropped connection, a 5xx) is never sent again.
 */
export async function handleReplyInThread(args: BlockActionArgs, deps: ListenerDeps): Promise<void> {
  await args.ack();
  const { body, action, respond, client } = args;
  const target = decodeThreadReply(action.value);
  const channelId = body.channel?.id ?? (body.container['channel_id'] as string | undefined);
  if (target === undefined || channelId === undefined) {
    deps.log.warn({ actionId: action.action_id }, 'Reply in thread: the button carried no thread this version can read');
    await replyEphemeral(respond, 'That button no longer works. Use *Answer with vmvc* on the message again.', deps.log);
    return;
  }
  const reply = replyForAnswerRef(deps.core.knowledge, target.ref);
  if (!reply) {
    await replyEphemeral(respond, 'That topic is no longer in the knowledge base. Try /vmvc topics.', deps.log);
    return;
  }
  const clicker = body.user.id;
  // The thread is the conversation: another thread in the same channel may well need the same answer.
  const conversation = `${channelId}/${target.threadTs}`;
  const now = deps.clock();
  let recent: Awaited<ReturnType<typeof deps.repeatGuard.claim>>;
  try {
    recent = await deps.repeatGuard.claim('slack', conversation, target.ref, now);
  } catch (err) {
    deps.log.warn({ channel: channelId }, `repeat guard unavailable, replying anyway: ${err instanceof Error ? err.message : String(err)}`);
    recent = undefined;
  }
  if (recent) {
    // Replaces the preview, so its button cannot be pressed again.
    const secondsAgo = (now.getTime() - recent.at.getTime()) / 1000;
    await replyEphemeral(respond, renderSlackBlocks(reply.card, { recentPost: { secondsAgo } }), deps.log, true);
    return;
  }
  const message = renderSlackBlocks(reply.card, { sharedBy: clicker, ...(target.asker !== undefined && { askedBy: target.asker }) });
  try {
    const posted = await client.chat.postMessage({ channel: channelId, thread_ts: target.threadTs, ...message, ...POST_OPTIONS });
    if (posted.ts !== undefined) await confirmQuietly(deps, conversation, target.ref, posted.ts);
  } catch (err) {
    const failure = describeSlackError(err);
    deps.log.warn({ channel: channelId, code: failure.code }, `Reply in thread: chat.postMessage failed: ${failure.message}${deliveryNote(failure)}`);
    await deps.repeatGuard.release('slack', conversation, target.ref);
    // When it may have been posted, the preview goes (no second click can double it); otherwise it stays for another try.
    await replyEphemeral(respond, threadReplyFailureText(failure), deps.log, failure.delivery === 'unknown');
    return;
  }
  // The private preview gives way to the visible reply, as after Share in channel.
  try {
    await respond({ delete_original: true });
  } catch (err) {
    deps.log.debug({ err }, 'could not remove the private answer after replying in the thread');
  }
}

/** What the clicker reads when the thread reply did not surely go out. */
export function threadReplyFailureText(f: SlackFailure): string {
  if (f.code === 'rate_limited') {
    const seconds = Math.ceil((f.retryAfterMs ?? 0) / 1000);
    return `Slack is limiting how fast I can post right now, so nothing was posted. Try *Reply in thread* again ${seconds > 0 ? `in ${seconds} seconds` : 'in a minute'}.`;
  }
  switch (f.delivery) {
    case 'unknown':
      return 'Slack did not confirm the reply, so it may or may not have been posted. Please check the thread before you answer it again.';
    case 'not_sent':
      return 'I could not reach Slack, so nothing was posted. Try *Reply in thread* again in a moment.';
    case 'refused':
      if (f.code === 'not_in_channel' || f.code === 'channel_not_found') {
        return 'I cannot post in this conversation. Invite me with /invite @vmvc, then try *Reply in thread* again.';
      }
      return `Sorry, I could not reply in that thread: ${hintFor(f.code) ?? 'Slack refused the post'} (${f.code}).`;
  }
}

async function confirmQuietly(deps: ListenerDeps, conversation: string, ref: string, ts: string): Promise<void> {
  try {
    await deps.repeatGuard.confirm('slack', conversation, ref, ts);
  } catch (err) {
    deps.log.warn(`could not record the thread reply for the repeat guard: ${err instanceof Error ? err.message : String(err)}`);
  }
}
