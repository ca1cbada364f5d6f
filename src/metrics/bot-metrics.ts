import type { Platform } from '../core/usage.js';

/**
 * What the bot counts, as typed calls. Adapters and main.ts record through
 * this interface; only prometheus.ts knows the metric library, and the core
 * knows neither (its asks reach here through the usage recorder main.ts wraps).
 */
export interface BotMetrics {
  /** One question answered, suggested or declined (a card the core decided on). */
  question(platform: Platform, outcome: 'answered' | 'suggest' | 'declined'): void;
  /** From receiving a request (interaction, event, command) to its handler finishing. */
  answerDuration(platform: Platform, seconds: number): void;
  /** One tip slot for one channel, as post-tip.ts ended it. */
  tipPost(platform: Platform, result: 'posted' | 'failed' | 'skipped' | 'crashed'): void;
  /** A platform Web API / REST call that failed, by the platform's error code (Slack `channel_not_found`, Discord `50013`, `http_503`). */
  platformApiError(platform: Platform, code: string): void;
  /** A store call that threw or rejected, by what was asked of it. */
  storeError(operation: string): void;
}

/** For callers that run without metrics (the CLI, tests that do not look). */
export const NO_METRICS: BotMetrics = {
  question: () => undefined,
  answerDuration: () => undefined,
  tipPost: () => undefined,
  platformApiError: () => undefined,
  storeError: () => undefined,
};
