import { RespondError, webApi } from '@slack/bolt';
import { PostError, StartupError } from '../adapter.js';
import { neverReachedServer } from '../../core/post-error.js';

/**
 * One place that reads the Web API's error shapes (platform `error` strings,
 * rate limits, HTTP and network failures, response_url answers) and turns them
 * into our stable codes and one-line explanations.
 */
export interface SlackFailure {
  /** Slack's own error string (`channel_not_found`), or `rate_limited`, `http_<status>`, `timeout`, `not_sent`, `request_error`, `unknown`. */
  code: string;
  /** What happened and what to do, in one line. */
  message: string;
  retryAfterMs?: number;
  /**
   * Whether the message can be in Slack: `refused` (Slack answered no: an
   * error string or a rate limit), `not_sent` (the request never got there),
   * `unknown` (a timeout, a dropped connection, a 5xx: it may have been
   * posted, so it must not be sent again).
   */
  delivery: 'refused' | 'not_sent' | 'unknown';
}

const HINTS: Record<string, string> = {
  channel_not_found: 'the channel does not exist or the bot cannot see it (private channels need /invite @vmvc)',
  not_in_channel: 'the bot is not a member of that channel: /invite @vmvc there',
  is_archived: 'the channel is archived',
  missing_scope: 'the app lacks a scope: reinstall it from slack/manifest.json',
  invalid_auth: 'the token is not valid: check SLACK_BOT_TOKEN',
  not_authed: 'no token was sent: check SLACK_BOT_TOKEN',
  account_inactive: 'the token belongs to a deleted app or user: reinstall the app',
  token_revoked: 'the token was revoked: reinstall the app and copy the new token',
  restricted_action: 'a workspace admin setting blocks the bot from posting there',
  msg_too_long: 'the message is too long for Slack',
  invalid_blocks: 'Slack rejected the message layout (a Block Kit limit was exceeded)',
};

/** Slack's one-line hint for an error string it answered with, if we know one. */
export function hintFor(code: string): string | undefined {
  return HINTS[code];
}

/** The client's own 429 handling (clients that wait inside the call) ends in a plain Error once its retries run out. */
const RATE_LIMIT_EXHAUSTED = /rate limit was exceeded/i;

export function describeSlackError(err: unknown): SlackFailure {
  if (err instanceof webApi.WebAPIRateLimitedError) {
    return { code: 'rate_limited', message: `Slack rate limit hit: retry after ${err.retryAfter}s`, retryAfterMs: err.retryAfter * 1000, delivery: 'refused' };
  }
  if (err instanceof webApi.WebAPIPlatformError) {
    const code = err.data.error;
    const retrySec = err.data.response_metadata?.retryAfter;
    return {
      code,
      message: `Slack answered ${code}${HINTS[code] ? `: ${HINTS[code]}` : ''}`,
      ...(typeof retrySec === 'number' && { retryAfterMs: retrySec * 1000 }),
      delivery: 'refused',
    };
  }
  if (err instanceof webApi.WebAPIHTTPError) {
    return { code: `http_${err.statusCode}`, message: `Slack Web API answered HTTP ${err.statusCode} ${err.statusMessage}`, delivery: 'unknown' };
  }
  if (err instanceof RespondError) {
    const status = err.statusCode ?? 0;
    const refused = status === 429 || (status >= 400 && status < 500);
    return { code: `http_${status}`, message: `Slack answered HTTP ${status} on the response_url`, delivery: refused ? 'refused' : 'unknown' };
  }
  // The client wraps transport failures; respond() lets fetch's own errors through.
  const transport = err instanceof webApi.WebAPIRequestError ? err.original : err;
  const message = transport instanceof Error ? transport.message : String(transport);
  if (RATE_LIMIT_EXHAUSTED.test(message)) return { code: 'rate_limited', message: `Slack rate limit hit and retries ran out: ${message}`, delivery: 'refused' };
  if (transport instanceof Error && transport.name === 'TimeoutError') {
    return { code: 'timeout', message: 'Slack did not answer in time', delivery: 'unknown' };
  }
  // fetch hides the reason ("fetch failed") in its cause: ECONNREFUSED, UND_ERR_SOCKET…
  const cause = (transport as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  const detail = cause?.code ?? cause?.message;
  const withDetail = `${message}${detail !== undefined ? ` (${detail})` : ''}`;
  if (neverReachedServer(err)) return { code: 'not_sent', message: `Could not reach Slack: ${withDetail}`, delivery: 'not_sent' };
  if (err instanceof webApi.WebAPIRequestError) {
    return { code: 'request_error', message: `The connection to Slack failed after the request was sent: ${withDetail}`, delivery: 'unknown' };
  }
  return { code: 'unknown', message: withDetail, delivery: 'unknown' };
}

/** For a log line about a reply that failed: says whether it may be in Slack anyway (and why it is not sent again). */
export function deliveryNote(f: SlackFailure): string {
  return f.delivery === 'unknown' ? '; it may have been posted, so it is not sent again' : '';
}

/** The tip scheduler's view of a failed post: retry later, or give up on that channel. */
export function toPostError(err: unknown, channelId: string): PostError {
  const f = describeSlackError(err);
  const code: PostError['code'] =
    f.code === 'rate_limited'
      ? 'rate_limited'
      : f.code === 'channel_not_found' || f.code === 'is_archived'
        ? 'channel_not_found'
        : f.code === 'not_in_channel'
          ? 'not_in_channel'
          : f.code === 'missing_scope' || f.code === 'restricted_action'
            ? 'missing_permissions'
            : f.code === 'invalid_auth' || f.code === 'not_authed' || f.code === 'token_revoked' || f.code === 'account_inactive'
              ? 'invalid_auth'
              : neverReachedServer(err)
                ? 'not_sent'
                : 'unknown';
  return new PostError(code, `Posting to Slack channel ${channelId} failed: ${f.message}`, f.retryAfterMs);
}

const AUTH_CODES = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'account_inactive', 'token_expired']);

/** Whether Slack answered that the token itself is no good (revoked, uninstalled, expired): nothing works until it is replaced. */
export function isAuthFailure(code: string): boolean {
  return AUTH_CODES.has(code);
}

/** auth.test / apps.connections.open failing at start-up: one line the operator can act on. */
export function toStartupError(err: unknown, step: 'bot' | 'app', apiUrl: string | undefined): StartupError {
  const f = describeSlackError(err);
  if (AUTH_CODES.has(f.code)) {
    return step === 'bot'
      ? new StartupError(`Slack rejected SLACK_BOT_TOKEN (${f.code}): check the Bot User OAuth Token (xoxb-) under OAuth & Permissions`)
      : new StartupError(`Slack rejected SLACK_APP_TOKEN (${f.code}): check the App-Level Token (xapp-) has the connections:write scope`);
  }
  const where = apiUrl ?? 'https://slack.com/api/';
  return new StartupError(`Slack start-up failed at ${step === 'bot' ? 'auth.test' : 'apps.connections.open'} (${where}): ${f.message}`);
}
