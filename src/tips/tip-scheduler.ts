import type { Cron } from 'croner';
import type { Knowledge } from '../core/knowledge/schema.js';
import type { TipStore } from '../core/storage.js';
import type { Platform } from '../core/usage.js';
import type { Logger } from '../log.js';
import { postTipToChannel, type PostTipResult, type RetryPolicy } from './post-tip.js';
import type { Poster } from './poster.js';
import { slotKeyFor, startCron } from './schedule.js';

export interface TipChannel {
  platform: Platform;
  channelId: string;
}

export interface TipSchedulerOptions {
  store: TipStore;
  /** One poster per connected platform: the running adapters. */
  posters: readonly Poster[];
  channels: readonly TipChannel[];
  /** TIP_SCHEDULE (already validated by config). */
  schedule: string;
  /** TIP_TIMEZONE. */
  timezone: string;
  knowledge: Knowledge;
  log: Logger;
  clock?: () => Date;
  random?: () => number;
  retry?: RetryPolicy;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Tests drive `runSlot` directly and leave the real cron off. */
  startCron?: boolean;
  /** Told how each channel's slot ended (main.ts counts them for /metrics). */
  onResult?: (platform: Platform, result: PostTipResult['status'] | 'crashed') => void;
}

export interface TipScheduler {
  /** Posts the slot for `scheduledTime` to every channel; channels run independently. */
  runSlot(scheduledTime: Date): Promise<PostTipResult[]>;
  /** Next scheduled fire, or null when stopped. */
  nextRun(): Date | null;
  /** Settles once the start-up check (claims never confirmed sent) has been logged. */
  readonly checked: Promise<void>;
  /** Stops the cron, cuts retry waits short and waits for posts in flight. */
  stop(): Promise<void>;
}

/** All configured tip channels as a list, for main.ts and the CLI. */
export function tipChannelsOf(config: { slack?: { tipChannels: string[] }; discord?: { tipChannels: string[] } }): TipChannel[] {
  return [
    ...(config.slack?.tipChannels ?? []).map((channelId) => ({ platform: 'slack' as const, channelId })),
    ...(config.discord?.tipChannels ?? []).map((channelId) => ({ platform: 'discord' as const, channelId })),
  ];
}

/** Posts slots for many channels; shared by the scheduler and `vmvc tip --post`. */
export async function postSlotToChannels(
  options: Omit<TipSchedulerOptions, 'schedule' | 'timezone' | 'startCron'> & { signal?: AbortSignal },
  slotKey: string,
): Promise<PostTipResult[]> {
  const clock = options.clock ?? (() => new Date());
  const random = options.random ?? Math.random;
  const jobs = options.channels.map(async (channel): Promise<PostTipResult | undefined> => {
    const poster = options.posters.find((p) => p.platform === channel.platform);
    if (!poster) return undefined;
    const slot = { ...channel, slotKey };
    try {
      const result = await postTipToChannel(
        {
          store: options.store,
          knowledge: options.knowledge,
          poster,
          log: options.log,
          clock,
          random,
          ...(options.retry && { retry: options.retry }),
          ...(options.sleep && { sleep: options.sleep }),
          ...(options.signal && { signal: options.signal }),
        },
        slot,
      );
      options.onResult?.(channel.platform, result.status);
      return result;
    } catch (err) {
      // A store failure for one channel (locked past busy_timeout, disk full) must not stop the others.
      options.log.error(
        { err, platform: channel.platform, channel: channel.channelId, slot: slotKey },
        `tip slot skipped: the store failed (${err instanceof Error ? err.message : String(err)}); not posting rather than risk a double post`,
      );
      options.onResult?.(channel.platform, 'crashed');
      return undefined;
    }
  });
  return (await Promise.all(jobs)).filter((r): r is PostTipResult => r !== undefined);
}

/**
 * Starts daily tips: on each fire of TIP_SCHEDULE in TIP_TIMEZONE, every
 * configured channel gets the next tip of its rotation, exactly once per
 * scheduled time (see post-tip.ts). Missed fires while the bot was down are
 * not caught up.
 */
export function startTipScheduler(options: TipSchedulerOptions): TipScheduler {
  const clock = options.clock ?? (() => new Date());
  const log = options.log.child({ component: 'tips' });
  const controller = new AbortController();
  const inFlight = new Set<Promise<unknown>>();
  let lastSlot: string | undefined;

  const served = options.channels.filter((c) => {
    if (options.posters.some((p) => p.platform === c.platform)) return true;
    log.warn({ platform: c.platform, channel: c.channelId }, `tip channel skipped: ${c.platform} is not connected`);
    return false;
  });

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

  const runSlot = (scheduledTime: Date): Promise<PostTipResult[]> => {
    const slotKey = slotKeyFor(scheduledTime);
    // croner can re-fire the same wall-clock time around a DST change; the store would refuse it anyway.
    if (slotKey === lastSlot) return Promise.resolve([]);
    lastSlot = slotKey;
    const run = postSlotToChannels({ ...options, channels: served, log, clock, signal: controller.signal }, slotKey);
    inFlight.add(run);
    void run.finally(() => inFlight.delete(run));
    return run;
  };

  let cron: Cron | undefined;
  if (options.startCron !== false && served.length > 0) {
    cron = startCron(options.schedule, options.timezone, clock, (at) => void runSlot(at));
    log.info(
      { schedule: options.schedule, timezone: options.timezone, channels: served.length, next: cron.nextRun()?.toISOString() },
      'tip schedule started',
    );
  }

  return {
    checked,
    runSlot,
    nextRun: () => cron?.nextRun() ?? null,
    async stop() {
      cron?.stop();
      cron = undefined;
      controller.abort();
      await Promise.allSettled([...inFlight]);
    },
  };
}
