import { sortedIndexOf } from './sorted-lookup.js';

/**
 * Which words and word pairs mark a message as a question for us, learned from
 * the earlier questions (the exemplars) by `npm run fit`: a logistic
 * regression over the presence of each canonical token and bigram. It is what
 * the hand-written cue lists in intent.yaml are, learned instead of listed:
 * "kata", "entrypoint" or "how do you … remove" count against, "lighter" or
 * "under the hood" for. Its log-odds is one feature of the scope model, which
 * weighs it against the rest (the fit sees it only as it is for questions it
 * was not trained on, so it cannot count for more than it is worth).
 */
export interface WordScopeModel {
  bias: number;
  /** Tokens and bigrams with a weight, sorted (see sorted-lookup.ts), and their weights; features not listed weigh 0. */
  features: readonly string[];
  weights: readonly number[];
}

/** A log-odds this far from even is already decisive; past it, one odd word must not dominate the scope model. */
export const MAX_LOG_ODDS = 6;

function weightOf(model: WordScopeModel, feature: string): number | undefined {
  const i = sortedIndexOf(model.features, feature);
  return i < 0 ? undefined : model.weights[i];
}

/** The log-odds that a message is a question for us, from its tokens and bigrams (withBigrams), clamped to ±MAX_LOG_ODDS. */
export function wordScopeLogOdds(model: WordScopeModel, features: readonly string[]): number {
  let z = model.bias;
  for (const f of features) z += weightOf(model, f) ?? 0;
  return Math.max(-MAX_LOG_ODDS, Math.min(MAX_LOG_ODDS, z));
}

/** The words and pairs that moved the log-odds most, strongest first: what `vmvc ask --explain` shows. */
export function wordScopeContributions(model: WordScopeModel, features: readonly string[], limit: number): [string, number][] {
  return features
    .flatMap((f): [string, number][] => {
      const w = weightOf(model, f);
      return w === undefined ? [] : [[f, w]];
    })
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
    .slice(0, limit);
}
