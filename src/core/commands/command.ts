import type { Card } from '../card.js';
import type { Knowledge } from '../knowledge/schema.js';
import type { MatchIndex } from '../match/match-index.js';
import type { Explanation } from '../match/match-question.js';

/** How a reply came about; what `vmvc ask --json` prints and what usage records keep. */
export interface Outcome {
  status: 'answered' | 'suggest' | 'declined';
  /** Entry id, `compare:<dimension>`, `compare`, `tip:<n>`, or the command name. */
  id?: string;
  title?: string;
  /** Confidence 0..1. */
  score: number;
  suggestions: { id: string; title: string }[];
  /** The question after normalisation: what curators see in the report. */
  normalized?: string;
  /** Why the engine decided so; only when asked for (`vmvc ask --explain`). */
  explanation?: Explanation;
}

export interface Reply {
  card: Card;
  outcome: Outcome;
}

export interface CommandContext {
  knowledge: Knowledge;
  index: MatchIndex;
  /** 0 ≤ x < 1; injected so tests and tip rotation are deterministic. */
  random: () => number;
  /** Every command's usage line, for help. */
  usage: { usage: string; summary: string }[];
}

/** One `/vmvc <name> …` command. Adding a command is one file plus one line in the registry. */
export interface Command {
  name: string;
  usage: string;
  summary: string;
  /**
   * Whether `/vmvc <name> <args>` means this command rather than a question
   * that happens to start with the word ("help me understand hypervisors").
   * Defaults to always.
   */
  accepts?(args: string): boolean;
  run(args: string, ctx: CommandContext): Reply;
}
