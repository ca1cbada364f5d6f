import { Cron } from 'croner';

/**
 * How late a cron fire may be and still belong to the scheduled time before
 * it. croner fires at or just after the scheduled second; a stalled event loop
 * or a suspended machine can delay it.
 */
export const FIRE_TOLERANCE_MS = 60_000;

/** The slot key of a scheduled fire: its time in ISO UTC, so restarts and DST map to one key. */
export function slotKeyFor(fireTime: Date): string {
  return fireTime.toISOString();
}

/** A manual post (`vmvc tip --post`) gets its own slot, so it never takes a scheduled one. */
export function manualSlotKey(now: Date): string {
  return `manual:${now.toISOString()}`;
}

/** A paused croner job for the schedule: validation and time maths only. */
export function parseTipSchedule(schedule: string, timezone: string): Cron {
  return new Cron(schedule, { timezone, paused: true });
}

/** When the schedule fires next after `now`, in UTC; null when it never does. */
export function nextFireTime(schedule: string, timezone: string, now: Date): Date | null {
  const cron = parseTipSchedule(schedule, timezone);
  const next = cron.nextRun(now);
  cron.stop();
  return next;
}

/**
 * The scheduled time a fire at `now` belongs to: the latest scheduled time not
 * after now. Both croner directions are asked because each has DST edge cases
 * (a wall-clock time that happens twice, or not at all); the later candidate
 * that is not in the future wins, so the same wall-clock slot always maps to
 * the same UTC instant.
 */
export function scheduledTimeFor(cron: Cron, now: Date): Date | undefined {
  const ceiling = now.getTime() + 1_000;
  const candidates = [cron.previousRuns(1, new Date(ceiling))[0], cron.nextRun(new Date(now.getTime() - FIRE_TOLERANCE_MS))];
  const fitting = candidates.filter((d): d is Date => d instanceof Date && d.getTime() <= ceiling);
  return fitting.sort((a, b) => b.getTime() - a.getTime())[0];
}

/**
 * Runs `onFire(scheduledTime)` on every fire of the schedule in `timezone`.
 * `clock` is what "now" means for the slot (tests pass a fake one).
 */
export function startCron(schedule: string, timezone: string, clock: () => Date, onFire: (scheduledTime: Date) => void): Cron {
  const cron: Cron = new Cron(schedule, { timezone, catch: true }, () => {
    const at = scheduledTimeFor(cron, clock());
    if (at) onFire(at);
  });
  return cron;
}
