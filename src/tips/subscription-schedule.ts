import type { TipSubscription } from '../core/tip-subscriptions.js';
import type { TipDays, TipTime } from '../core/tips-command.js';
import { parseTipSchedule, scheduledTimeFor } from './schedule.js';

/**
 * Each channel's schedule is a cron expression read in the channel's time
 * zone by croner, so a 09:00 tip stays at 09:00 local across DST (the UTC
 * instant moves, the slot key is that instant). Chat sets only time + days;
 * an imported TIP_SCHEDULE may be any cron and is kept as it is.
 */

/**
 * How late a minute tick may find a slot and still post it: ticks come every
 * minute, and a stalled event loop, a deploy or a restart may delay one. A
 * bot down longer than this does not catch up (a tip hours late reads odd).
 */
export const DUE_WINDOW_MS = 5 * 60_000;

export function cronFor(time: TipTime, days: TipDays): string {
  return `${time.minute} ${time.hour} * * ${days === 'weekdays' ? '1-5' : '*'}`;
}

/** The time and days of a chat-style schedule; undefined for any other cron. */
export function simpleSchedule(cron: string): { time: TipTime; days: TipDays } | undefined {
  const m = /^(\d{1,2}) (\d{1,2}) \* \* (1-5|\*)$/.exec(cron.trim());
  if (!m) return undefined;
  const minute = Number(m[1]);
  const hour = Number(m[2]);
  if (hour > 23 || minute > 59) return undefined;
  return { time: { hour, minute }, days: m[3] === '1-5' ? 'weekdays' : 'daily' };
}

export const formatTime = (t: TipTime) => `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;

/** "09:00 on weekdays", "16:30 daily", or the cron itself for an imported schedule. */
export function describeSchedule(cron: string): string {
  const simple = simpleSchedule(cron);
  if (!simple) return `on the schedule \`${cron}\` (from TIP_SCHEDULE)`;
  return `${formatTime(simple.time)} ${simple.days === 'weekdays' ? 'on weekdays' : 'daily'}`;
}

/** The scheduled time a tick at `now` should post for, if one fell within DUE_WINDOW_MS; undefined otherwise. */
export function dueSlot(sub: Pick<TipSubscription, 'schedule' | 'timezone'>, now: Date): Date | undefined {
  const cron = parseTipSchedule(sub.schedule, sub.timezone);
  try {
    const at = scheduledTimeFor(cron, now) ?? cron.previousRuns(1, now)[0];
    return at && now.getTime() - at.getTime() <= DUE_WINDOW_MS && at.getTime() <= now.getTime() + 1_000 ? at : undefined;
  } finally {
    cron.stop();
  }
}

export function nextPostTime(sub: Pick<TipSubscription, 'schedule' | 'timezone'>, now: Date): Date | null {
  const cron = parseTipSchedule(sub.schedule, sub.timezone);
  try {
    return cron.nextRun(now);
  } finally {
    cron.stop();
  }
}

/** The calendar date of `at` in `timezone`, as YYYY-MM-DD. */
export function localDate(at: Date, timezone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** "Mon 30 Mar, 09:00 (Europe/Berlin)": what a member reads in `tips status`. */
export function formatLocal(at: Date, timezone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('weekday')} ${get('day')} ${get('month')}, ${get('hour')}:${get('minute')} (${timezone})`;
}

/**
 * The slot `tips next` takes: the schedule's time on today's local date (the
 * first one still ahead, else the last one passed), so the scheduled fire
 * later today finds it taken. Undefined on a day without a scheduled time
 * (a weekend for weekday tips).
 */
export function todaysSlot(sub: Pick<TipSubscription, 'schedule' | 'timezone'>, now: Date): Date | undefined {
  const today = localDate(now, sub.timezone);
  const cron = parseTipSchedule(sub.schedule, sub.timezone);
  try {
    // A local day is at most 26 hours long; start well before it and walk forward.
    let cursor = new Date(now.getTime() - 30 * 3_600_000);
    const runs: Date[] = [];
    for (let i = 0; i < 200; i++) {
      const run = cron.nextRun(cursor);
      if (!run) break;
      const day = localDate(run, sub.timezone);
      if (day > today) break;
      if (day === today) runs.push(run);
      cursor = run;
    }
    return runs.find((r) => r.getTime() >= now.getTime()) ?? runs.at(-1);
  } finally {
    cron.stop();
  }
}
