import { buildTipCard } from '../build-cards.js';
import type { Command } from './command.js';

export const tipCommand: Command = {
  name: 'tip',
  usage: 'tip [number]',
  summary: 'A random tip, or tip number N',
  accepts: (args) => /^#?\d*$/.test(args.trim()),
  run(args, ctx) {
    const tips = ctx.knowledge.tips;
    const wanted = args.trim().replace(/^#/, '');
    const byId = /^\d+$/.test(wanted) ? tips.find((t) => t.id === Number(wanted)) : undefined;
    const tip = byId ?? tips[Math.floor(ctx.random() * tips.length)] ?? tips[0];
    if (tip === undefined) throw new Error('the knowledge base has no tips'); // the schema requires at least one
    const card = buildTipCard(ctx.knowledge, tip);
    return { card, outcome: { status: 'answered', id: `tip:${tip.id}`, title: card.title, score: 1, suggestions: [] } };
  },
};
