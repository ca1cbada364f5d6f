import type { HelpChannelStore } from './help-channels.js';
import type { RepeatGuard } from './repeat-guard.js';
import type { TipSubscriptionStore, TipVoteStore } from './tip-subscriptions.js';
import type { Platform, UsageRecorder } from './usage.js';

/**
 * The storage the bot needs, as a small interface so a shared server database
 * can replace the embedded SQLite file later (several bot replicas). Every rule
 * that must hold across processes is a unique key the database enforces:
 *   - a tip slot: UNIQUE (platform, channel_id, slot_key)
 *   - a vote:     UNIQUE (platform, user_hash, entry_id)
 *   - a recent visible post: UNIQUE (platform, channel_id, entry_id)
 *   - an auto-reply in a help channel: UNIQUE (platform, channel_id, thread_id)
 *   - a channel's tip subscription: UNIQUE (platform, channel_id)
 *   - a tip vote: UNIQUE (platform, user_hash, tip_id)
 *   - the one-time import of the environment's tip channels: a marker row
 * Every method is async: the embedded SQLite store answers at once, the
 * PostgreSQL store (several bot copies) over the network. The contract suite
 * (tests/store/contract/) runs the same tests against both.
 */

/** One scheduled (or manual) tip post for one channel. */
export interface TipSlot {
  platform: Platform;
  channelId: string;
  /** The scheduled fire time in ISO UTC (`2025-03-31T07:00:00.000Z`), or `manual:<ISO time>`. */
  slotKey: string;
}

/**
 * `claimed`: the slot is taken and the send started (or never finished: see post-tip.ts).
 * `done`: the platform confirmed the post. `failed`: gave up after bounded retries.
 */
export type TipPostStatus = 'claimed' | 'done' | 'failed';

export interface TipPostRecord extends TipSlot {
  tipId: number;
  status: TipPostStatus;
  claimedAt: Date;
  finishedAt?: Date;
  /** Platform message id once done. */
  messageId?: string;
  /** Last error message once failed. */
  error?: string;
  /** Send attempts made (0 while only claimed). */
  attempts: number;
}

/**
 * Per-channel tip rotation, owned by src/tips/rotation.ts; stored as opaque JSON.
 * `remaining` is the rest of the current shuffled cycle, `shown` what this cycle already posted
 * (a failed post's tip goes back to the end of `remaining` at the next pick: see rotation.ts).
 */
export interface RotationState {
  remaining: number[];
  shown: number[];
  last?: number;
  /** 1 for the first cycle; for `tips status`. */
  cycle: number;
}

/** What the claim decided; `pick` runs inside the claim's write transaction. */
export type ClaimOutcome =
  | { claimed: true; tipId: number }
  | { claimed: false; reason: 'taken'; existing: TipPostRecord }
  | { claimed: false; reason: 'no-tips' };

export interface TipStore {
  /**
   * Takes `slot` for `tipId`: true for exactly one caller across every process
   * sharing the database (INSERT … ON CONFLICT DO NOTHING on the unique key).
   * When true and `rotation` is given, the channel's rotation state is saved in
   * the same transaction, so a lost race never advances the rotation.
   */
  claimTipSlot(slot: TipSlot, tipId: number, now: Date, rotation?: RotationState): Promise<boolean>;
  /**
   * Reads the channel's rotation state and its most recent post, lets `pick`
   * choose the tip, and claims the slot, all under one lock per channel: two
   * claims for different slots of the same channel (a schedule and a manual
   * post) never pick from the same state. `pick` is pure and synchronous.
   */
  claimNextTip(
    slot: TipSlot,
    now: Date,
    pick: (state: RotationState | undefined, last: TipPostRecord | undefined) => { tipId: number; state: RotationState } | undefined,
  ): Promise<ClaimOutcome>;
  markTipDone(slot: TipSlot, messageId: string, attempts: number, now: Date): Promise<void>;
  markTipFailed(slot: TipSlot, error: string, attempts: number, now: Date): Promise<void>;
  tipPost(slot: TipSlot): Promise<TipPostRecord | undefined>;
  /** The channel's most recent claim (any status). */
  lastTipPost(platform: Platform, channelId: string): Promise<TipPostRecord | undefined>;
  /** Claims still `claimed` that were made at or before `before`: sends that never confirmed. */
  unconfirmedTipPosts(before: Date): Promise<TipPostRecord[]>;
  rotationState(platform: Platform, channelId: string): Promise<RotationState | undefined>;
  /**
   * Entries the bot posted visibly in the channel at or after `since` (the
   * repeat guard's recent_posts: shared answers, replies to messages), so a
   * tip on a topic just answered there can wait (see RECENT_POSTS_KEEP_MS).
   */
  recentlyPostedEntries(platform: Platform, channelId: string, since: Date): Promise<string[]>;
}

export interface EntryCount {
  entryId: string;
  count: number;
}

export interface EntryVotes {
  entryId: string;
  down: number;
  up: number;
}

export interface QuestionCount {
  /** Normalised question text; identical normalised questions are one group. */
  normalized: string;
  count: number;
  lastAskedAt: Date;
}

/** The curator report's figures, over asks and votes at or after `since`. */
export interface ReportStore {
  mostAskedEntries(since: Date, limit: number): Promise<EntryCount[]>;
  mostDownvotedEntries(since: Date, limit: number): Promise<EntryVotes[]>;
  unansweredQuestions(since: Date, limit: number): Promise<QuestionCount[]>;
}

/**
 * Deliveries a platform may send more than once (a Slack event is retried when
 * its ack was slow or refused): the first copy to take an id answers it, every
 * other delivery of that id is dropped, whichever copy it reaches.
 */
export interface DeliveryStore {
  /** True for exactly one caller per (platform, id) across every copy sharing the store. */
  claimDelivery(platform: Platform, deliveryId: string, now: Date): Promise<boolean>;
}

export interface Storage extends TipStore, ReportStore, TipSubscriptionStore, TipVoteStore, DeliveryStore {
  /** Asks and votes; question text only when STORE_QUESTIONS is on. */
  readonly recorder: UsageRecorder;
  /** A repeat guard every process sharing this database sees. */
  repeatGuard(cooldownSeconds: number): RepeatGuard;
  /** Which channels are help channels, and the auto-replies made in them. */
  readonly helpChannels: HelpChannelStore;
  /** Which database, for log lines and `vmvc` output: the SQLite file, or the PostgreSQL URL without its password. */
  readonly description: string;
  /** Resolves when the database answers a trivial query; for /readyz. */
  ping(): Promise<void>;
  /** Waits for writes in flight, then closes; safe to call twice. */
  close(): Promise<void>;
}
