import { withBigrams } from './bigrams.js';

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
  /** token or bigram → weight; features not listed weigh 0. */
  weights: Readonly<Record<string, number>>;
}


/** A log-odds this far from even is already decisive; past it, one odd word must not dominate the scope model. */
export const MAX_LOG_ODDS = 6;

/** The model's log-odds that a message is a question for us, from its tokens and bigrams (withBigrams), clamped to ±MAX_LOG_ODDS. */
export function wordScopeLogOdds(model: WordScopeModel, features: readonly string[]): number {
  let z = model.bias;
  // Own keys only: a message saying "constructor" must not read Object.prototype's.
  for (const f of features) if (Object.hasOwn(model.weights, f)) z += model.weights[f] as number;
  return Math.max(-MAX_LOG_ODDS, Math.min(MAX_LOG_ODDS, z));
}

/** The words and pairs that moved the log-odds most, strongest first: what `vmvc ask --explain` shows. */
export function wordScopeContributions(model: WordScopeModel, tokens: readonly string[], limit: number): [string, number][] {
  return withBigrams(tokens)
    .filter((f) => Object.hasOwn(model.weights, f))
    .map((f): [string, number] => [f, model.weights[f] as number])
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
    .slice(0, limit);
}
