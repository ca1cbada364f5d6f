/**
 * Where the decision draws its lines. These are policy, set by a person, not
 * fitted: the fitted model (fitted-model.ts) turns the evidence into a
 * calibrated probability that the best entry answers the message, and these
 * say how sure the bot must be before it speaks. `npm run eval` prints what
 * each bar costs and buys on data the fit never saw.
 */

/** Answer outright when the best entry is at least this likely to be a right answer. */
export const ANSWER_AT = 0.5;
/** Below ANSWER_AT, offer "did you mean" when the message is at least this likely to be a question for us. */
export const SUGGEST_SCOPE_AT = 0.5;
/** A suggestion is shown only when its own ranker probability reaches this. */
export const SUGGESTION_MIN = 0.1;
export const MAX_SUGGESTIONS = 3;
/** Readings of one message tried at most: the whole, its sentences, questions after a lead-in. */
export const MAX_READINGS = 6;
