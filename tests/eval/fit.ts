/**
 * `npm run fit`: fits the answer engine on the fitting part of tests/eval and
 * writes src/core/match/fitted-*.ts.
 *
 * First what earlier questions teach, per fold from the other four folds, so a
 * message's features are never learned from the message itself:
 * - the exemplars (how close a message is to earlier questions);
 * - word scope: which words mark a question for us (fit-word-scope.ts);
 * - entry words: which words tell one entry from the others (fit-entry-words.ts).
 * Then three small logistic models over the features:
 * 1. rank: is this entry a right answer to this message? (in-scope messages, every candidate)
 * 2. scope: is this message a question the knowledge answers? (every message)
 * 3. answer: is the best-ranked entry a right answer? Fitted on scope and rank
 *    probabilities that come from models which never saw the message
 *    (5-fold cross-fitting), so its probabilities stay honest, and on the public
 *    and channel sets only: our own tuning questions echo the knowledge's
 *    phrasings and made it too sure of itself on what others write.
 * The reading of each message (whole, a sentence, the question after a
 * lead-in) depends on the models, so the fit runs twice: first on whole
 * messages, then on the readings the first models prefer.
 * `--cross-validate` also prints what models fitted without each fold make of
 * it: the figures to judge a change by before the judged part is looked at.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadKnowledge } from '../../src/core/knowledge/load.js';
import { phrasingKey } from '../../src/core/match/phrasing-key.js';
import { ANSWER_FEATURES, RANK_FEATURES, SCOPE_FEATURES } from '../../src/core/match/features.js';
import { buildMatchIndex } from '../../src/core/match/build-match-index.js';
import type { MatchIndex } from '../../src/core/match/match-index.js';
import { buildExemplarIndex, type Exemplar } from '../../src/core/match/exemplars.js';
import { bestJudgement, judge, matchQuestion, type Judgement } from '../../src/core/match/match-question.js';
import type { FittedModels } from '../../src/core/match/committed-models.js';
import { isInDomain, isRightAnswer, knowledgePhrasings, loadEvalSets, SET_NAMES, type LabelledMessage } from './eval-sets.js';
import { fitLogistic, type Row } from './fit-logistic.js';
import { fitWordScope } from './fit-word-scope.js';
import { fitEntryWords } from './fit-entry-words.js';
import { entryWordsFor, type EntryWordsModel } from '../../src/core/match/entry-words.js';
import type { WordScopeModel } from '../../src/core/match/word-scope.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const FOLDS = 5;

/** By the words alone, as the fit/judge split is: "docker vs vm?" and "Docker vs VM" share a fold. */
function foldOf(text: string): number {
  return createHash('sha256').update(`fold:${phrasingKey(text)}`).digest().readUInt8(0) % FOLDS;
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
      // Calibrated on questions written outside the project: our own tuning questions echo the
      // knowledge's phrasings, and with them the answers it gave at ≥ 0.9 to real questions were
      // right 83% of the time, not 90%+ (npm run fit:cv).
      if (j.ranked.length > 0 && s.m.set !== 'tuning') answerRows.push(answerRow(j, s.m, faqOf));
    }
  }
  const full = fitScopeAndRank(indexes, samples, faqOf, base);
  return { ...full, answer: { features: ANSWER_FEATURES, weights: fitLogistic(answerRows, ANSWER_FEATURES.length) } };
}

export interface FitResult {
  models: FittedModels;
  exemplars: Exemplar[];
  wordScope: WordScopeModel;
  entryWords: EntryWordsModel;
  counts: Map<string, number>;
}

/** Per fitting message, judged by models fitted without its fold: what a change does before the judged part is looked at. */
export interface CrossValidated {
  m: LabelledMessage;
  rankedRight: boolean;
  /** The entry ranked first, and what the engine said (an entry id, a comparison, or nothing). */
  top: string | undefined;
  said: string | undefined;
  answered: boolean;
  right: boolean;
  score: number;
}

/** Fits the three small models and the two word models, and learns the exemplars, from the knowledge and evaluation data under `root`. */
export function fitModels(root: string, options: { crossValidate?: (cv: CrossValidated[]) => void } = {}): FitResult {
  const knowledge = loadKnowledge(path.join(root, 'knowledge'), { cache: false });
  const bare = buildMatchIndex(knowledge, { exemplars: [] });
  const faqOf = new Map(knowledge.comparison.map((d) => [d.id, d.faq]));
  const fitting = loadEvalSets(path.join(root, 'tests/eval'), { knowledgePhrasings: knowledgePhrasings(knowledge.faq) }).filter((m) => m.part === 'fit');
  const exemplarOf = (m: LabelledMessage): Exemplar => ({
    tokens: bare.normalizer.tokens(m.text, bare.fix),
    answers: m.wholeTable ? ['compare'] : m.answers.map((a) => (a.startsWith('compare:') ? (faqOf.get(a.slice('compare:'.length)) ?? a) : a)),
  });
  const items = fitting.map((m) => ({ m, fold: foldOf(m.text), exemplar: exemplarOf(m) }));
  const ids = knowledge.faq.map((e) => e.id);
  const phrasings = knowledge.faq.flatMap((e) => [e.question, e.title, ...e.aliases].map((t) => ({ tokens: bare.normalizer.tokens(t, bare.fix), answers: [e.id] })));
  const entryWordsFrom = (exemplars: readonly Exemplar[]) => fitEntryWords([...phrasings, ...exemplars], ids);
  // Per fold k, what a message of fold k learns from earlier questions: the other folds' (and never `without`'s).
  const foldIndexes = (without?: number): FoldIndexes =>
    Array.from({ length: FOLDS }, (_, k) => {
      const others = items.filter((x) => x.fold !== k && x.fold !== without).map((x) => x.exemplar);
      return { ...bare, exemplars: buildExemplarIndex(others, bare.weight), wordScope: fitWordScope(others), entryWords: entryWordsFor(entryWordsFrom(others), ids) };
    });
  const indexes = foldIndexes();
  const start: FittedModels = {
    scope: { features: SCOPE_FEATURES, weights: SCOPE_FEATURES.map(() => 0) },
    rank: { features: RANK_FEATURES, weights: RANK_FEATURES.map(() => 0) },
    answer: { features: ANSWER_FEATURES, weights: ANSWER_FEATURES.map(() => 0) },
  };
  const fitOn = (chosen: typeof items, byFold: FoldIndexes): FittedModels => {
    const first = fitAll(byFold, chosen.map(({ m, fold }) => ({ m, fold, reading: m.text })), faqOf, start);
    return fitAll(
      byFold,
      chosen.map(({ m, fold }) => ({ m, fold, reading: bestJudgement(byFold[fold] as MatchIndex, m.text, first).judgement.evidence.text })),
      faqOf,
      first,
    );
  };
  const models = fitOn(items, indexes);
  if (options.crossValidate !== undefined) {
    const cv: CrossValidated[] = [];
    for (let fold = 0; fold < FOLDS; fold++) {
      // Nested: the models judging a fold never saw it, not even as another fold's earlier questions.
      const outer = fitOn(
        items.filter((x) => x.fold !== fold),
        foldIndexes(fold),
      );
      for (const { m } of items.filter((x) => x.fold === fold)) {
        const r = matchQuestion(indexes[fold] as MatchIndex, m.text, { models: outer });
        const id = r.status === 'answered' ? r.entryId : r.status === 'compare' ? (r.whole ? 'compare' : `compare:${r.dimensions.map((d) => d.id).join(',')}`) : undefined;
        const top = r.candidates[0]?.id;
        cv.push({ m, rankedRight: top !== undefined && isInDomain(m) && isRightAnswer(m, top, faqOf), top, said: id, answered: id !== undefined, right: id !== undefined && isInDomain(m) && isRightAnswer(m, id, faqOf), score: r.score });
      }
    }
    options.crossValidate(cv);
  }
  const counts = new Map<string, number>();
  for (const m of fitting) counts.set(m.set, (counts.get(m.set) ?? 0) + 1);
  const exemplars = items.map((x) => x.exemplar);
  return { models, exemplars, wordScope: fitWordScope(exemplars), entryWords: entryWordsFrom(exemplars), counts };
}

/**
 * The generated fitted-exemplars.ts: the exemplars as one JSON text, one per
 * line, parsed on first use. Only building the match index reads them: a
 * start that loads a saved index (a cold `vmvc ask`) never parses them.
 */
export function renderExemplarFile(exemplars: readonly Exemplar[]): string {
  const rows = exemplars.map((e, i) => `  {"tokens":${JSON.stringify(e.tokens)},"answers":${JSON.stringify(e.answers)}}${i + 1 < exemplars.length ? ',' : ''}`);
  // Canonical tokens and entry ids are plain words: nothing a template literal would read as syntax.
  const unsafe = rows.find((r) => /[`\\]|\$\{/.test(r));
  if (unsafe !== undefined) throw new Error(`an exemplar cannot be written into the template literal: ${unsafe}`);
  return [
    '// Generated by `npm run fit` (tests/eval/fit.ts) from the fitting part of tests/eval: earlier questions as',
    '// canonical tokens, with the entries that answer them (none: off-topic). Do not edit by hand.',
    "import type { Exemplar } from './exemplars.js';",
    '',
    'const TEXT = `[',
    ...rows,
    ']`;',
    '',
    'let parsed: readonly Exemplar[] | undefined;',
    '',
    '/** Parsed on first use: JSON rather than object literals, several times faster to read. */',
    'export function fittedExemplars(): readonly Exemplar[] {',
    '  parsed ??= JSON.parse(TEXT) as Exemplar[];',
    '  return parsed;',
    '}',
    '',
  ].join('\n');
}

/**
 * A generated model file: the model as one JSON text in a template literal,
 * parsed when the module loads (V8 reads JSON several times faster than the
 * same object literals, and a cold `vmvc ask` loads these files).
 */
function renderJsonModule(header: string, typeName: string, file: string, constName: string, model: object): string {
  const json = JSON.stringify(model);
  // Canonical tokens and ids are plain words: nothing a template literal would read as syntax.
  if (/[`\\]|\$\{/.test(json)) throw new Error(`${constName} cannot be written into a template literal`);
  return [...header.split('\n').map((l) => `// ${l}`), `import type { ${typeName} } from './${file}.js';`, '', `export const ${constName}: ${typeName} = JSON.parse(\`${json}\`) as ${typeName};`, ''].join('\n');
}

/** The generated fitted-word-scope.ts. */
export function renderWordScopeFile(model: WordScopeModel): string {
  const header = 'Generated by `npm run fit` (tests/eval/fit.ts) from the fitting part of tests/eval: the words and\nword pairs that mark a question for us (see word-scope.ts). Do not edit by hand.';
  return renderJsonModule(header, 'WordScopeModel', 'word-scope', 'FITTED_WORD_SCOPE', model);
}

/** The generated fitted-entry-words.ts. */
export function renderEntryWordsFile(model: EntryWordsModel): string {
  const header = 'Generated by `npm run fit` (tests/eval/fit.ts) from the knowledge and the fitting part of tests/eval:\nthe words that tell one entry from the others (see entry-words.ts). Do not edit by hand.';
  return renderJsonModule(header, 'EntryWordsModel', 'entry-words', 'FITTED_ENTRY_WORDS', model);
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

/** The cross-validated figures, per set: what a change to the engine does, read before the judged part is. */
export function formatCrossValidated(cv: readonly CrossValidated[]): string {
  const pct = (n: number, d: number) => (d === 0 ? '-' : `${((100 * n) / d).toFixed(1)}%`).padStart(7);
  const lines = ['set         in-domain  ranked 1st  answered right  wrong answer | off-topic  answered'];
  for (const set of [...SET_NAMES.filter((n) => n !== 'holdout'), 'all']) {
    const xs = cv.filter((c) => (set === 'all' ? c.m.set !== 'tuning' : c.m.set === set));
    const inDomain = xs.filter((c) => isInDomain(c.m));
    const off = xs.filter((c) => !isInDomain(c.m));
    lines.push(
      `${set.padEnd(11)} ${String(inDomain.length).padStart(7)}  ${pct(inDomain.filter((c) => c.rankedRight).length, inDomain.length).padStart(10)}  ${pct(inDomain.filter((c) => c.right).length, inDomain.length).padStart(14)}  ${pct(inDomain.filter((c) => c.answered && !c.right).length, inDomain.length).padStart(12)} | ${String(off.length).padStart(9)}  ${pct(off.filter((c) => c.answered).length, off.length).padStart(8)}`,
    );
  }
  lines.push('', 'bar   in-domain right   off-topic answered   answers right (all but tuning)');
  const unseen = cv.filter((c) => c.m.set !== 'tuning');
  const inDomain = unseen.filter((c) => isInDomain(c.m));
  const off = unseen.filter((c) => !isInDomain(c.m));
  for (const bar of [0.5, 0.6, 0.7, 0.8, 0.9]) {
    const given = unseen.filter((c) => c.answered && c.score >= bar);
    lines.push(
      `${bar.toFixed(1)}   ${pct(inDomain.filter((c) => c.right && c.score >= bar).length, inDomain.length).padStart(15)}   ${pct(off.filter((c) => c.answered && c.score >= bar).length, off.length).padStart(18)}   ${pct(given.filter((c) => c.right).length, given.length).padStart(13)} of ${given.length}`,
    );
  }
  // Is the confidence a probability on messages the models never saw? (answered ones: what a reader gets)
  lines.push('', 'confidence  answers  mean   right');
  for (let tenth = 5; tenth < 10; tenth++) {
    const lo = tenth / 10;
    const xs = unseen.filter((c) => c.answered && c.score >= lo && (c.score < lo + 0.1 || tenth === 9));
    const mean = xs.reduce((s, c) => s + c.score, 0) / Math.max(1, xs.length);
    lines.push(`${lo.toFixed(1)}–${(lo + 0.1).toFixed(1)}   ${String(xs.length).padStart(7)}  ${mean.toFixed(2)}  ${pct(xs.filter((c) => c.right).length, xs.length)}`);
  }
  return lines.join('\n');
}

/** `--misses`: each fitting message the cross-validated engine got wrong, to study before the judged part is looked at. */
export function formatCrossValidatedMisses(cv: readonly CrossValidated[]): string {
  const lines: string[] = [];
  for (const c of cv) {
    if (c.m.set === 'tuning') continue;
    const inDomain = isInDomain(c.m);
    const miss = inDomain ? !c.right : c.answered;
    if (!miss) continue;
    const kind = !inDomain ? 'OFF-ANSWERED' : c.answered ? 'WRONG' : c.rankedRight ? 'RIGHT-UNSAID' : 'RANKED-WRONG';
    lines.push(`${kind.padEnd(12)} ${c.score.toFixed(2)} [${c.m.set}] ${JSON.stringify(c.m.text.slice(0, 160))}\n    want ${inDomain ? c.m.answers.join(',') : 'off-topic'} · top ${c.top ?? '-'} · said ${c.said ?? '-'}`);
  }
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // --cross-validate: also fit once per fold without it and judge the fold, and print the figures (5 fits more).
  const crossValidate = process.argv.includes('--cross-validate')
    ? (cv: CrossValidated[]) =>
        process.stderr.write(
          `Cross-validated on the fitting part (${FOLDS} folds, each judged by models fitted without it)\n${formatCrossValidated(cv)}\n\n${process.argv.includes('--misses') ? `${formatCrossValidatedMisses(cv)}\n\n` : ''}`,
        )
    : undefined;
  const { models, exemplars, wordScope, entryWords, counts } = fitModels(ROOT, crossValidate === undefined ? {} : { crossValidate });
  writeFileSync(path.join(ROOT, 'src/core/match/fitted-entry-words.ts'), renderEntryWordsFile(entryWords));
  writeFileSync(path.join(ROOT, 'src/core/match/fitted-word-scope.ts'), renderWordScopeFile(wordScope));
  const file = renderModelFile(models, counts);
  writeFileSync(path.join(ROOT, 'src/core/match/fitted-model.ts'), file);
  writeFileSync(path.join(ROOT, 'src/core/match/fitted-exemplars.ts'), renderExemplarFile(exemplars));
  process.stdout.write(file);
}
