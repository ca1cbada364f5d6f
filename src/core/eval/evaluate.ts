import type { Core } from '../create-core.js';

/** One labelled question from tests/eval/questions.yaml. */
export interface EvalQuestion {
  q: string;
  /** FAQ id, `compare:<dimension>`, `compare`, or `out-of-domain`. */
  expect: string;
}

export interface EvalMiss {
  q: string;
  expected: string;
  got: string;
  score: number;
}

export interface EvalReport {
  inDomain: { total: number; correct: number; accuracy: number };
  outOfDomain: { total: number; declined: number; rate: number };
  misses: EvalMiss[];
}

/**
 * Scores the engine on a labelled set. A comparison row and the FAQ entry it
 * links to are the same answer in two shapes, so either counts for the other.
 * Out-of-domain questions count as handled only when declined; a "did you
 * mean" is not a confident answer but is counted as a miss here all the same.
 */
export function evaluate(core: Core, questions: readonly EvalQuestion[]): EvalReport {
  const faqOfDimension = new Map(core.knowledge.comparison.map((d) => [`compare:${d.id}`, d.faq]));
  const misses: EvalMiss[] = [];
  let inTotal = 0;
  let inCorrect = 0;
  let outTotal = 0;
  let outDeclined = 0;
  for (const { q, expect } of questions) {
    const { outcome } = core.ask(q, { platform: 'cli' });
    const got = outcome.status === 'answered' ? (outcome.id ?? '?') : outcome.status === 'suggest' ? `suggest(${outcome.suggestions.map((s) => s.id).join(',')})` : 'declined';
    if (expect === 'out-of-domain') {
      outTotal += 1;
      if (outcome.status === 'declined') outDeclined += 1;
      else misses.push({ q, expected: expect, got, score: outcome.score });
      continue;
    }
    inTotal += 1;
    const ok = outcome.status === 'answered' && sameAnswer(expect, outcome.id ?? '', faqOfDimension);
    if (ok) inCorrect += 1;
    else misses.push({ q, expected: expect, got, score: outcome.score });
  }
  return {
    inDomain: { total: inTotal, correct: inCorrect, accuracy: inTotal === 0 ? 0 : inCorrect / inTotal },
    outOfDomain: { total: outTotal, declined: outDeclined, rate: outTotal === 0 ? 0 : outDeclined / outTotal },
    misses,
  };
}

function sameAnswer(expected: string, got: string, faqOf: Map<string, string | undefined>): boolean {
  if (expected === got) return true;
  const gotRows = got.startsWith('compare:') ? got.slice('compare:'.length).split(',').map((d) => `compare:${d}`) : [];
  if (gotRows.includes(expected)) return true;
  // compare:<dim> answered for a FAQ label, or the FAQ answered for a compare:<dim> label.
  if (gotRows.some((row) => faqOf.get(row) === expected)) return true;
  return faqOf.get(expected) === got;
}
