import { buildAnswerCard, buildDeclinedCard, buildSuggestCard } from '../build-cards.js';
import { autocompleteEntries } from '../match/autocomplete.js';
import type { MatchIndex } from '../match/match-index.js';
import type { Command, CommandContext, Reply } from './command.js';

/** A topic id as `show` takes it: what `accepts` lets through, so echoing it back can never ping or format anything. */
const TOPIC_ID = /^[a-z0-9-]{1,60}$/;

/** The ids closest to one with no entry: what every surface offers after "no topic 'x'". */
export function closeTopicIds(index: MatchIndex, id: string, limit = 3): string[] {
  return autocompleteEntries(index, id, limit).map((e) => e.id);
}

/**
 * `show <id>` for an id with no entry: says so, naming the id, and offers the
 * closest ids, like `vmvc show`. Never a guess at an answer: `show` is a lookup.
 */
export function noSuchTopic(ctx: CommandContext, id: string): Reply {
  const named = TOPIC_ID.test(id) ? `No topic '${id}'` : 'No topic with that id';
  const close = closeTopicIds(ctx.index, id);
  if (close.length > 0) {
    const card = { ...buildSuggestCard(ctx.knowledge, close, 0), title: `${named}: did you mean…` };
    return { card, outcome: { status: 'suggest', score: 0, suggestions: card.suggestions } };
  }
  const card = { ...buildDeclinedCard(ctx.knowledge, 'unknown'), title: named, body: 'There is no topic with that id. /vmvc topics lists every topic id.' };
  return { card, outcome: { status: 'declined', score: 0, suggestions: [] } };
}

/** An entry by its id. */
export const showCommand: Command = {
  name: 'show',
  usage: 'show <topic-id>',
  summary: 'Show one topic by its id, e.g. show why-lighter',
  accepts: (args) => /^[a-z0-9-]+$/i.test(args.trim()),
  run(args, ctx) {
    const id = args.trim().toLowerCase();
    const entry = ctx.knowledge.faq.find((e) => e.id === id);
    if (!entry) return noSuchTopic(ctx, id);
    return {
      card: buildAnswerCard(ctx.knowledge, entry, 1),
      outcome: { status: 'answered', id: entry.id, title: entry.title, score: 1, suggestions: [] },
    };
  },
};
