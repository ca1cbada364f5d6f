/**
 * The platform-neutral answer card. Every reply on every platform is one of
 * these; renderers in src/render turn it into text, Slack blocks or a Discord
 * embed. Nothing here knows about a platform.
 *
 * Text fields use a small neutral markup that every renderer understands:
 * **bold**, `code`, ``` fenced blocks ```, lines starting "- " for bullets and
 * blank lines between paragraphs. Knowledge text is written in it; user text is
 * never placed in a card.
 */

/** An article a card's facts come from. */
export interface SourceRef {
  id: string;
  title: string;
  site?: string;
  author?: string;
  /** ISO date, YYYY-MM-DD. */
  date?: string;
}

/** A FAQ entry a card links to: a follow-up button or a list item. */
export interface EntryRef {
  id: string;
  title: string;
}

/** One row of the VM-vs-container comparison table. */
export interface ComparisonRow {
  /** Dimension id, e.g. `startup-time`. */
  id: string;
  name: string;
  vm: string;
  container: string;
  verdict: string;
}

interface CardCommon {
  /** Header line; plain text, no markup. */
  title: string;
  /** Main text in the neutral markup. May be empty when fields/rows carry the content. */
  body: string;
  /** Articles behind the card; rendered as a context line or footer. */
  sources: SourceRef[];
  /** Up to three follow-up entries, rendered as buttons or a numbered list. */
  related: EntryRef[];
  /** Short closing line (e.g. a hint about other commands). Plain text. */
  footer?: string;
}

/** A confident answer from one FAQ entry; carries the helpful 👍/👎 feedback. */
export interface AnswerCard extends CardCommon {
  kind: 'answer';
  entryId: string;
  /** Confidence 0..1 of the match that produced it (1 for exact slug or button). */
  confidence: number;
}

/** "Did you mean…": close but unsure. */
export interface SuggestCard extends CardCommon {
  kind: 'suggest';
  /** Up to three candidate entries, best first. */
  suggestions: EntryRef[];
  confidence: number;
}

/** Out of scope or unreadable input: says what the bot covers. */
export interface DeclinedCard extends CardCommon {
  kind: 'declined';
  /**
   * Why: `empty` input, `unknown` topic, or `operations`: a how-to,
   * troubleshooting or pricing question about Docker or VMs, which the bot
   * does not cover (its `related` then holds the closest background topic).
   * Lets a renderer pick wording or colour.
   */
  reason: 'empty' | 'unknown' | 'operations';
}

/** Rows of the comparison table: one dimension, several, or all. */
export interface ComparisonCard extends CardCommon {
  kind: 'comparison';
  rows: ComparisonRow[];
  /** True when the whole table was asked for. */
  whole: boolean;
  confidence: number;
}

/** A daily tip, with a "learn more" link to its FAQ entry. */
export interface TipCard extends CardCommon {
  kind: 'tip';
  tipId: number;
  learnMore: EntryRef;
}

/** Every entry, grouped by tag. */
export interface TopicsCard extends CardCommon {
  kind: 'topics';
  groups: { tag: string; entries: EntryRef[] }[];
}

/** Usage: the commands and example questions. */
export interface HelpCard extends CardCommon {
  kind: 'help';
  commands: { usage: string; summary: string }[];
  examples: string[];
}

export type Card = AnswerCard | SuggestCard | DeclinedCard | ComparisonCard | TipCard | TopicsCard | HelpCard;
export type CardKind = Card['kind'];
