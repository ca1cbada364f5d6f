/**
 * Every evaluation message's outcome and the engine's evidence for it at full
 * precision, one JSON line each: `node dist/tests/bench/answer-snapshot.js > before.jsonl`.
 * A speed change must leave this output identical (compare with
 * `node dist/tests/bench/answer-snapshot.js --diff before.jsonl`, and with
 * `--via-saved` through the index as the CLI loads it from its cache); the rounded
 * scores that `vmvc ask --json` prints would hide a drift in the fourth decimal.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../../src/core/create-core.js';
import { loadKnowledge } from '../../src/core/knowledge/load.js';
import type { IndexData } from '../../src/core/match/index-data.js';
import { bestJudgement } from '../../src/core/match/match-question.js';
import { loadEvalSets } from '../eval/eval-sets.js';
import { junk } from './engine.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** Floating-point sums may be reordered by a faster loop; anything past this is a real change. */
const TOLERANCE = 1e-9;

/** With `--via-saved`, through the index data as a later start loads it: built, saved as JSON, read back. */
function snapshot(viaSaved: boolean): string[] {
  const knowledge = loadKnowledge(path.join(ROOT, 'knowledge'), { cache: false });
  const savedIndex = viaSaved ? (JSON.parse(JSON.stringify(createCore(knowledge).index.data())) as IndexData) : undefined;
  const core = createCore(knowledge, savedIndex ? { savedIndex } : {});
  // With the worst cases the bench times: pastes of invented words, every one a typo to fix.
  const texts = [...loadEvalSets(path.join(ROOT, 'tests/eval')).map((m) => m.text), ...[1, 2, 3, 4, 5].map(junk)];
  return texts.map((text) => {
    const reply = core.ask(text, { platform: 'cli' }, { explain: true });
    const { judgement: j, readings } = bestJudgement(core.index, text);
    return JSON.stringify({
      text,
      outcome: reply.outcome,
      reading: j.evidence.text,
      readings,
      tokens: j.evidence.tokens,
      scope: j.evidence.scope,
      scopeProbability: j.scopeProbability,
      ranked: j.ranked.map((r) => ({ id: r.id, p: r.probability, f: r.features })),
      answer: j.answerFeatures,
      answerProbability: j.answerProbability,
    });
  });
}

/** Equal up to TOLERANCE for numbers, exactly for everything else. */
function same(a: unknown, b: unknown, at: string, out: string[]): void {
  if (typeof a === 'number' && typeof b === 'number') {
    if (!(Math.abs(a - b) <= TOLERANCE || (Number.isNaN(a) && Number.isNaN(b)))) out.push(`${at}: ${a} ≠ ${b}`);
  } else if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(`${at}: length ${a.length} ≠ ${b.length}`);
    else a.forEach((x, i) => same(x, b[i], `${at}[${i}]`, out));
  } else if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`, out);
  } else if (a !== b) out.push(`${at}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`);
}

const diffAt = process.argv.indexOf('--diff');
const lines = snapshot(process.argv.includes('--via-saved'));
if (diffAt < 0) {
  process.stdout.write(`${lines.join('\n')}\n`);
} else {
  const before = readFileSync(process.argv[diffAt + 1] as string, 'utf8').trim().split('\n');
  const problems: string[] = [];
  if (before.length !== lines.length) problems.push(`${before.length} messages before, ${lines.length} now`);
  lines.forEach((line, i) => same(JSON.parse(before[i] ?? 'null'), JSON.parse(line), `#${i}`, problems));
  console.log(problems.length === 0 ? `identical: ${lines.length} messages` : problems.slice(0, 40).join('\n'));
  process.exitCode = problems.length === 0 ? 0 : 1;
}
