import { deliveryNote, describeSlackError } from '../slack-errors.js';
import { decodeAutoReply } from '../auto-reply-blocks.js';
import { isSlackAdmin, whoMaySwitch } from '../slack-admins.js';
import type { BlockActionArgs } from './block-actions.js';
import type { ListenerDeps } from './listener-deps.js';
import { replyEphemeral } from './reply-ephemeral.js';

/**
 * **Not helpful** on an auto-reply. Anyone's click counts as feedback (a 👎
 * for the topic, through the usual recorder); the asker or an admin also
 * removes the reply (chat.delete, the bot's own message), since it was posted
 * without being asked for.
 */
export async function handleNotHelpful(args: BlockActionArgs, deps: ListenerDeps): Promise<void> {
  await args.ack();
  const { body, action, respond, client } = args;
  const target = decodeAutoReply(action.value);
  const channelId = body.channel?.id ?? (body.container['channel_id'] as string | undefined);
  const messageTs = body.message?.ts ?? (body.container['message_ts'] as string | undefined);
  if (target === undefined || channelId === undefined || messageTs === undefined) {
    deps.log.warn({ actionId: action.action_id }, 'Not helpful: the button carried nothing this version can read');
    await replyEphemeral(respond, 'That button no longer works.', deps.log);
    return;
  }
  const clicker = body.user.id;
  // Comparison answers have no topic to vote on; their feedback is the log line below.
  await deps.core.vote(target.ref, 'down', { platform: 'slack', userId: clicker });
  deps.log.info({ channel: channelId, id: target.ref }, 'auto-reply marked not helpful');
  const adminUserIds = deps.adminUserIds ?? [];
  const allowed = clicker === target.asker || (await isSlackAdmin(client, clicker, adminUserIds, deps.log));
  if (!allowed) {
    await replyEphemeral(respond, `Thanks for the feedback 👎. Only the person who asked, or ${whoMaySwitch(adminUserIds)}, can remove this answer.`, deps.log);
    return;
  }
  try {
    await client.chat.delete({ channel: channelId, ts: messageTs });
  } catch (err) {
    const f = describeSlackError(err);
    deps.log.warn({ channel: channelId, code: f.code }, `Not helpful: chat.delete failed: ${f.message}${deliveryNote(f)}`);
    const text =
      f.delivery === 'unknown'
        ? 'Thanks for the feedback 👎. Slack did not confirm the removal: the answer may or may not still be there.'
        : 'Thanks for the feedback 👎. I could not remove the answer just now; try again in a moment.';
    await replyEphemeral(respond, text, deps.log);
    return;
  }
  await replyEphemeral(respond, 'Removed. Thanks for the feedback 👎: it helps the curators improve that answer.', deps.log);
}
