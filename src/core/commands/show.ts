import { buildAnswerCard, buildSuggestCard } from '../build-cards.js';
import { matchQuestion } from '../match/match-question.js';
import type { Command } from './command.js';
import { askQuestion } from './ask.js';

/** An entry by its id; an unknown id falls back to matching it as a question. */
export const showCommand: Command = {
  name: 'show',
  usage: 'show <topic-id>',
  summary: 'Show one topic by its id, e.g. show why-lighter',
  accepts: (args) => /^[a-z0-9-]+$/i.test(args.trim()),
  run(args, ctx) {
    const id = args.trim().toLowerCase();
    const entry = ctx.knowledge.faq.find((e) => e.id === id);
    if (entry) {
      return {
        card: buildAnswerCard(ctx.knowledge, entry, 1),
        outcome: { status: 'answered', id: entry.id, title: entry.title, score: 1, suggestions: [] },
      };
    }
    const result = matchQuestion(ctx.index, id);
    if (result.status === 'declined' && result.candidates.length > 0) {
      const ids = result.candidates.map((c) => c.id);
      return {
        card: buildSuggestCard(ctx.knowledge, ids, result.score),
        outcome: { status: 'suggest', score: result.score, suggestions: [], normalized: result.normalized },
      };
    }
    return askQuestion(args, ctx);
  },
};
