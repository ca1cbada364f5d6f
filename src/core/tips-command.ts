/**
 * `tips here [HH:MM] [time zone] [weekdays|daily]`, `tips off`, `tips status`,
 * `tips next`: the text after `tips`, parsed the same for Slack's slash text
 * and Discord's options. Pure; a problem is one line that never echoes markup
 * (a mention pasted into the time would otherwise come back live).
 */
export type TipDays = 'weekdays' | 'daily';

export interface TipTime {
  hour: number;
  minute: number;
}

export type TipsRequest =
  | { action: 'here'; time?: TipTime; timezone?: string; days?: TipDays }
  | { action: 'off' }
  | { action: 'status' }
  | { action: 'next' };

export type TipsParse = { ok: true; request: TipsRequest } | { ok: false; problem: string };

export const TIPS_USAGE = 'tips here [HH:MM] [time zone] [weekdays|daily], tips off, tips status or tips next';
const HERE_USAGE = 'tips here [HH:MM] [time zone] [weekdays|daily], e.g. `tips here 09:30 Europe/Berlin weekdays`';

const DAYS: Record<string, TipDays> = { weekdays: 'weekdays', weekday: 'weekdays', 'mon-fri': 'weekdays', daily: 'daily', everyday: 'daily', 'every-day': 'daily' };

/** A word of the user's, safe to quote back: no mention or link markup, at most 40 characters. */
export function quoteInput(word: string): string {
  const clean = word.replace(/[<>@!&*~`|]/g, '').slice(0, 40);
  return `"${clean}"`;
}

/** `9:30`, `09:30` or `0930`… only HH:MM on a 24-hour clock. */
export function parseTipTime(word: string): TipTime | { problem: string } {
  const m = /^(\d{1,2}):(\d{2})$/.exec(word);
  const bad = { problem: `${quoteInput(word)} is not a time: use HH:MM on a 24-hour clock, e.g. 09:00 or 16:30.` };
  if (!m) return bad;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  if (hour > 23 || minute > 59) return bad;
  return { hour, minute };
}

/** The canonical IANA name (`europe/berlin` → `Europe/Berlin`), or undefined when the runtime does not know the zone. */
export function canonicalTimeZone(name: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

export function unknownTimeZoneProblem(word: string): string {
  return `I don't know the time zone ${quoteInput(word)}: use an IANA name such as Europe/Berlin, America/Los_Angeles or UTC.`;
}

export function parseTipDays(word: string): TipDays | undefined {
  return DAYS[word.toLowerCase()];
}

/** The words of `tips here`, in any order: at most one time, one time zone and one of weekdays/daily. */
export function parseHere(words: readonly string[]): TipsParse {
  const request: { action: 'here'; time?: TipTime; timezone?: string; days?: TipDays } = { action: 'here' };
  for (const word of words) {
    if (/^\d/.test(word)) {
      const time = parseTipTime(word);
      if ('problem' in time) return { ok: false, problem: time.problem };
      if (request.time) return { ok: false, problem: `Give one time, not two: ${HERE_USAGE}.` };
      request.time = time;
      continue;
    }
    const days = parseTipDays(word);
    if (days) {
      if (request.days) return { ok: false, problem: `Say weekdays or daily once: ${HERE_USAGE}.` };
      request.days = days;
      continue;
    }
    const zone = canonicalTimeZone(word);
    if (zone) {
      if (request.timezone) return { ok: false, problem: `Give one time zone, not two: ${HERE_USAGE}.` };
      request.timezone = zone;
      continue;
    }
    // A word with a slash meant to be a zone; anything else is neither a zone nor weekdays/daily.
    if (word.includes('/')) return { ok: false, problem: unknownTimeZoneProblem(word) };
    return { ok: false, problem: `I don't understand ${quoteInput(word)}: say weekdays or daily, and a time zone such as Europe/Berlin. Usage: ${HERE_USAGE}.` };
  }
  return { ok: true, request };
}

/** The text after `tips` (empty means status). */
export function parseTipsCommand(text: string): TipsParse {
  const [sub = 'status', ...rest] = text.trim().split(/\s+/).filter((w) => w !== '');
  switch (sub.toLowerCase()) {
    case 'here':
      return parseHere(rest);
    case 'off':
    case 'status':
    case 'next':
      if (rest.length > 0) return { ok: false, problem: `\`tips ${sub.toLowerCase()}\` takes nothing after it. Usage: ${TIPS_USAGE}.` };
      return { ok: true, request: { action: sub.toLowerCase() as 'off' | 'status' | 'next' } };
    default:
      return { ok: false, problem: `I don't know ${quoteInput(sub)}. Usage: ${TIPS_USAGE}.` };
  }
}
