import type { Platform } from './usage.js';

/**
 * Daily tips that channels set up themselves (`/vmvc tips here`). The store
 * holds one subscription per channel; every bot copy reads it each minute, so
 * a change made through any copy (or the CLI) takes effect everywhere.
 */
export interface TipSubscription {
  platform: Platform;
  channelId: string;
  /**
   * When the channel gets its tip, as a cron expression in `timezone`:
   * `M H * * 1-5` (weekdays) or `M H * * *` (daily) when set from chat; any
   * cron TIP_SCHEDULE held when the environment was imported (see README).
   */
  schedule: string;
  /** IANA time zone the schedule is read in, e.g. Europe/Berlin. */
  timezone: string;
  createdAt: Date;
  updatedAt: Date;
  /** Set by someone in chat (`tips here`), not imported from the environment. */
  setInChat: boolean;
  /** Set when the bot found it was removed from the channel; tips stop until `tips here` again. */
  pausedAt?: Date;
  /** Why it was paused, one line (`not_in_channel: …`). */
  pausedReason?: string;
}

/** What `tips here` (or the environment import) writes. */
export interface TipSubscriptionInput {
  platform: Platform;
  channelId: string;
  schedule: string;
  timezone: string;
}

export interface TipSubscriptionStore {
  /** Every subscription, paused ones included, ordered by platform and channel. */
  tipSubscriptions(): Promise<TipSubscription[]>;
  tipSubscription(platform: Platform, channelId: string): Promise<TipSubscription | undefined>;
  /** Creates or replaces the channel's subscription and clears a pause (resuming it). `byHash` is hashUserId's, never the id. */
  saveTipSubscription(input: TipSubscriptionInput, byHash: string | undefined, now: Date): Promise<void>;
  /** False when the channel had none. */
  removeTipSubscription(platform: Platform, channelId: string): Promise<boolean>;
  /** True only for the call that paused it (so the pause is logged once, by one copy); false when already paused or gone. */
  /**
   * With `unchangedSince` (when the failed post was claimed), a subscription saved after it is left alone:
   * an admin who re-invited the bot and ran `tips here` meanwhile is not paused by the older failure.
   */
  pauseTipSubscription(platform: Platform, channelId: string, reason: string, now: Date, unchangedSince?: Date): Promise<boolean>;
  /**
   * The environment's tip channels, imported once: the first call that finds
   * no import marker inserts `inputs` (keeping any subscription a channel
   * already has) and records the marker, in one transaction. Later calls
   * change nothing and return `{ imported: false, at }` with the first import's time.
   */
  importTipSubscriptions(inputs: readonly TipSubscriptionInput[], now: Date): Promise<{ imported: true; count: number } | { imported: false; at: Date }>;
}

export interface TipVoteRecord {
  platform: Platform;
  tipId: number;
  vote: 'up' | 'down';
  /** hashUserId's one-way hash; never the user id. */
  userHash: string;
  at: Date;
}

export interface TipVotes {
  tipId: number;
  up: number;
  down: number;
}

/** 👍/👎 on tip cards: one vote per user per tip, the latest wins. */
export interface TipVoteStore {
  recordTipVote(record: TipVoteRecord): Promise<void>;
  /** Tips with at least one vote at or after `since`, most 👍 (then fewest 👎) first. */
  tipVotes(since: Date, limit: number): Promise<TipVotes[]>;
}
