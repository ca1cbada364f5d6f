/** A logistic regression: one weight per named feature. */
export interface LogisticModel {
  features: readonly string[];
  weights: readonly number[];
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** The model's log-odds for a feature vector in the model's own feature order. */
export function logit(model: LogisticModel, x: readonly number[]): number {
  let z = 0;
  for (let i = 0; i < model.weights.length; i++) z += (model.weights[i] as number) * (x[i] ?? 0);
  return z;
}

export function probability(model: LogisticModel, x: readonly number[]): number {
  return sigmoid(logit(model, x));
}

/** Log-odds of a probability, clamped so a certain 0 or 1 stays a finite feature. */
export function logOdds(p: number): number {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return Math.log(q / (1 - q));
}

/** Refuses weights fitted for another list of features: the two would silently disagree. */
export function checkModel(name: string, model: LogisticModel, expected: readonly string[]): LogisticModel {
  if (model.features.length !== expected.length || model.features.some((f, i) => f !== expected[i]) || model.weights.length !== expected.length) {
    throw new Error(`the fitted ${name} model was fitted for features [${model.features.join(', ')}], the engine computes [${expected.join(', ')}]: run npm run fit`);
  }
  return model;
}
