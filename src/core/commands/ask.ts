import { buildAnswerCard, buildComparisonCard, buildDeclinedCard, buildSuggestCard } from '../build-cards.js';
import { matchQuestion, type MatchResult } from '../match/match-question.js';
import type { Command, CommandContext, Reply } from './command.js';

export interface AskOptions {
  /** Carry the engine's reasoning in the outcome (`vmvc ask --explain`). */
  explain?: boolean;
}

export function askQuestion(question: string, ctx: CommandContext, options: AskOptions = {}): Reply {
  const result = matchQuestion(ctx.index, question, options);
  const reply = replyTo(result, ctx);
  return result.explanation ? { ...reply, outcome: { ...reply.outcome, explanation: result.explanation } } : reply;
}

function replyTo(result: MatchResult, ctx: CommandContext): Reply {
  const k = ctx.knowledge;
  const titleOf = (id: string) => k.faq.find((e) => e.id === id)?.title ?? id;
  switch (result.status) {
    case 'answered': {
      const entry = k.faq.find((e) => e.id === result.entryId);
      if (entry) {
        return {
          card: buildAnswerCard(k, entry, result.score),
          outcome: { status: 'answered', id: entry.id, title: entry.title, score: result.score, suggestions: [], normalized: result.normalized },
        };
      }
      break;
    }
    case 'compare': {
      const dims = result.whole ? k.comparison : result.dimensions;
      const card = buildComparisonCard(k, dims, result.whole, result.score);
      const id = result.whole ? 'compare' : `compare:${dims.map((d) => d.id).join(',')}`;
      return { card, outcome: { status: 'answered', id, title: card.title, score: result.score, suggestions: [], normalized: result.normalized } };
    }
    case 'suggest': {
      const suggestions = result.candidates.map((c) => ({ id: c.id, title: titleOf(c.id) }));
      return {
        card: buildSuggestCard(k, result.candidates.map((c) => c.id), result.score),
        outcome: { status: 'suggest', score: result.score, suggestions, normalized: result.normalized },
      };
    }
    case 'declined':
      break;
  }
  const reason = result.status === 'declined' ? result.reason : 'unknown';
  const closest = result.status === 'declined' ? result.closest : undefined;
  return {
    card: buildDeclinedCard(k, reason, closest),
    outcome: { status: 'declined', score: result.score, suggestions: [], normalized: result.normalized },
  };
}

export const askCommand: Command = {
  name: 'ask',
  usage: 'ask <question>',
  summary: 'Answer a question in your own words (the default: /vmvc <question> does the same)',
  run: (args, ctx) => askQuestion(args, ctx),
};
