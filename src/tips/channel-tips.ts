import type { Knowledge } from '../core/knowledge/schema.js';
import type { TipPostRecord, TipStore } from '../core/storage.js';
import type { TipSubscription, TipSubscriptionStore } from '../core/tip-subscriptions.js';
import type { TipsRequest } from '../core/tips-command.js';
import type { Platform } from '../core/usage.js';
import type { Logger } from '../log.js';
import { pauseIfRemoved } from './pause-removed.js';
import { postTipToChannel, type RetryPolicy } from './post-tip.js';
import type { Poster } from './poster.js';
import { slotKeyFor } from './schedule.js';
import { cronFor, describeSchedule, formatLocal, localDate, nextPostTime, simpleSchedule, todaysSlot } from './subscription-schedule.js';

/**
 * What `/vmvc tips …` does in a channel, the same on Slack and Discord; the
 * adapters check who may run it and whether the bot can post there, then
 * call these and send the line back privately. Texts only, no platform types.
 */
export interface ChannelTipsDeps {
  store: TipStore & TipSubscriptionStore;
  knowledge: Knowledge;
  /** Posts to this platform (`tips next`). */
  poster: Poster;
  log: Logger;
  clock: () => Date;
  random?: () => number;
  /** How this platform spells a subcommand, e.g. `/vmvc tips here`. */
  command: (sub: 'here' | 'off' | 'status' | 'next') => string;
}

export const DEFAULT_TIP_TIME = { hour: 9, minute: 0 };

/**
 * `tips next` is waited for by a person: a rate limit or a connection that
 * never got through is tried once more after a short wait, never longer.
 */
const NEXT_NOW_RETRY: RetryPolicy = { maxAttempts: 2, baseDelayMs: 1_000, maxDelayMs: 3_000 };

/** Where the zone came from, so the reply can say whose clock it follows. */
export type ZoneSource = 'yours' | 'default';

const PREVIEW_CHARS = 60;

function tipPreview(knowledge: Knowledge, tipId: number): string {
  const text = knowledge.tips.find((t) => t.id === tipId)?.text ?? '';
  return text.length > PREVIEW_CHARS ? `"${text.slice(0, PREVIEW_CHARS - 1)}…"` : `"${text}"`;
}

function describeLast(knowledge: Knowledge, post: TipPostRecord | undefined, timezone: string): string {
  if (!post) return 'No tip has been posted here yet.';
  const when = formatLocal(post.finishedAt ?? post.claimedAt, timezone);
  switch (post.status) {
    case 'done':
      return `Last tip: #${post.tipId} ${tipPreview(knowledge, post.tipId)}, posted ${when}.`;
    case 'failed':
      return `The last tip (#${post.tipId}, ${when}) could not be posted: ${post.error ?? 'unknown error'}.`;
    case 'claimed':
      return `Last tip: #${post.tipId}, sent ${when} but never confirmed by the platform (it is not sent again).`;
  }
}

function scheduleLine(sub: Pick<TipSubscription, 'schedule' | 'timezone'>): string {
  return `${describeSchedule(sub.schedule)} (${sub.timezone})`;
}

/** `tips status`: anyone may ask. */
export async function channelTipsStatus(deps: ChannelTipsDeps, platform: Platform, channelId: string): Promise<string> {
  const sub = await deps.store.tipSubscription(platform, channelId);
  if (!sub) return `Daily tips are off in this channel. ${deps.command('here')} starts them (09:00 on weekdays unless you say otherwise).`;
  const last = describeLast(deps.knowledge, await deps.store.lastTipPost(platform, channelId), sub.timezone);
  if (sub.pausedAt) {
    return (
      `Daily tips are paused in this channel since ${formatLocal(sub.pausedAt, sub.timezone)}: I could not post here (${sub.pausedReason ?? 'removed from the channel'}). ` +
      `Once I can post here again (invite me back, or give me my permissions), ${deps.command('here')} resumes them. ${last}`
    );
  }
  const next = nextPostTime(sub, deps.clock());
  return `Daily tips are on in this channel: ${scheduleLine(sub)}. Next tip: ${next ? formatLocal(next, sub.timezone) : 'never (the schedule has no future time)'}. ${last}`;
}

/** `tips here …`, after the adapter checked the person may change it and the bot can post here. */
export async function subscribeChannel(
  deps: ChannelTipsDeps,
  platform: Platform,
  channelId: string,
  request: Extract<TipsRequest, { action: 'here' }>,
  /** The zone of the person who ran it (Slack's profile), else TIP_TIMEZONE; used only for a new subscription without a zone in the command. */
  fallbackZone: { timezone: string; source: ZoneSource },
  byHash: string,
): Promise<string> {
  const before = await deps.store.tipSubscription(platform, channelId);
  // Unsaid parts keep the channel's current choice; a new channel gets 09:00 on weekdays.
  const current = before ? simpleSchedule(before.schedule) : undefined;
  const schedule = cronFor(request.time ?? current?.time ?? DEFAULT_TIP_TIME, request.days ?? current?.days ?? 'weekdays');
  // A change of time keeps the channel's zone; a new channel follows the person who set it up.
  const timezone = request.timezone ?? before?.timezone ?? fallbackZone.timezone;
  await deps.store.saveTipSubscription({ platform, channelId, schedule, timezone }, byHash, deps.clock());
  deps.log.info({ platform, channel: channelId, schedule, timezone, resumed: before?.pausedAt !== undefined }, before ? 'tip subscription changed' : 'tip subscription added');
  const next = nextPostTime({ schedule, timezone }, deps.clock());
  const whose =
    request.timezone !== undefined ? 'as you asked' : before ? 'unchanged' : fallbackZone.source === 'yours' ? 'your time zone' : "the bot's default time zone; name another to change it";
  const verb = before?.pausedAt ? 'are on again (resumed)' : before ? 'now come' : 'are on';
  return `Daily tips ${verb} in this channel: ${describeSchedule(schedule)} (${timezone}, ${whose}). Next tip: ${next ? formatLocal(next, timezone) : 'never'}. ${deps.command('off')} stops them.`;
}

/** `tips off`. */
export async function unsubscribeChannel(deps: ChannelTipsDeps, platform: Platform, channelId: string): Promise<string> {
  const removed = await deps.store.removeTipSubscription(platform, channelId);
  if (!removed) return `Daily tips were not on in this channel; nothing changed. ${deps.command('here')} starts them.`;
  deps.log.info({ platform, channel: channelId }, 'tip subscription removed');
  return `Daily tips are off in this channel. ${deps.command('here')} starts them again.`;
}

/**
 * `tips next`: today's tip, now. It takes today's scheduled slot (so the
 * scheduled post later today finds it taken and nothing doubles); on a day
 * without one (a weekend for weekday tips) it takes that day's one extra slot.
 */
export async function postNextTipNow(deps: ChannelTipsDeps, platform: Platform, channelId: string): Promise<string> {
  const sub = await deps.store.tipSubscription(platform, channelId);
  if (!sub) return `Daily tips are off in this channel: ${deps.command('here')} starts them, then ${deps.command('next')} posts one now.`;
  if (sub.pausedAt) return `Daily tips are paused in this channel (${sub.pausedReason ?? 'I was removed'}). Once I can post here again, ${deps.command('here')} resumes them.`;
  const now = deps.clock();
  const today = todaysSlot(sub, now);
  const slotKey = today ? slotKeyFor(today) : `extra:${localDate(now, sub.timezone)}`;
  const result = await postTipToChannel(
    { store: deps.store, knowledge: deps.knowledge, poster: deps.poster, log: deps.log, clock: deps.clock, random: deps.random ?? Math.random, retry: NEXT_NOW_RETRY },
    { platform, channelId, slotKey },
  );
  const after = nextPostTime(sub, new Date(Math.max(now.getTime(), today?.getTime() ?? 0) + 1_000));
  const nextLine = after ? `The next comes ${formatLocal(after, sub.timezone)}.` : '';
  switch (result.status) {
    case 'posted':
      return `Posted tip #${result.tipId} here; it counts as today's tip. ${nextLine}`.trim();
    case 'skipped':
      if (result.reason === 'no-tips') return 'There are no tips in the knowledge base, so there is nothing to post.';
      return `Today's tip is already posted here (tip #${result.existing.tipId}, ${formatLocal(result.existing.claimedAt, sub.timezone)}), and a day gets one. ${nextLine}`.trim();
    case 'failed':
      await pauseIfRemoved(deps.store, result, deps.log, deps.clock());
      return `I could not post the tip here: ${result.error}. Today's slot is used up, so nothing is sent twice. ${nextLine}`.trim();
  }
}
