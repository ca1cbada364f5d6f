/** Raised when knowledge files are unreadable or invalid; lists every problem found. */
export class KnowledgeError extends Error {
  readonly code = 'E_KNOWLEDGE';
  constructor(readonly problems: string[]) {
    super(`Knowledge base has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'KnowledgeError';
  }
}
