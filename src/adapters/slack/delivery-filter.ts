/**
 * Slack re-sends an event (X-Slack-Retry-Num, or retry_attempt in Socket Mode)
 * when it did not see our 200 in time. Bolt acks events before any listener
 * runs, so a retry almost always means the first copy is already being
 * answered: answering it too would post twice.
 *
 * Rule: a retry of an event id we have seen is dropped; a retry we have not
 * seen is handled only when Slack says the first attempt never reached a server
 * (connection or TLS failure), because then nobody answered it. Anything else
 * (http_timeout, http_error, unknown) may have reached a sibling instance, so
 * it is dropped: a missed answer can be re-asked, a double post cannot be undone.
 */
const NEVER_DELIVERED = new Set(['connection_failed', 'ssl_error', 'too_many_redirects']);

export interface Delivery {
  eventId?: string;
  retryNum?: number;
  retryReason?: string;
}

export class DeliveryFilter {
  private readonly seen = new Set<string>();
  constructor(private readonly capacity = 5_000) {}

  /** True when this delivery should be answered; remembers first deliveries. */
  accept(d: Delivery): boolean {
    const isRetry = d.retryNum !== undefined && d.retryNum > 0;
    if (d.eventId !== undefined) {
      if (this.seen.has(d.eventId)) return false;
      if (isRetry && !NEVER_DELIVERED.has(d.retryReason ?? '')) return false;
      this.remember(d.eventId);
      return true;
    }
    return !isRetry;
  }

  /** Marks an id as seen (the store took it for this copy). */
  remember(id: string): void {
    this.seen.add(id);
    // Sets iterate in insertion order, so the first key is the oldest.
    if (this.seen.size > this.capacity) this.seen.delete(this.seen.values().next().value as string);
  }
}
