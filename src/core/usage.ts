/**
 * What the core reports about use, so curators can see what is asked and how
 * answers land. The store implements this; tests and the console use the
 * in-memory recorder.
 */
export type Platform = 'slack' | 'discord' | 'console' | 'cli';

export interface AskRecord {
  platform: Platform;
  status: 'answered' | 'suggest' | 'declined';
  /** The entry answered (or best suggestion), if any. */
  entryId?: string;
  /** Normalised question text: no user ids, no markup. */
  normalized: string;
  at: Date;
}

export interface VoteRecord {
  platform: Platform;
  entryId: string;
  vote: 'up' | 'down';
  /** A one-way hash of the platform user id; never the id itself. */
  userHash: string;
  at: Date;
}

export interface UsageRecorder {
  recordAsk(record: AskRecord): Promise<void>;
  recordVote(record: VoteRecord): Promise<void>;
}

/** Keeps records in memory; one vote per user per entry, the latest wins. */
export class MemoryUsageRecorder implements UsageRecorder {
  readonly asks: AskRecord[] = [];
  private readonly votesByKey = new Map<string, VoteRecord>();

  async recordAsk(record: AskRecord): Promise<void> {
    this.asks.push(record);
  }

  async recordVote(record: VoteRecord): Promise<void> {
    this.votesByKey.set(`${record.platform}:${record.userHash}:${record.entryId}`, record);
  }

  get votes(): VoteRecord[] {
    return [...this.votesByKey.values()];
  }
}
