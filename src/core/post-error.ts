/** Why a post failed, in words the tip scheduler can act on (retry or give up). */
export class PostError extends Error {
  constructor(
    readonly code: 'channel_not_found' | 'not_in_channel' | 'missing_permissions' | 'rate_limited' | 'invalid_auth' | 'unknown',
    message: string,
    /** When Slack or Discord said how long to wait. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'PostError';
  }

  /** Worth trying again later: rate limits and unknown (network) failures. */
  get retryable(): boolean {
    return this.code === 'rate_limited' || this.code === 'unknown';
  }
}
