import { describe, expect, it } from 'vitest';
import { ANSWER_FEATURES, RANK_FEATURES, SCOPE_FEATURES } from '../../src/core/match/features.js';
import { checkModel } from '../../src/core/match/logistic.js';
import { committedModels } from '../../src/core/match/committed-models.js';

describe('the committed weights', () => {
  it('fit the features the engine computes, name for name', () => {
    const models = committedModels();
    expect(models.scope.features).toEqual(SCOPE_FEATURES);
    expect(models.rank.features).toEqual(RANK_FEATURES);
    expect(models.answer.features).toEqual(ANSWER_FEATURES);
  });

  it('are refused when fitted for other features, with what to run', () => {
    const stale = { features: [...RANK_FEATURES.slice(0, -1)], weights: RANK_FEATURES.slice(0, -1).map(() => 0.5) };
    expect(() => checkModel('rank', stale, RANK_FEATURES)).toThrow(/the fitted rank model was fitted for features \[.*\], the engine computes \[.*entryWords\]: run npm run fit/);
    const renamed = { features: [...RANK_FEATURES.slice(0, -1), 'other'], weights: RANK_FEATURES.map(() => 0.5) };
    expect(() => checkModel('rank', renamed, RANK_FEATURES)).toThrow(/run npm run fit/);
    const short = { features: [...RANK_FEATURES], weights: [1] };
    expect(() => checkModel('rank', short, RANK_FEATURES)).toThrow(/run npm run fit/);
  });
});
