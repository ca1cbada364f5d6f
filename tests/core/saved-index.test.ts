import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../src/core/create-core.js';
import { loadKnowledge } from '../../src/core/knowledge/load.js';
import type { IndexData } from '../../src/core/match/index-data.js';
import { bestJudgement } from '../../src/core/match/match-question.js';
import { loadEvalSets } from '../eval/eval-sets.js';
import { ROOT } from '../helpers/run-node.js';

// A cold `vmvc ask` loads the match index an earlier start saved as JSON (knowledge/cache.ts):
// what it answers, and the evidence behind it, must be exactly what a freshly built index gives.
describe('the saved match index', () => {
  it('answers every evaluation message as a freshly built one does', () => {
    const knowledge = loadKnowledge(path.join(ROOT, 'knowledge'), { cache: false });
    const fresh = createCore(knowledge);
    const savedIndex = JSON.parse(JSON.stringify(fresh.index.data())) as IndexData;
    const loaded = createCore(knowledge, { savedIndex });
    for (const { text } of loadEvalSets(path.join(ROOT, 'tests/eval'))) {
      expect(loaded.ask(text, { platform: 'cli' }, { explain: true }).outcome, text).toEqual(fresh.ask(text, { platform: 'cli' }, { explain: true }).outcome);
      const a = bestJudgement(loaded.index, text).judgement;
      const b = bestJudgement(fresh.index, text).judgement;
      expect([a.evidence.scope, a.ranked, a.answerFeatures], text).toEqual([b.evidence.scope, b.ranked, b.answerFeatures]);
    }
  });
});
