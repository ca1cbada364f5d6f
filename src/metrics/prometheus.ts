import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { METRICS_PATH } from '../http/paths.js';
import { sendEmpty, type HttpRoute } from '../http/routes.js';
import type { BotMetrics } from './bot-metrics.js';

/** Error codes become label values; anything unexpected is folded so a strange reply cannot mint unbounded series. */
function codeLabel(code: string): string {
  return /^[\w.-]{1,48}$/.test(code) ? code : 'other';
}

export interface PrometheusMetrics extends BotMetrics {
  readonly registry: Registry;
  /** GET /metrics in the Prometheus text format. */
  route(): HttpRoute;
}

/** A registry of its own (not prom-client's global one), so two bots in one test process do not share counts. */
export function createPrometheusMetrics(): PrometheusMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const questions = new Counter({
    name: 'vmvc_questions_total',
    help: 'Questions the engine decided on, by platform and outcome (answered, suggest, declined).',
    labelNames: ['platform', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'vmvc_answer_duration_seconds',
    help: 'Time from receiving a request (interaction, event, command) to its handler finishing, by platform.',
    labelNames: ['platform'] as const,
    // 3 s is Slack's ack and Discord's first-response deadline; the buckets around it show how close answers come.
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10],
    registers: [registry],
  });
  const tips = new Counter({
    name: 'vmvc_tip_posts_total',
    help: 'Tip slots per channel by result: posted, failed (after retries), skipped (claimed elsewhere or no tips), crashed (store failure).',
    labelNames: ['platform', 'result'] as const,
    registers: [registry],
  });
  const apiErrors = new Counter({
    name: 'vmvc_platform_api_errors_total',
    help: 'Failed Slack Web API and Discord REST calls by platform and error code.',
    labelNames: ['platform', 'code'] as const,
    registers: [registry],
  });
  const storeErrors = new Counter({
    name: 'vmvc_store_errors_total',
    help: 'Store calls that failed, by operation.',
    labelNames: ['operation'] as const,
    registers: [registry],
  });
  return {
    registry,
    question: (platform, outcome) => questions.inc({ platform, outcome }),
    answerDuration: (platform, seconds) => duration.observe({ platform }, seconds),
    tipPost: (platform, result) => tips.inc({ platform, result }),
    platformApiError: (platform, code) => apiErrors.inc({ platform, code: codeLabel(code) }),
    storeError: (operation) => storeErrors.inc({ operation: codeLabel(operation) }),
    route: () => ({
      method: 'GET',
      path: METRICS_PATH,
      handler: (_req, res) =>
        void registry.metrics().then(
          (text) => {
            res.writeHead(200, { 'content-type': registry.contentType, 'content-length': Buffer.byteLength(text) });
            res.end(text);
          },
          () => sendEmpty(res, 500),
        ),
    }),
  };
}
