/** Network failures that prove the request never reached the platform, so sending again cannot double a post. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** Why a post failed, in words the tip scheduler can act on (retry or give up). */
export class PostError extends Error {
  constructor(
    readonly code: 'channel_not_found' | 'not_in_channel' | 'missing_permissions' | 'rate_limited' | 'invalid_auth' | 'not_sent' | 'unknown',
    message: string,
    /** When Slack or Discord said how long to wait. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'PostError';
  }

  /**
   * Worth trying again: rate limits, and connections that never reached the
   * platform. Not `unknown` (a timeout, a reset, a server error): the post may
   * have gone out, and a tip must never be posted twice.
   */
  get retryable(): boolean {
    return this.code === 'rate_limited' || this.code === 'not_sent';
  }
}

/** True when the error (or what it wraps: fetch's `cause`, Slack's `original`) says the connection never got through. */
export function neverReachedServer(err: unknown, depth = 0): boolean {
  if (depth > 3 || err === null || typeof err !== 'object') return false;
  const e = err as { code?: unknown; cause?: unknown; original?: unknown };
  if (typeof e.code === 'string' && NOT_SENT_CODES.has(e.code)) return true;
  return neverReachedServer(e.cause, depth + 1) || neverReachedServer(e.original, depth + 1);
}
