import { setTimeout as delay } from 'node:timers/promises';
import type { webApi } from '@slack/bolt';
import { neverReachedServer } from '../../core/post-error.js';

/**
 * The fetch behind every call a user is waiting on: Bolt hands
 * `clientOptions.fetch` both to the Web API client (say, chat.postMessage) and
 * to respond() (response_url), so this one function bounds and retries them all.
 *
 * The rule is the tip scheduler's (src/tips/post-tip.ts): a request is sent
 * again only when it provably never reached Slack (connection refused, DNS) or
 * Slack refused it with a 429. A timeout, a dropped connection or a 5xx may
 * have been acted on, so it comes back to the caller as it is, after one send:
 * a missing reply can be asked for again, a doubled post cannot be taken back.
 */
export interface InteractivePolicy {
  /** Per attempt. Users are watching: Slack shows its own error after 3 s, and nobody waits much longer. */
  timeoutMs: number;
  /** Sends per call, including the first. */
  maxAttempts: number;
  /** Wait before re-sending a request that never got through; doubles each time. */
  reconnectDelayMs: number;
  /** A 429 asking for a longer wait comes back at once: the user is told to try later rather than kept waiting. */
  maxRateLimitWaitMs: number;
}

export const INTERACTIVE_POLICY: InteractivePolicy = { timeoutMs: 5_000, maxAttempts: 3, reconnectDelayMs: 250, maxRateLimitWaitMs: 10_000 };

export interface RetryNotice {
  /** The Web API method (`chat.postMessage`), or `response_url` (its path is a credential, so it is never shown). */
  target: string;
  reason: 'not_sent' | 'rate_limited';
  attempt: number;
  waitMs: number;
}

export function interactiveFetch(policy: InteractivePolicy, onRetry?: (notice: RetryNotice) => void, fetchFn: typeof fetch = globalThis.fetch): webApi.FetchFunction {
  return async (url, init) => {
    for (let attempt = 1; ; attempt++) {
      const timeout = AbortSignal.timeout(policy.timeoutMs);
      const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
      let notice: RetryNotice;
      try {
        const res = await fetchFn(url, { ...init, signal });
        const waitMs = rateLimitWaitMs(res);
        if (waitMs === undefined || waitMs > policy.maxRateLimitWaitMs || attempt >= policy.maxAttempts) return res;
        await res.body?.cancel();
        notice = { target: targetOf(url), reason: 'rate_limited', attempt, waitMs };
      } catch (err) {
        if (!neverReachedServer(err) || attempt >= policy.maxAttempts) throw err;
        notice = { target: targetOf(url), reason: 'not_sent', attempt, waitMs: policy.reconnectDelayMs * 2 ** (attempt - 1) };
      }
      onRetry?.(notice);
      await delay(notice.waitMs);
    }
  };
}

/** Slack's Retry-After (seconds) on a 429, in ms; undefined for any other answer or a 429 without one. */
function rateLimitWaitMs(res: Response): number | undefined {
  if (res.status !== 429) return undefined;
  const seconds = Number.parseInt(res.headers.get('retry-after') ?? '', 10);
  return Number.isNaN(seconds) ? undefined : seconds * 1000;
}

function targetOf(url: string | URL): string {
  const { pathname } = new URL(url);
  return /\/api\/[\w.]+$/.test(pathname) ? (pathname.split('/').at(-1) ?? 'Web API') : 'response_url';
}
