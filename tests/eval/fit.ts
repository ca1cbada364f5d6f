/**
 * `npm run fit`: fits the answer engine's three small models on the fitting
 * part of tests/eval and writes their weights to src/core/match/fitted-model.ts.
 *
 * 1. rank: is this entry a right answer to this message? (in-scope messages, every candidate)
 * 2. scope: is this message a question the knowledge answers? (every message)
 * 3. answer: is the best-ranked entry a right answer? Fitted on scope and rank
 *    probabilities that come from models which never saw the message
 *    (5-fold cross-fitting), so its probabilities stay honest.
 * The reading of each message (whole, a sentence, the question after a
 * lead-in) depends on the models, so the fit runs twice: first on whole
 * messages, then on the readings the first models prefer.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadKnowledge } from '../../src/core/knowledge/load.js';
import { ANSWER_FEATURES, RANK_FEATURES, SCOPE_FEATURES } from '../../src/core/match/features.js';
import { buildMatchIndex, type MatchIndex } from '../../src/core/match/match-index.js';
import { buildExemplarIndex, type Exemplar } from '../../src/core/match/exemplars.js';
import { bestJudgement, judge, type FittedModels, type Judgement } from '../../src/core/match/match-question.js';
import { isInDomain, isRightAnswer, knowledgePhrasings, loadEvalSets, type LabelledMessage } from './eval-sets.js';
import { fitLogistic, type Row } from './fit-logistic.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const FOLDS = 5;

function foldOf(text: string): number {
  return createHash('sha256').update(`fold:${text}`).digest().readUInt8(0) % FOLDS;
}

interface Sample {
  m: LabelledMessage;
  fold: number;
  reading: string;
}

/**
 * A message's features are always computed against earlier questions from
 * other folds, never against itself, so the fitted weights see exemplar
 * evidence as strong as it will be for a new question, not stronger.
 */
type FoldIndexes = MatchIndex[];

function fitScopeAndRank(indexes: FoldIndexes, samples: readonly Sample[], faqOf: Map<string, string | undefined>, base: FittedModels): FittedModels {
  const scopeRows: Row[] = [];
  const rankRows: Row[] = [];
  for (const { m, fold, reading } of samples) {
    const j = judge(indexes[fold] as MatchIndex, reading, base);
    scopeRows.push({ x: j.evidence.scope, y: isInDomain(m) ? 1 : 0 });
    if (m.answers.length > 0) for (const c of j.evidence.candidates) rankRows.push({ x: c.features, y: isRightAnswer(m, c.id, faqOf) ? 1 : 0 });
  }
  return {
    ...base,
    scope: { features: SCOPE_FEATURES, weights: fitLogistic(scopeRows, SCOPE_FEATURES.length) },
    rank: { features: RANK_FEATURES, weights: fitLogistic(rankRows, RANK_FEATURES.length) },
  };
}

function answerRow(j: Judgement, m: LabelledMessage, faqOf: Map<string, string | undefined>): Row {
  const top = j.ranked[0];
  return { x: j.answerFeatures, y: top !== undefined && isInDomain(m) && isRightAnswer(m, top.id, faqOf) ? 1 : 0 };
}

function fitAll(indexes: FoldIndexes, samples: readonly Sample[], faqOf: Map<string, string | undefined>, base: FittedModels): FittedModels {
  const answerRows: Row[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const inner = fitScopeAndRank(indexes, samples.filter((s) => s.fold !== fold), faqOf, base);
    for (const s of samples.filter((x) => x.fold === fold)) {
      const j = judge(indexes[fold] as MatchIndex, s.reading, inner);
      if (j.ranked.length > 0) answerRows.push(answerRow(j, s.m, faqOf));
    }
  }
  const full = fitScopeAndRank(indexes, samples, faqOf, base);
  return { ...full, answer: { features: ANSWER_FEATURES, weights: fitLogistic(answerRows, ANSWER_FEATURES.length) } };
}

export interface FitResult {
  models: FittedModels;
  exemplars: Exemplar[];
  counts: Map<string, number>;
}

/** Fits all three models, and learns the exemplars, from the knowledge and evaluation data under `root`. */
export function fitModels(root: string): FitResult {
  const knowledge = loadKnowledge(path.join(root, 'knowledge'), { cache: false });
  const bare = buildMatchIndex(knowledge, { exemplars: [] });
  const faqOf = new Map(knowledge.comparison.map((d) => [d.id, d.faq]));
  const fitting = loadEvalSets(path.join(root, 'tests/eval'), { knowledgePhrasings: knowledgePhrasings(knowledge.faq) }).filter((m) => m.part === 'fit');
  const exemplarOf = (m: LabelledMessage): Exemplar => ({
    tokens: bare.normalizer.tokens(m.text, bare.fix),
    answers: m.wholeTable ? ['compare'] : m.answers.map((a) => (a.startsWith('compare:') ? (faqOf.get(a.slice('compare:'.length)) ?? a) : a)),
  });
  const items = fitting.map((m) => ({ m, fold: foldOf(m.text), exemplar: exemplarOf(m) }));
  const indexes: FoldIndexes = Array.from({ length: FOLDS }, (_, k) => ({
    ...bare,
    exemplars: buildExemplarIndex(
      items.filter((x) => x.fold !== k).map((x) => x.exemplar),
      bare.weight,
    ),
  }));
  const start: FittedModels = {
    scope: { features: SCOPE_FEATURES, weights: SCOPE_FEATURES.map(() => 0) },
    rank: { features: RANK_FEATURES, weights: RANK_FEATURES.map(() => 0) },
    answer: { features: ANSWER_FEATURES, weights: ANSWER_FEATURES.map(() => 0) },
  };
  let models = fitAll(indexes, items.map(({ m, fold }) => ({ m, fold, reading: m.text })), faqOf, start);
  models = fitAll(
    indexes,
    items.map(({ m, fold }) => ({ m, fold, reading: bestJudgement(indexes[fold] as MatchIndex, m.text, models).judgement.evidence.text })),
    faqOf,
    models,
  );
  const counts = new Map<string, number>();
  for (const m of fitting) counts.set(m.set, (counts.get(m.set) ?? 0) + 1);
  return { models, exemplars: items.map((x) => x.exemplar), counts };
}

/**
 * The generated fitted-exemplars.ts: the exemplars as one JSON text, one per
 * line, parsed when the module loads. V8 reads JSON several times faster than
 * the same object literals, and a cold `vmvc ask` loads this file.
 */
export function renderExemplarFile(exemplars: readonly Exemplar[]): string {
  const rows = exemplars.map((e, i) => `  {"tokens":${JSON.stringify(e.tokens)},"answers":${JSON.stringify(e.answers)}}${i + 1 < exemplars.length ? ',' : ''}`);
  // Canonical tokens and entry ids are plain words: nothing a template literal would read as syntax.
  const unsafe = rows.find((r) => /[`\\]|\$\{/.test(r));
  if (unsafe !== undefined) throw new Error(`an exemplar cannot be written into the template literal: ${unsafe}`);
  return [
    '// Generated by `npm run fit` (tests/eval/fit.ts) from the fitting part of tests/eval: earlier questions as',
    '// canonical tokens, with the entries that answer them (none: off-topic). Do not edit by hand.',
    '// JSON rather than object literals: parsed several times faster when a cold `vmvc ask` loads it.',
    "import type { Exemplar } from './exemplars.js';",
    '',
    'export const FITTED_EXEMPLARS: readonly Exemplar[] = JSON.parse(`[',
    ...rows,
    ']`) as Exemplar[];',
    '',
  ].join('\n');
}

/** The generated fitted-model.ts. */
export function renderModelFile(models: FittedModels, counts: Map<string, number>): string {
  const line = (name: string, model: { features: readonly string[]; weights: readonly number[] }) =>
    `  ${name}: {\n    features: [${model.features.map((f) => `'${f}'`).join(', ')}],\n    weights: [${model.weights.join(', ')}],\n  },`;
  const file = [
    '// Generated by `npm run fit` (tests/eval/fit.ts) from the fitting part of tests/eval:',
    `// ${[...counts].map(([s, n]) => `${s} ${n}`).join(', ')} messages. Do not edit by hand; refit after changing`,
    '// the knowledge, knowledge/intent.yaml or the features, then check `npm run eval`.',
    'export const FITTED_MODEL = {',
    line('scope', models.scope),
    line('rank', models.rank),
    line('answer', models.answer),
    '} as const;',
    '',
  ].join('\n');
  return file;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { models, exemplars, counts } = fitModels(ROOT);
  const file = renderModelFile(models, counts);
  writeFileSync(path.join(ROOT, 'src/core/match/fitted-model.ts'), file);
  writeFileSync(path.join(ROOT, 'src/core/match/fitted-exemplars.ts'), renderExemplarFile(exemplars));
  process.stdout.write(file);
}
