import type { MatchIndex } from '../../src/core/match/match-index.js';
import { matchQuestion } from '../../src/core/match/match-question.js';
import type { EngineVerdict } from './score-sets.js';

/** This checkout's engine on one message, in the verdict shape the scorer reads. */
export function engineVerdict(index: MatchIndex, text: string): EngineVerdict {
  const r = matchQuestion(index, text);
  switch (r.status) {
    case 'answered':
      return { status: 'answered', id: r.entryId, score: r.score };
    case 'compare':
      return { status: 'answered', id: r.whole ? 'compare' : `compare:${r.dimensions.map((d) => d.id).join(',')}`, score: r.score };
    case 'suggest':
      return { status: 'suggest', id: r.candidates[0]?.id ?? null, score: r.score, offered: r.candidates.map((c) => c.id) };
    default:
      return { status: r.status, id: r.candidates[0]?.id ?? null, score: r.score };
  }
}
