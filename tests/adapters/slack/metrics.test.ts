import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrometheusMetrics, type PrometheusMetrics } from '../../../src/metrics/prometheus.js';
import { sendEvent } from '../../fixtures/slack/signed-request.js';
import { startTestSlack, type TestSlack } from '../../fixtures/slack/start-test-slack.js';

/**
 * What the Slack adapter counts, read back from the Prometheus registry main.ts
 * serves at /metrics: every request's handling time, and each failed Web API
 * call by Slack's own error code.
 */
let t: TestSlack;
let metrics: PrometheusMetrics;
beforeAll(async () => {
  metrics = createPrometheusMetrics();
  t = await startTestSlack({ metrics });
});
afterAll(async () => {
  await t.stop();
});

async function sample(series: string): Promise<number | undefined> {
  const line = (await metrics.registry.metrics()).split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('Slack adapter metrics', () => {
  it('counts a refused chat.postMessage under its Slack error code, and times the request', async () => {
    t.fake.failWith('chat.postMessage', 'channel_not_found');
    const res = await sendEvent(t.baseUrl, { type: 'app_mention', user: 'U0ASKER', text: '<@UBOT0001> why are containers lighter than VMs?', ts: '1700000300.000100', channel: 'C0GONE', event_ts: '1' }, 'Ev-metrics-1');
    expect(res.status).toBe(200);
    await t.fake.waitFor('chat.postMessage', (c) => c.body['channel'] === 'C0GONE');
    await expect.poll(() => sample('vmvc_platform_api_errors_total{platform="slack",code="channel_not_found"}')).toBe(1);
    await expect.poll(async () => (await sample('vmvc_answer_duration_seconds_count{platform="slack"}')) ?? 0).toBeGreaterThan(0);
  });
});
