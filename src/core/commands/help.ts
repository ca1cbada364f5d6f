import { buildHelpCard } from '../build-cards.js';
import type { Command } from './command.js';

export const helpCommand: Command = {
  name: 'help',
  usage: 'help',
  summary: 'What I can answer, with examples',
  accepts: (args) => args.trim() === '',
  run(_args, ctx) {
    const card = buildHelpCard(ctx.knowledge, ctx.usage);
    return { card, outcome: { status: 'answered', id: 'help', title: card.title, score: 1, suggestions: [] } };
  },
};
