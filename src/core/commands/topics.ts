import { buildTopicsCard } from '../build-cards.js';
import type { Command } from './command.js';

export const topicsCommand: Command = {
  name: 'topics',
  usage: 'topics',
  summary: 'Every topic I can answer, grouped',
  accepts: (args) => args.trim() === '',
  run(_args, ctx) {
    const card = buildTopicsCard(ctx.knowledge);
    return { card, outcome: { status: 'answered', id: 'topics', title: card.title, score: 1, suggestions: [] } };
  },
};
