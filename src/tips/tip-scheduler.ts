import type { Knowledge } from '../core/knowledge/schema.js';
import type { TipStore } from '../core/storage.js';
import type { TipSubscription, TipSubscriptionStore } from '../core/tip-subscriptions.js';
import type { Platform } from '../core/usage.js';
import type { Logger } from '../log.js';
import { pauseIfRemoved } from './pause-removed.js';
import { postTipToChannel, type PostTipResult, type RetryPolicy } from './post-tip.js';
import type { Poster } from './poster.js';
import { slotKeyFor } from './schedule.js';
import { dueSlot, localDate, simpleSchedule } from './subscription-schedule.js';

export interface TipChannel {
  platform: Platform;
  channelId: string;
}

export interface TipPostOptions {
  store: TipStore;
  /** One poster per connected platform: the running adapters. */
  posters: readonly Poster[];
  knowledge: Knowledge;
  log: Logger;
  clock?: () => Date;
  random?: () => number;
  retry?: RetryPolicy;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  signal?: AbortSignal;
  /** Told how each channel's slot ended (main.ts counts them for /metrics). */
  onResult?: (platform: Platform, result: PostTipResult['status'] | 'crashed') => void;
}

export interface TipSchedulerOptions extends Omit<TipPostOptions, 'store' | 'signal'> {
  store: TipStore & TipSubscriptionStore;
  /** Tests call tick() with an injected clock and leave the minute timer off. */
  startTimer?: boolean;
}

export interface TipScheduler {
  /** Reads every subscription and posts the slots that are due at clock(); what a minute's timer runs. */
  tick(): Promise<PostTipResult[]>;
  /** Settles once the start-up check (claims never confirmed sent) has been logged. */
  readonly checked: Promise<void>;
  /** Stops the timer, cuts retry waits short and waits for posts in flight. */
  stop(): Promise<void>;
}

/** The environment's tip channels as a list: what the one-time import turns into subscriptions. */
export function tipChannelsOf(config: { slack?: { tipChannels: string[] }; discord?: { tipChannels: string[] } }): TipChannel[] {
  return [
    ...(config.slack?.tipChannels ?? []).map((channelId) => ({ platform: 'slack' as const, channelId })),
    ...(config.discord?.tipChannels ?? []).map((channelId) => ({ platform: 'discord' as const, channelId })),
  ];
}

/** Posts one slot key to many channels, each independently; `vmvc tip --post` uses it with a manual key. */
export async function postSlotToChannels(options: TipPostOptions & { channels: readonly TipChannel[] }, slotKey: string): Promise<PostTipResult[]> {
  const jobs = options.channels.map((channel) => postOne(options, { ...channel, slotKey }));
  return (await Promise.all(jobs)).filter((r): r is PostTipResult => r !== undefined);
}

async function postOne(options: TipPostOptions, slot: TipChannel & { slotKey: string }): Promise<PostTipResult | undefined> {
  const poster = options.posters.find((p) => p.platform === slot.platform);
  if (!poster) return undefined;
  try {
    const result = await postTipToChannel(
      {
        store: options.store,
        knowledge: options.knowledge,
        poster,
        log: options.log,
        clock: options.clock ?? (() => new Date()),
        random: options.random ?? Math.random,
        ...(options.retry && { retry: options.retry }),
        ...(options.sleep && { sleep: options.sleep }),
        ...(options.signal && { signal: options.signal }),
      },
      slot,
    );
    options.onResult?.(slot.platform, result.status);
    return result;
  } catch (err) {
    // A store failure for one channel (locked past busy_timeout, disk full, the server unreachable) must not stop the others.
    options.log.error(
      { err, platform: slot.platform, channel: slot.channelId, slot: slot.slotKey },
      `tip slot skipped: the store failed (${err instanceof Error ? err.message : String(err)}); not posting rather than risk a double post`,
    );
    options.onResult?.(slot.platform, 'crashed');
    return undefined;
  }
}

/**
 * Daily tips from the store's subscriptions, each channel on its own schedule
 * and time zone. Every minute the scheduler re-reads the subscriptions (so a
 * `tips here` or `tips off` made through any bot copy counts at once), works
 * out which channels have a slot due (subscription-schedule.ts) and posts it
 * through the claim in post-tip.ts. Nothing is held in memory between ticks
 * but "this copy already tried that slot", so any number of copies can tick
 * side by side: the unique (platform, channel, slot) claim lets one post.
 */
export function startTipScheduler(options: TipSchedulerOptions): TipScheduler {
  const clock = options.clock ?? (() => new Date());
  const log = options.log.child({ component: 'tips' });
  const controller = new AbortController();
  const inFlight = new Set<Promise<unknown>>();
  /** The slot this copy last started per channel: a tick inside the due window does not ask the store again. */
  const started = new Map<string, string>();
  const warnedUnconnected = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const checked = options.store.unconfirmedTipPosts(clock()).then(
    (claims) => {
      for (const claim of claims) {
        log.warn(
          { platform: claim.platform, channel: claim.channelId, slot: claim.slotKey, tipId: claim.tipId, claimedAt: claim.claimedAt.toISOString() },
          'unconfirmed tip post: claimed but never confirmed sent (crash or lost reply); not re-sending it',
        );
      }
    },
    (err: unknown) => log.warn({ err }, `could not list unconfirmed tip posts: ${err instanceof Error ? err.message : String(err)}`),
  );

  const due = (sub: TipSubscription, now: Date): string | undefined => {
    const key = `${sub.platform}:${sub.channelId}`;
    if (sub.pausedAt) return undefined;
    if (!options.posters.some((p) => p.platform === sub.platform)) {
      if (!warnedUnconnected.has(key)) log.warn({ platform: sub.platform, channel: sub.channelId }, `tip channel skipped: ${sub.platform} is not connected`);
      warnedUnconnected.add(key);
      return undefined;
    }
    let at: Date | undefined;
    try {
      at = dueSlot(sub, now);
    } catch (err) {
      // A schedule croner cannot read (edited by hand in the database): say so, keep the others going.
      log.error({ err, platform: sub.platform, channel: sub.channelId, schedule: sub.schedule, timezone: sub.timezone }, 'tip schedule unreadable; skipping this channel');
      return undefined;
    }
    if (!at) return undefined;
    // A slot from before someone set this schedule in chat is not this schedule's: `tips here 09:02` at 09:03 means tomorrow, as its reply says.
    if (sub.setInChat && at.getTime() < sub.updatedAt.getTime()) return undefined;
    const slotKey = slotKeyFor(at);
    if (started.get(key) === slotKey) return undefined;
    started.set(key, slotKey);
    return slotKey;
  };

  /**
   * A daily or weekday schedule posts once per local day: a tip posted (or claimed) earlier today under
   * another slot, before the time was moved or by `tips next` on a day without a slot, counts. A failed post does not.
   */
  const postedToday = async (sub: TipSubscription, slotKey: string): Promise<boolean> => {
    if (!simpleSchedule(sub.schedule)) return false;
    const last = await options.store.lastTipPost(sub.platform, sub.channelId);
    // An operator's `vmvc tip --post` (a manual: slot) is an extra post and leaves the day's schedule alone (README).
    if (!last || last.slotKey === slotKey || last.status === 'failed' || last.slotKey.startsWith('manual:')) return false;
    return localDate(last.claimedAt, sub.timezone) === localDate(new Date(slotKey), sub.timezone);
  };

  const tick = async (): Promise<PostTipResult[]> => {
    if (stopped) return [];
    const now = clock();
    let subs: TipSubscription[];
    try {
      subs = await options.store.tipSubscriptions();
    } catch (err) {
      log.error({ err }, `could not read the tip subscriptions; trying again next minute: ${err instanceof Error ? err.message : String(err)}`);
      return [];
    }
    const jobs = subs.flatMap((sub) => {
      const slotKey = due(sub, now);
      if (slotKey === undefined) return [];
      const run = postedToday(sub, slotKey).then(async (already) => {
        if (already) {
          log.info({ platform: sub.platform, channel: sub.channelId, slot: slotKey }, 'tip slot skipped: this channel already had its tip today (the schedule changed after it, or `tips next` ran)');
          return undefined;
        }
        const result = await postOne({ ...options, log, clock, signal: controller.signal }, { platform: sub.platform, channelId: sub.channelId, slotKey });
        if (result) await pauseIfRemoved(options.store, result, log, clock());
        return result;
      });
      inFlight.add(run);
      void run.finally(() => inFlight.delete(run));
      return [run];
    });
    return (await Promise.all(jobs)).filter((r): r is PostTipResult => r !== undefined);
  };

  // Just after each minute starts, so a 09:00 slot posts at 09:00:01 rather than up to a minute late.
  const schedule = () => {
    const wait = 60_000 - (Date.now() % 60_000) + 1_000;
    timer = setTimeout(() => {
      void tick().catch((err: unknown) => log.error({ err }, 'tip tick failed'));
      if (!stopped) schedule();
    }, wait);
    timer.unref();
  };
  if (options.startTimer !== false) {
    // At once too: a slot that fell due while this copy was restarting (within DUE_WINDOW_MS) is not left for a minute.
    void checked.then(() => tick()).catch((err: unknown) => log.error({ err }, 'tip tick failed'));
    schedule();
    log.info('tip scheduler started: every minute it reads the channels\' subscriptions and posts the tips that are due');
  }

  return {
    checked,
    tick,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      controller.abort();
      await Promise.allSettled([...inFlight]);
    },
  };
}
