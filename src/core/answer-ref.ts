import { buildAnswerCard, buildComparisonCard } from './build-cards.js';
import type { Reply } from './commands/command.js';
import type { Knowledge } from './knowledge/schema.js';

/**
 * A short, stable name for an answer a button can carry and rebuild later:
 * an entry id (`why-lighter`), `compare` for the whole table, or
 * `compare:<dimension>,<dimension>` for rows. It is the outcome id the engine
 * already gives an answered question, so "post this answer there" needs no
 * second run of the engine (which would also count the question twice).
 */
export type AnswerRef = string;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const COMPARE_ROWS = /^compare:([a-z0-9-]+(?:,[a-z0-9-]+)*)$/;

/** The ref of an answered reply (an entry or comparison rows); undefined for "did you mean", declines and the rest. */
export function answerRefOf(reply: Reply): AnswerRef | undefined {
  const { card, outcome } = reply;
  if (outcome.status !== 'answered') return undefined;
  if (card.kind === 'answer') return card.entryId;
  if (card.kind === 'comparison') return card.whole ? 'compare' : `compare:${card.rows.map((r) => r.id).join(',')}`;
  return undefined;
}

/**
 * The card a ref names, built from the knowledge as it is now; undefined when
 * the ref is malformed or names something the knowledge no longer has.
 */
export function replyForAnswerRef(knowledge: Knowledge, ref: string): Reply | undefined {
  if (ref === 'compare') {
    const card = buildComparisonCard(knowledge, knowledge.comparison, true, 1);
    return { card, outcome: { status: 'answered', id: ref, title: card.title, score: 1, suggestions: [] } };
  }
  const rows = COMPARE_ROWS.exec(ref);
  if (rows) {
    const ids = (rows[1] ?? '').split(',');
    const dims = knowledge.comparison.filter((d) => ids.includes(d.id));
    if (dims.length !== new Set(ids).size) return undefined;
    // The engine's order (best match first), not the table's.
    dims.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
    const card = buildComparisonCard(knowledge, dims, false, 1);
    return { card, outcome: { status: 'answered', id: ref, title: card.title, score: 1, suggestions: [] } };
  }
  if (!SLUG.test(ref)) return undefined;
  const entry = knowledge.faq.find((e) => e.id === ref);
  if (!entry) return undefined;
  return { card: buildAnswerCard(knowledge, entry, 1), outcome: { status: 'answered', id: entry.id, title: entry.title, score: 1, suggestions: [] } };
}
