import type { ComparisonDimension, FaqEntry, Knowledge } from '../knowledge/schema.js';
import { createNormalizer, type Normalizer } from './normalize.js';
import { phrasingKey } from './phrasing-key.js';
import { createSpellCorrector, type SpellCorrector } from './spell.js';

export interface IndexedPhrasing {
  entry: number;
  tokens: string[];
  /** Euclidean norm of the phrasing's idf vector, precomputed for cosine. */
  norm: number;
}

export interface IndexedDimension {
  dimension: ComparisonDimension;
  /** Each alias (and the name and id) as canonical tokens. */
  aliasTokens: string[][];
}

/** Everything the matcher needs, built once at start-up. */
export interface MatchIndex {
  entries: FaqEntry[];
  entryIndex: Map<string, number>;
  normalizer: Normalizer;
  /** phrasingKey(alias | question | title | slug words) → entry id. */
  exact: Map<string, string>;
  /** Canonical token string of a phrasing → entry id, when only one entry has it. */
  exactTokens: Map<string, string>;
  idf: Map<string, number>;
  unknownIdf: number;
  phrasings: IndexedPhrasing[];
  /** token → phrasing indexes. */
  postings: Map<string, number[]>;
  /** Per entry: every token of its phrasings and keywords. */
  bags: Set<string>[];
  corrector: SpellCorrector;
  dimensions: IndexedDimension[];
}

export function buildMatchIndex(knowledge: Knowledge): MatchIndex {
  const normalizer = createNormalizer(knowledge.language);
  const entries = knowledge.faq;
  const entryIndex = new Map(entries.map((e, i) => [e.id, i]));
  const exact = new Map<string, string>();
  const tokenOwners = new Map<string, Set<string>>();
  const raw: { entry: number; tokens: string[] }[] = [];
  const bags: Set<string>[] = [];

  entries.forEach((e, i) => {
    const bag = new Set<string>();
    for (const text of [e.question, e.title, e.id.replace(/-/g, ' '), ...e.aliases]) {
      exact.set(phrasingKey(text), e.id);
      const tokens = [...new Set(normalizer.tokens(text))];
      if (tokens.length === 0) continue;
      raw.push({ entry: i, tokens });
      tokens.forEach((t) => bag.add(t));
      const key = tokens.join(' ');
      (tokenOwners.get(key) ?? tokenOwners.set(key, new Set()).get(key))?.add(e.id);
    }
    for (const keyword of e.keywords) normalizer.tokens(keyword).forEach((t) => bag.add(t));
    bags.push(bag);
  });

  // idf over entries: a word in every entry ("container") says little about which one.
  const df = new Map<string, number>();
  for (const bag of bags) for (const t of bag) df.set(t, (df.get(t) ?? 0) + 1);
  const n = entries.length;
  const idf = new Map<string, number>();
  for (const [t, count] of df) idf.set(t, Math.log(1 + n / count));
  const unknownIdf = Math.log(1 + n / 0.5);

  const phrasings: IndexedPhrasing[] = raw.map((p) => ({
    ...p,
    norm: Math.sqrt(p.tokens.reduce((sum, t) => sum + (idf.get(t) ?? 0) ** 2, 0)),
  }));
  const postings = new Map<string, number[]>();
  phrasings.forEach((p, pi) => {
    for (const t of p.tokens) (postings.get(t) ?? postings.set(t, []).get(t))?.push(pi);
  });

  const exactTokens = new Map<string, string>();
  for (const [key, owners] of tokenOwners) if (owners.size === 1) exactTokens.set(key, [...owners][0] as string);

  const vocabulary = new Set<string>(idf.keys());
  const dimensions: IndexedDimension[] = knowledge.comparison.map((d) => {
    const aliasTokens = [d.name, d.id.replace(/-/g, ' '), ...d.aliases]
      .map((a) => normalizer.tokens(a))
      .filter((ts) => ts.length > 0);
    aliasTokens.flat().forEach((t) => vocabulary.add(t));
    return { dimension: d, aliasTokens };
  });
  for (const canonical of Object.keys(knowledge.language.synonyms)) vocabulary.add(canonical);

  return {
    entries,
    entryIndex,
    normalizer,
    exact,
    exactTokens,
    idf,
    unknownIdf,
    phrasings,
    postings,
    bags,
    corrector: createSpellCorrector(vocabulary),
    dimensions,
  };
}
