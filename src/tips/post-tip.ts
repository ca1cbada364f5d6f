import { setTimeout as delay } from 'node:timers/promises';
import { neverReachedServer, PostError } from '../core/post-error.js';
import { buildTipCard } from '../core/build-cards.js';
import type { Knowledge } from '../core/knowledge/schema.js';
import type { TipPostRecord, TipSlot, TipStore } from '../core/storage.js';
import type { Logger } from '../log.js';
import type { Poster } from './poster.js';
import { RECENT_POSTS_KEEP_MS } from '../core/repeat-guard.js';
import { nextTipAvoiding, withFailedPost } from './rotation.js';

/**
 * One tip post for one channel and slot: claim → send → done.
 *
 * Exactly once per channel per slot:
 * 1. The slot is claimed before anything is sent: a row keyed by the unique
 *    (platform, channel, slot) in the shared database. Only the caller whose
 *    insert succeeds sends; every other caller (a second bot copy, a restart
 *    that re-fires the same scheduled time) sees "taken" and does nothing.
 * 2. After the platform confirms, the row is marked done with the message id.
 * 3. After bounded retries it is marked failed, with the error, and logged.
 *
 * A claim whose send never finished (the process died between claim and
 * done, or the platform accepted the post but the reply never came back) stays
 * `claimed` and is NOT sent again: that slot is at-most-once, because we
 * cannot tell whether the message went out, and a missing tip is better than a
 * doubled one. The scheduler logs such claims as "unconfirmed" at start-up,
 * and `vmvc tips status` shows them. The next slot posts the next tip as usual.
 *
 * Retries follow PostError.retryable: a rate limit (the platform refused, so
 * nothing was posted) and `not_sent` (connection refused, DNS: the request
 * never got there). An ambiguous failure (timeout, reset, server error) is
 * `unknown` and is NOT retried, since the platform may have accepted the post
 * and lost only the reply. Other errors (unknown channel, permissions, auth)
 * fail at once. The failed slot is never sent again; its tip goes to the end
 * of the channel's cycle at the next pick (withFailedPost), so the cycle still
 * shows every tip and `vmvc tips status` never counts it as shown.
 */

export interface RetryPolicy {
  /** Sends per slot, including the first. */
  maxAttempts: number;
  /** Wait before the 2nd attempt when the platform gives no Retry-After; doubles after. */
  baseDelayMs: number;
  /** Longest wait between attempts, even if Retry-After asks for more. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 2_000, maxDelayMs: 5 * 60_000 };

export interface PostTipDeps {
  store: TipStore;
  knowledge: Knowledge;
  poster: Poster;
  log: Logger;
  clock: () => Date;
  random: () => number;
  retry?: RetryPolicy;
  /** Waits between attempts; tests pass an instant one. Rejects when `signal` aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Aborts the waits when the bot stops. */
  signal?: AbortSignal;
}

export type PostTipResult =
  | { status: 'posted'; slot: TipSlot; tipId: number; messageId: string; attempts: number }
  | { status: 'failed'; slot: TipSlot; tipId: number; error: string; code: PostError['code']; attempts: number }
  | { status: 'skipped'; slot: TipSlot; reason: 'taken'; existing: TipPostRecord }
  | { status: 'skipped'; slot: TipSlot; reason: 'no-tips' };

const defaultSleep = (ms: number, signal?: AbortSignal): Promise<void> => delay(ms, undefined, signal ? { signal } : {});

export function asPostError(err: unknown): PostError {
  if (err instanceof PostError) return err;
  return new PostError(neverReachedServer(err) ? 'not_sent' : 'unknown', err instanceof Error ? err.message : String(err));
}

export async function postTipToChannel(deps: PostTipDeps, slot: TipSlot): Promise<PostTipResult> {
  const { store, knowledge, poster, clock } = deps;
  const log = deps.log.child({ platform: slot.platform, channel: slot.channelId, slot: slot.slotKey });
  const retry = deps.retry ?? DEFAULT_RETRY;
  const sleep = deps.sleep ?? defaultSleep;
  const tipIds = knowledge.tips.map((t) => t.id);
  const avoid = await topicsAnsweredRecently(deps, slot, log);

  // The channel's previous post may have failed after its claim saved the rotation: note it now, inside the claim's lock.
  const claim = await store.claimNextTip(slot, clock(), (state, previous) =>
    nextTipAvoiding(withFailedPost(state, previous?.status === 'failed' ? previous.tipId : undefined), tipIds, deps.random, avoid),
  );
  if (!claim.claimed) {
    if (claim.reason === 'taken') {
      log.info({ tipId: claim.existing.tipId, status: claim.existing.status }, 'tip slot already claimed; not posting again');
      return { status: 'skipped', slot, reason: 'taken', existing: claim.existing };
    }
    log.warn('no tips in the knowledge base; nothing to post');
    return { status: 'skipped', slot, reason: 'no-tips' };
  }

  const tip = knowledge.tips.find((t) => t.id === claim.tipId);
  if (!tip) throw new Error(`tip ${claim.tipId} vanished between pick and post`); // pick reads the same list
  const card = buildTipCard(knowledge, tip);

  for (let attempt = 1; ; attempt++) {
    try {
      const { messageId } = await poster.post(slot.channelId, card);
      await safely(log, () => store.markTipDone(slot, messageId, attempt, clock()));
      log.info({ tipId: tip.id, messageId, attempts: attempt }, 'tip posted');
      return { status: 'posted', slot, tipId: tip.id, messageId, attempts: attempt };
    } catch (err) {
      const error = asPostError(err);
      const last = !error.retryable || attempt >= retry.maxAttempts;
      if (last) return giveUp(deps, log, slot, tip.id, error, attempt);
      const wait = Math.min(error.retryAfterMs ?? retry.baseDelayMs * 2 ** (attempt - 1), retry.maxDelayMs);
      log.warn({ tipId: tip.id, code: error.code, attempt, retryInMs: wait }, `tip post failed (${error.message}); retrying`);
      try {
        await sleep(wait, deps.signal);
      } catch {
        // Stopped while waiting: the last attempt failed, so nothing went out and the slot can be closed as failed.
        return giveUp(deps, log, slot, tip.id, new PostError(error.code, `stopped before retrying: ${error.message}`), attempt);
      }
    }
  }
}

async function giveUp(deps: PostTipDeps, log: Logger, slot: TipSlot, tipId: number, error: PostError, attempts: number): Promise<PostTipResult> {
  const message = `${error.code}: ${error.message}`;
  await safely(log, () => deps.store.markTipFailed(slot, message, attempts, deps.clock()));
  log.error({ tipId, code: error.code, attempts }, `tip post failed for good (${error.message})`);
  return { status: 'failed', slot, tipId, error: message, code: error.code, attempts };
}

/**
 * Tips whose topic the bot posted visibly in this channel in the last day:
 * the channel just read that answer. A store failure only loses the skip.
 */
async function topicsAnsweredRecently(deps: PostTipDeps, slot: TipSlot, log: Logger): Promise<Set<number>> {
  try {
    const entries = new Set(await deps.store.recentlyPostedEntries(slot.platform, slot.channelId, new Date(deps.clock().getTime() - RECENT_POSTS_KEEP_MS)));
    return new Set(deps.knowledge.tips.filter((t) => entries.has(t.faq)).map((t) => t.id));
  } catch (err) {
    log.warn({ err }, 'could not read the channel\'s recent answers; the tip is picked without skipping answered topics');
    return new Set();
  }
}

/** A store write after the send must not turn a sent tip into a failure (and a re-send). */
async function safely(log: Logger, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (err) {
    log.error({ err }, 'could not record the tip post outcome; the slot stays claimed and is not re-sent');
  }
}
