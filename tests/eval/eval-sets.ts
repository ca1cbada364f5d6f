/**
 * The evaluation data, in one shape. Each message is labelled with the FAQ ids
 * whose card answers it, or `off-topic` when the bot should stay silent. Each
 * message belongs to the part the decision is fitted on or the part it is
 * judged on, fixed by a hash of its text, so the split never drifts between
 * runs and a fitted weight never sees a judged message.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { phrasingKey } from '../../src/core/match/phrasing-key.js';

export type SetName = 'tuning' | 'holdout' | 'public' | 'channel' | 'public-new' | 'channel-new' | 'public-4' | 'channel-3';

/** Every set, in the order the tables print them. */
export const SET_NAMES: readonly SetName[] = ['tuning', 'holdout', 'public', 'channel', 'public-new', 'channel-new', 'public-4', 'channel-3'];
export type Part = 'fit' | 'test';

export interface LabelledMessage {
  set: SetName;
  part: Part;
  text: string;
  /**
   * FAQ ids that answer it (a `compare:<dim>` label also accepts its row's entry; `compare` among
   * them, the whole table), or empty for off-topic.
   */
  answers: string[];
  /** For the whole-table label `compare`. */
  wholeTable: boolean;
  kind?: string;
  url?: string;
}

interface RawQuestion {
  q: string;
  expect: string | string[];
  url?: string;
  kind?: string;
}
interface RawChannel {
  text: string;
  kind: string;
  expect?: string | string[];
}

/** Share of the public and channel sets held back for judging. */
const TEST_SHARE = 0.5;

/** By the words alone, so "Docker vs VM?" and "docker vs vm" land on the same side. */
function partOf(text: string): Part {
  const h = createHash('sha256').update(phrasingKey(text)).digest().readUInt32BE(0) / 2 ** 32;
  return h < TEST_SHARE ? 'test' : 'fit';
}

function labels(expect: string | string[] | undefined): { answers: string[]; wholeTable: boolean } {
  if (expect === undefined || expect === 'out-of-domain' || expect === 'off-topic' || expect === 'unanswerable') return { answers: [], wholeTable: false };
  if (expect === 'compare') return { answers: [], wholeTable: true };
  return { answers: Array.isArray(expect) ? expect : [expect], wholeTable: false };
}

function read<T>(dir: string, file: string, key: string): T[] {
  const full = path.join(dir, file);
  if (!existsSync(full)) return [];
  return ((parse(readFileSync(full, 'utf8')) as Record<string, T[]>)[key] ?? []) as T[];
}

/**
 * tuning: our own questions, written beside the knowledge (always fitted on).
 * holdout: written apart from the knowledge's phrasings (always judged on).
 * public and channel: split by hash between fitting and judging.
 * public-new and channel-new: collected blind in a later round (December 2026), split the same way.
 * public-4 and channel-3: a third round (December 2026), every message labelled by two blind readers.
 */
export interface LoadOptions {
  /**
   * The knowledge's own phrasings (phrasingKey). A message that is one of them word for word is
   * answered by construction, so judging it measures nothing: it counts as fitted.
   */
  knowledgePhrasings?: ReadonlySet<string>;
}

export function loadEvalSets(dir: string, options: LoadOptions = {}): LabelledMessage[] {
  const out: LabelledMessage[] = [];
  const add = (set: SetName, part: Part, text: string, expect: string | string[] | undefined, extra: { kind?: string; url?: string }) => {
    out.push({ set, part, text, ...labels(expect), ...(extra.kind !== undefined && { kind: extra.kind }), ...(extra.url !== undefined && { url: extra.url }) });
  };
  for (const q of read<RawQuestion>(dir, 'questions.yaml', 'questions')) add('tuning', 'fit', q.q, q.expect, {});
  for (const q of read<RawQuestion>(dir, 'holdout.yaml', 'questions')) add('holdout', 'test', q.q, q.expect, {});
  for (const file of ['public-answerable.yaml', 'public-offtopic.yaml', 'public-answerable-2.yaml', 'public-offtopic-2.yaml']) {
    for (const q of read<RawQuestion>(dir, file, 'questions')) add('public', partOf(q.q), q.q, q.expect, { ...(q.kind && { kind: q.kind }), ...(q.url && { url: q.url }) });
  }
  for (const m of read<RawChannel>(dir, 'channel.yaml', 'messages')) {
    add('channel', partOf(m.text), m.text, m.kind === 'concept-question' ? (m.expect ?? 'unanswerable') : 'off-topic', { kind: m.kind });
  }
  // A later round's collection, split the same way, reported in rows of its own.
  for (const file of ['public-answerable-3.yaml', 'public-offtopic-3.yaml']) {
    for (const q of read<RawQuestion>(dir, file, 'questions')) add('public-new', partOf(q.q), q.q, q.expect, { ...(q.kind && { kind: q.kind }), ...(q.url && { url: q.url }) });
  }
  for (const m of read<RawChannel>(dir, 'channel-2.yaml', 'messages')) {
    add('channel-new', partOf(m.text), m.text, m.kind === 'concept-question' ? (m.expect ?? 'unanswerable') : 'off-topic', { kind: m.kind });
  }
  // The third round: both readers labelled every message, channel traffic of every kind included.
  for (const file of ['public-answerable-4.yaml', 'public-offtopic-4.yaml']) {
    for (const q of read<RawQuestion>(dir, file, 'questions')) add('public-4', partOf(q.q), q.q, q.expect, { ...(q.url && { url: q.url }) });
  }
  for (const m of read<RawChannel>(dir, 'channel-3.yaml', 'messages')) add('channel-3', partOf(m.text), m.text, m.expect ?? 'off-topic', { kind: m.kind });
  // A judged message the fit has already seen in other words-identical form ("tell me a joke" in
  // both our sets, "ok" in every channel) would be judged on what was fitted: it counts as fitted.
  const fitted = new Set([...out.filter((m) => m.part === 'fit').map((m) => phrasingKey(m.text)), ...(options.knowledgePhrasings ?? [])]);
  return out.map((m) => (m.part === 'test' && fitted.has(phrasingKey(m.text)) ? { ...m, part: 'fit' } : m));
}

/** The phrasingKey of every question, title and alias in the knowledge. */
export function knowledgePhrasings(faq: readonly { question: string; title: string; aliases: readonly string[] }[]): Set<string> {
  return new Set(faq.flatMap((e) => [e.question, e.title, ...e.aliases]).map(phrasingKey));
}

export const isInDomain = (m: LabelledMessage): boolean => m.answers.length > 0 || m.wholeTable;

/**
 * Whether a returned id answers the message: the entry itself, or a
 * comparison card (`compare:a,b`) whose first row links to a labelled entry.
 */
export function isRightAnswer(m: LabelledMessage, id: string, faqOfDimension: ReadonlyMap<string, string | undefined>): boolean {
  if (m.wholeTable) return id === 'compare';
  const wanted = new Set(m.answers.flatMap((a) => (a.startsWith('compare:') ? [a, faqOfDimension.get(a.slice('compare:'.length)) ?? a] : [a])));
  if (wanted.has(id)) return true;
  if (!id.startsWith('compare:')) return false;
  // Rows come most specific first: the first row is the answer, the rest are context.
  const first = id.slice('compare:'.length).split(',')[0] ?? '';
  return wanted.has(`compare:${first}`) || wanted.has(faqOfDimension.get(first) ?? '');
}
