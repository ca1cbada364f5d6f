import { buildComparisonCard } from '../build-cards.js';
import { findDimensions } from '../match/compare-intent.js';
import type { ComparisonDimension } from '../knowledge/schema.js';
import type { Command, CommandContext } from './command.js';

/** Resolves a dimension argument: id, name, alias, or a typo of one. */
export function resolveDimensions(args: string, ctx: CommandContext): ComparisonDimension[] {
  const wanted = args.trim().toLowerCase();
  const byId = ctx.knowledge.comparison.find((d) => d.id === wanted || d.name.toLowerCase() === wanted);
  if (byId) return [byId];
  // The same typo fixing as questions: word-level, against the knowledge's own vocabulary.
  const tokens = ctx.index.normalizer.tokens(args, ctx.index.fix);
  return findDimensions(ctx.index, tokens).slice(0, 3);
}

export const compareCommand: Command = {
  name: 'compare',
  usage: 'compare [dimension]',
  summary: 'The VM-vs-container table, or one row of it (e.g. compare startup-time)',
  run(args, ctx) {
    const k = ctx.knowledge;
    if (args.trim() === '') {
      const card = buildComparisonCard(k, k.comparison, true, 1);
      return { card, outcome: { status: 'answered', id: 'compare', title: card.title, score: 1, suggestions: [] } };
    }
    const dims = resolveDimensions(args, ctx);
    if (dims.length === 0) {
      const card = buildComparisonCard(k, k.comparison, true, 0.5);
      card.body = `I have no comparison row for that, so here is the whole table. Rows: ${k.comparison.map((d) => d.id).join(', ')}.`;
      return { card, outcome: { status: 'suggest', id: 'compare', title: card.title, score: 0.5, suggestions: [] } };
    }
    const card = buildComparisonCard(k, dims, false, 1);
    return {
      card,
      outcome: { status: 'answered', id: `compare:${dims.map((d) => d.id).join(',')}`, title: card.title, score: 1, suggestions: [] },
    };
  },
};
