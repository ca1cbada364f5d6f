import { buildDeclinedCard, buildTipCard } from '../build-cards.js';
import type { Knowledge, Tip } from '../knowledge/schema.js';
import type { Command, Reply } from './command.js';

/** "tips are numbered 1 to 55": the one wording every surface uses for a tip number out of range. */
export function tipRangeText(tips: Knowledge['tips']): string {
  const ids = tips.map((t) => t.id);
  return `tips are numbered ${Math.min(...ids)} to ${Math.max(...ids)}`;
}

/** A number with no tip: say so, never a random tip the asker did not ask for. */
function noSuchTip(k: Knowledge, digits: string): Reply {
  // Only digits reach here (see accepts); a very long run is not worth echoing.
  const named = digits.length <= 9 ? `No tip #${digits}` : 'No tip with that number';
  const card = {
    ...buildDeclinedCard(k, 'unknown'),
    title: named,
    body: `There is no tip with that number: ${tipRangeText(k.tips)}. /vmvc tip gives a random one.`,
  };
  return { card, outcome: { status: 'declined', score: 0, suggestions: [] } };
}

function tipReply(k: Knowledge, tip: Tip): Reply {
  const card = buildTipCard(k, tip);
  return { card, outcome: { status: 'answered', id: `tip:${tip.id}`, title: card.title, score: 1, suggestions: [] } };
}

export const tipCommand: Command = {
  name: 'tip',
  usage: 'tip [number]',
  summary: 'A random tip, or tip number N',
  accepts: (args) => /^#?\d*$/.test(args.trim()),
  run(args, ctx) {
    const tips = ctx.knowledge.tips;
    const wanted = args.trim().replace(/^#/, '');
    if (wanted !== '') {
      const byId = tips.find((t) => t.id === Number(wanted));
      return byId ? tipReply(ctx.knowledge, byId) : noSuchTip(ctx.knowledge, wanted);
    }
    const tip = tips[Math.floor(ctx.random() * tips.length)] ?? tips[0];
    if (tip === undefined) throw new Error('the knowledge base has no tips'); // the schema requires at least one
    return tipReply(ctx.knowledge, tip);
  },
};
