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
  /** Tokens and bigrams with a weight, and their weights, side by side; features not listed weigh 0. */
  features: readonly string[];
  weights: readonly number[];
}

/** A model read for lookups. */
export interface WordScope {
  model: WordScopeModel;
  weightOf: ReadonlyMap<string, number>;
}

/**
 * Columns in the file, a Map in memory: thousands of keys in one JSON object
 * cost a cold `vmvc ask` several times what two arrays and a Map do.
 */
export function wordScopeFrom(model: WordScopeModel): WordScope {
  return { model, weightOf: new Map(model.features.map((f, i) => [f, model.weights[i] as number])) };
}

/** A log-odds this far from even is already decisive; past it, one odd word must not dominate the scope model. */
export const MAX_LOG_ODDS = 6;

/** The log-odds that a message is a question for us, from its tokens and bigrams (withBigrams), clamped to ±MAX_LOG_ODDS. */
export function wordScopeLogOdds(scope: WordScope, features: readonly string[]): number {
  let z = scope.model.bias;
  for (const f of features) z += scope.weightOf.get(f) ?? 0;
  return Math.max(-MAX_LOG_ODDS, Math.min(MAX_LOG_ODDS, z));
}

/** The words and pairs that moved the log-odds most, strongest first: what `vmvc ask --explain` shows. */
export function wordScopeContributions(scope: WordScope, features: readonly string[], limit: number): [string, number][] {
  return features
    .flatMap((f): [string, number][] => {
      const w = scope.weightOf.get(f);
      return w === undefined ? [] : [[f, w]];
    })
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
    .slice(0, limit);
}
