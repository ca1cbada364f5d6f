/**
 * Scores an engine on labelled messages: per set, how often an in-domain
 * message gets a card that answers it, and how often an off-topic one gets
 * silence; plus a reliability table of the confidence the engine printed.
 */
import { isInDomain, isRightAnswer, type LabelledMessage, type SetName } from './eval-sets.js';

/** What an engine did with one message, in the `vmvc ask --json` vocabulary. */
export interface EngineVerdict {
  status: 'answered' | 'suggest' | 'declined';
  /** The answered id (`compare:…` for comparison rows), else the best candidate if known. */
  id: string | null;
  score: number;
  /** The topics a "did you mean" offered, best first. */
  offered?: readonly string[];
}

export interface SetScore {
  set: SetName | 'all';
  inDomain: number;
  right: number;
  wrong: number;
  suggested: number;
  inDeclined: number;
  offTopic: number;
  offDeclined: number;
  offSuggested: number;
  offAnswered: number;
  /** In-domain messages given a "did you mean" that offered a right card. */
  offeredRight: number;
}

export interface ScoredMessage {
  m: LabelledMessage;
  v: EngineVerdict;
  right: boolean;
  /** A "did you mean" that offered a card answering it: one click from the answer. */
  offeredRight: boolean;
}

export function scoreMessages(messages: readonly LabelledMessage[], verdictOf: (m: LabelledMessage) => EngineVerdict, faqOf: ReadonlyMap<string, string | undefined>): ScoredMessage[] {
  return messages.map((m) => {
    const v = verdictOf(m);
    const offeredRight = v.status === 'suggest' && isInDomain(m) && (v.offered ?? []).some((id) => isRightAnswer(m, id, faqOf));
    return { m, v, right: v.id !== null && isInDomain(m) && isRightAnswer(m, v.id, faqOf), offeredRight };
  });
}

export function summarise(scored: readonly ScoredMessage[], set: SetScore['set']): SetScore {
  const s: SetScore = { set, inDomain: 0, right: 0, wrong: 0, suggested: 0, inDeclined: 0, offTopic: 0, offDeclined: 0, offSuggested: 0, offAnswered: 0, offeredRight: 0 };
  for (const { m, v, right, offeredRight } of scored) {
    if (isInDomain(m)) {
      s.inDomain++;
      if (offeredRight) s.offeredRight++;
      if (v.status === 'answered') right ? s.right++ : s.wrong++;
      else if (v.status === 'suggest') s.suggested++;
      else s.inDeclined++;
    } else {
      s.offTopic++;
      if (v.status === 'declined') s.offDeclined++;
      else if (v.status === 'suggest') s.offSuggested++;
      else s.offAnswered++;
    }
  }
  return s;
}

const pct = (a: number, b: number) => (b === 0 ? '   -  ' : `${((100 * a) / b).toFixed(1).padStart(5)}%`);

export function formatTable(rows: readonly SetScore[]): string {
  const head = 'set        in-domain  top-1 right  wrong ans  did-you-mean (offers it) | off-topic  declined  answered  did-you-mean | answers that were wrong';
  const lines = rows.map((r) => {
    const answers = r.right + r.wrong + r.offAnswered;
    return [
      r.set.padEnd(10),
      String(r.inDomain).padStart(9),
      pct(r.right, r.inDomain).padStart(12),
      pct(r.wrong, r.inDomain).padStart(10),
      pct(r.suggested, r.inDomain).padStart(13),
      `(${pct(r.offeredRight, r.inDomain).trim()})`.padStart(10),
      ' |',
      String(r.offTopic).padStart(9),
      pct(r.offDeclined, r.offTopic).padStart(9),
      pct(r.offAnswered, r.offTopic).padStart(9),
      pct(r.offSuggested, r.offTopic).padStart(13),
      ' |',
      `${pct(r.wrong + r.offAnswered, answers)} of ${answers}`,
    ].join(' ');
  });
  return [head, ...lines].join('\n');
}

/**
 * Reliability: messages grouped by the confidence the engine printed, against
 * how often the card it gave (or would have given) was right.
 */
export function formatReliability(scored: readonly ScoredMessage[]): string {
  const bins = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001];
  const lines = ['confidence   messages  mean conf  actually right'];
  for (let i = 0; i + 1 < bins.length; i++) {
    const lo = bins[i] as number;
    const hi = bins[i + 1] as number;
    const inBin = scored.filter((s) => s.v.score >= lo && s.v.score < hi);
    if (inBin.length === 0) continue;
    const mean = inBin.reduce((a, s) => a + s.v.score, 0) / inBin.length;
    const right = inBin.filter((s) => s.right).length;
    lines.push(`${lo.toFixed(1)}–${Math.min(1, hi).toFixed(1)}   ${String(inBin.length).padStart(8)}  ${mean.toFixed(3).padStart(9)}  ${pct(right, inBin.length).padStart(8)} (${right})`);
  }
  const sure = scored.filter((s) => s.v.status === 'answered' && s.v.score >= 0.9);
  lines.push(`answers given with confidence ≥ 0.9: ${sure.length}, right ${pct(sure.filter((s) => s.right).length, sure.length)}`);
  return lines.join('\n');
}

/**
 * What a stricter bar would buy: of the answers given, only those at or above
 * each confidence counted, per set. The help-channel mode answers unasked, so
 * it needs a higher bar than a direct question.
 */
export function formatBarTradeOff(scored: readonly ScoredMessage[], bars: readonly number[] = [0.5, 0.6, 0.7, 0.8, 0.9]): string {
  const lines = ['bar    in-domain right   public off-topic answered   channel off-topic answered'];
  for (const bar of bars) {
    const answered = (s: ScoredMessage) => s.v.status === 'answered' && s.v.score >= bar;
    const inDomain = scored.filter((s) => isInDomain(s.m));
    const off = (family: string) => scored.filter((s) => s.m.set.startsWith(family) && !isInDomain(s.m));
    const rate = (xs: readonly ScoredMessage[], f: (s: ScoredMessage) => boolean) => pct(xs.filter(f).length, xs.length);
    lines.push(`${bar.toFixed(1)}   ${rate(inDomain, (s) => answered(s) && s.right).padStart(15)}   ${rate(off('public'), answered).padStart(26)}   ${rate(off('channel'), answered).padStart(27)}`);
  }
  return lines.join('\n');
}

/**
 * Help-channel mode at its bar (AUTOANSWER_MIN_CONFIDENCE, 0.9 by default) on
 * the channel sets: how many messages that ask nothing we cover would get an
 * auto-reply, and how many that do would, with how many of those right.
 */
export function formatHelpChannel(scored: readonly ScoredMessage[], bar = 0.9): string {
  const channel = scored.filter((s) => s.m.set.startsWith('channel'));
  const replied = (s: ScoredMessage) => s.v.status === 'answered' && s.v.score >= bar;
  const off = channel.filter((s) => !isInDomain(s.m));
  const answerable = channel.filter((s) => isInDomain(s.m));
  const given = answerable.filter(replied);
  return [
    `help-channel mode at ${bar} on channel traffic: ${off.filter(replied).length} of ${off.length} messages that ask nothing we cover get an auto-reply (${pct(off.filter(replied).length, off.length).trim()}),`,
    `${given.length} of ${answerable.length} answerable ones do, ${given.filter((s) => s.right).length} of them with a right card`,
  ].join(' ');
}
