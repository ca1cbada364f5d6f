import { ANSWER_FEATURES, RANK_FEATURES, SCOPE_FEATURES } from './features.js';
import { FITTED_MODEL } from './fitted-model.js';
import { checkModel, type LogisticModel } from './logistic.js';

/** The three small models the decision runs: scope, rank and answer. */
export interface FittedModels {
  scope: LogisticModel;
  rank: LogisticModel;
  answer: LogisticModel;
}

let committed: FittedModels | undefined;

/**
 * The committed models (fitted-model.ts), checked against the features the
 * engine computes, on first use rather than when a module loads: `npm run fit`
 * passes models of its own and must still run after a feature is added, when
 * the committed ones no longer fit. The bot and the CLI call this as they
 * start, so weights fitted for other features stop them at once, with the
 * message saying what to run, and never fail question by question.
 */
export function committedModels(): FittedModels {
  committed ??= {
    scope: checkModel('scope', FITTED_MODEL.scope, SCOPE_FEATURES),
    rank: checkModel('rank', FITTED_MODEL.rank, RANK_FEATURES),
    answer: checkModel('answer', FITTED_MODEL.answer, ANSWER_FEATURES),
  };
  return committed;
}
