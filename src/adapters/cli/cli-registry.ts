import type { CliCommand } from './cli-command.js';

/**
 * Every `vmvc` subcommand, in help order. Commands load on demand: `ask` must
 * start fast, and should not pay for the Slack and Discord clients that
 * `tip --post` needs.
 */
export interface CliCommandEntry {
  name: string;
  summary: string;
  load(): Promise<CliCommand>;
}

export const CLI_COMMANDS: readonly CliCommandEntry[] = [
  { name: 'ask', summary: 'Answer a question', load: async () => (await import('./commands/ask.js')).askCommand },
  { name: 'topics', summary: 'List every topic id and title, grouped by tag', load: async () => (await import('./commands/topics.js')).topicsCommand },
  { name: 'show', summary: 'Show one topic by id', load: async () => (await import('./commands/show.js')).showCommand },
  { name: 'compare', summary: 'The VM-vs-container table, or one row', load: async () => (await import('./commands/compare.js')).compareCommand },
  { name: 'tip', summary: 'A random tip, or tip N; --post sends the next tip to the tip channels', load: async () => (await import('./commands/tip.js')).tipCommand },
  { name: 'tips', summary: "Each tip channel's next tip and last post (tips status)", load: async () => (await import('./commands/tips-status.js')).tipsStatusCommand },
  { name: 'report', summary: 'What people asked, what they disliked, what is missing', load: async () => (await import('./commands/report.js')).reportCommand },
  { name: 'store', summary: 'Copy the SQLite store into PostgreSQL (store copy --to URL), for several bot copies', load: async () => (await import('./commands/store.js')).storeCommand },
  { name: 'check', summary: 'Validate the knowledge base (schema and cross-references)', load: async () => (await import('./commands/check.js')).checkCommand },
];
