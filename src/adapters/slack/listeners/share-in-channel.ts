import type { RespondFn, webApi } from '@slack/bolt';
import type { CardAction } from '../../../core/card-actions.js';
import { renderSlackBlocks } from '../../../render/slack-blocks.js';
import { POST_OPTIONS } from '../post-options.js';
import { deliveryNote, describeSlackError } from '../slack-errors.js';
import type { ListenerDeps } from './listener-deps.js';
import { replyEphemeral } from './reply-ephemeral.js';
import { shareFailureText } from './share-failure-text.js';

export interface ShareRequest {
  action: Extract<CardAction, { type: 'share' }>;
  channelId: string;
  userId: string;
  target?: string;
}

/** Slack errors that mean "the bot cannot post here by itself", where the command's response_url still can. */
const CANNOT_POST_HERE = new Set(['not_in_channel', 'channel_not_found']);

/**
 * "Share in channel": the same card, visible, attributed to the sharer and
 * mentioning only the teammate the asker aimed it at. The repeat guard keeps a
 * channel from seeing the same answer twice in a row; the asker then gets it
 * privately with a pointer to the recent post.
 */
export async function shareInChannel(
  req: ShareRequest,
  { client, respond }: { client: webApi.WebClient; respond: RespondFn },
  deps: ListenerDeps,
): Promise<void> {
  const reply = deps.core.act(req.action, { platform: 'slack', userId: req.userId });
  if (!reply) {
    await replyEphemeral(respond, 'That topic is no longer in the knowledge base. Try /vmvc topics.', deps.log);
    return;
  }
  const entryId = req.action.entryId;
  const now = deps.clock();
  let recent: Awaited<ReturnType<typeof deps.repeatGuard.claim>>;
  try {
    recent = await deps.repeatGuard.claim('slack', req.channelId, entryId, now);
  } catch (err) {
    // The etiquette check must not cost the sharer their post: share without it.
    deps.log.warn({ channel: req.channelId }, `repeat guard unavailable, sharing anyway: ${err instanceof Error ? err.message : String(err)}`);
    recent = undefined;
  }
  if (recent) {
    const secondsAgo = (now.getTime() - recent.at.getTime()) / 1000;
    await replyEphemeral(respond, renderSlackBlocks(reply.card, { recentPost: { secondsAgo } }), deps.log);
    return;
  }
  const message = renderSlackBlocks(reply.card, { sharedBy: req.userId, ...(req.target !== undefined && { target: req.target }) });
  try {
    const posted = await client.chat.postMessage({ channel: req.channelId, ...message, ...POST_OPTIONS });
    await confirmQuietly(deps, req.channelId, entryId, posted.ts);
    await removeEphemeral(respond, deps);
    return;
  } catch (err) {
    const failure = describeSlackError(err);
    deps.log.warn({ channel: req.channelId, code: failure.code }, `Share in channel: chat.postMessage failed: ${failure.message}${deliveryNote(failure)}`);
    if (!CANNOT_POST_HERE.has(failure.code)) {
      // Even when it may have been posted: the sharer is told to look first, and a claim
      // kept for a post that may not exist would answer "posted here" to the next share.
      await releaseQuietly(deps, req.channelId, entryId);
      await replyEphemeral(respond, shareFailureText(failure), deps.log);
      return;
    }
  }
  // Private channels and DMs the bot is not in: the command's own response_url may still post visibly.
  try {
    await respond({ response_type: 'in_channel', replace_original: false, ...message });
    await removeEphemeral(respond, deps);
  } catch (err) {
    const failure = describeSlackError(err);
    deps.log.warn({ channel: req.channelId }, `Share in channel via response_url failed: ${failure.message}${deliveryNote(failure)}`);
    await releaseQuietly(deps, req.channelId, entryId);
    const text =
      failure.delivery === 'refused' ? 'I cannot post in this conversation. Invite me with /invite @vmvc, or share from a channel I am in.' : shareFailureText(failure);
    await replyEphemeral(respond, text, deps.log);
  }
}

/** The post is out; a store hiccup recording it must not turn into "could not post". */
async function confirmQuietly(deps: ListenerDeps, channelId: string, entryId: string, ts: string | undefined): Promise<void> {
  if (ts === undefined) return;
  try {
    await deps.repeatGuard.confirm('slack', channelId, entryId, ts);
  } catch (err) {
    deps.log.warn({ channel: channelId }, `could not record the shared post for the repeat guard: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** The sharer must still hear what happened to the post when the store cannot drop the claim. */
async function releaseQuietly(deps: ListenerDeps, channelId: string, entryId: string): Promise<void> {
  try {
    await deps.repeatGuard.release('slack', channelId, entryId);
  } catch (err) {
    deps.log.warn({ channel: channelId }, `could not drop the repeat-guard claim of a failed share: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** The private preview is replaced by the visible post, as Slack's own /giphy does. */
async function removeEphemeral(respond: RespondFn, deps: ListenerDeps): Promise<void> {
  try {
    await respond({ delete_original: true });
  } catch (err) {
    deps.log.debug({ err }, 'could not remove the ephemeral preview');
  }
}
