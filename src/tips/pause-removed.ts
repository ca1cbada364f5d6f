import type { TipStore } from '../core/storage.js';
import type { TipSubscriptionStore } from '../core/tip-subscriptions.js';
import type { Logger } from '../log.js';
import type { PostTipResult } from './post-tip.js';

/**
 * Failures that mean the bot is no longer in the channel (Slack
 * not_in_channel, channel_not_found, is_archived; Discord Unknown Channel
 * 10003, Missing Access 50001: see the adapters' toPostError). Posting again
 * would fail the same way every day, so the subscription pauses instead.
 */
const REMOVED_CODES = new Set(['channel_not_found', 'not_in_channel']);

export function meansRemoved(result: PostTipResult): boolean {
  return result.status === 'failed' && REMOVED_CODES.has(result.code);
}

/** Pauses the channel's subscription after a "removed" failure; logged once, by whichever copy paused it. */
export async function pauseIfRemoved(store: TipSubscriptionStore & Pick<TipStore, 'tipPost'>, result: PostTipResult, log: Logger, now: Date): Promise<boolean> {
  if (result.status !== 'failed' || !meansRemoved(result)) return false;
  const { platform, channelId } = result.slot;
  try {
    const claimedAt = (await store.tipPost(result.slot))?.claimedAt;
    const paused = await store.pauseTipSubscription(platform, channelId, result.error, now, claimedAt);
    if (paused) {
      log.warn({ platform, channel: channelId, reason: result.error }, 'tips paused for this channel: the bot was removed from it or cannot see it; `tips here` there resumes them');
    }
    return paused;
  } catch (err) {
    log.error({ err, platform, channel: channelId }, 'could not pause the tip subscription; the next slot will try again');
    return false;
  }
}
