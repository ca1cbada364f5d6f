import { HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { createReceiver } from '../../../src/adapters/slack/create-slack-app.js';
import { toBoltLogger } from '../../../src/adapters/slack/bolt-logger.js';
import { StartupError } from '../../../src/adapters/adapter.js';
import { parseConfig, type SlackConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/log.js';
import { slashCommandBody } from '../../fixtures/slack/signed-request.js';
import { startTestSlack, type TestSlack } from '../../fixtures/slack/start-test-slack.js';

type Json = Record<string, unknown>;

const BASE_ENV = { SLACK_BOT_TOKEN: 'xoxb-test-0000-token' };
const SECRET = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const logger = toBoltLogger(createLogger({ level: 'silent', destination: { write: () => undefined } }));

describe('which mode the environment chooses', () => {
  it('SLACK_APP_TOKEN (xapp-) → Socket Mode, with or without a signing secret', () => {
    for (const env of [{ SLACK_APP_TOKEN: 'xapp-1-A-1-abc' }, { SLACK_APP_TOKEN: 'xapp-1-A-1-abc', SLACK_SIGNING_SECRET: SECRET }]) {
      const slack = parseConfig({ ...BASE_ENV, ...env }).slack as SlackConfig;
      expect(slack.mode).toBe('socket');
      expect(createReceiver(slack, { logger })).toBeInstanceOf(SocketModeReceiver);
    }
  });

  it('only SLACK_SIGNING_SECRET → HTTP mode on PORT', () => {
    const slack = parseConfig({ ...BASE_ENV, SLACK_SIGNING_SECRET: SECRET, PORT: '8123' }).slack as SlackConfig;
    expect(slack).toMatchObject({ mode: 'http', port: 8123 });
    expect(createReceiver(slack, { logger })).toBeInstanceOf(HTTPReceiver);
  });

  it('a bot token alone, or a wrong token prefix, is a configuration error before any connection', () => {
    expect(() => parseConfig(BASE_ENV)).toThrow(/SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is required/);
    expect(() => parseConfig({ ...BASE_ENV, SLACK_APP_TOKEN: 'xoxb-wrong' })).toThrow(/SLACK_APP_TOKEN must start with xapp-/);
  });
});

/** A local Socket Mode endpoint: hello on connect, then whatever envelopes a test sends; records the app's acks. */
class FakeSocketMode {
  readonly wss: WebSocketServer;
  socket?: WebSocket;
  readonly acks: Json[] = [];
  private waiters: { id: string; resolve: (a: Json) => void }[] = [];
  constructor(t: TestSlack['fake']) {
    this.wss = new WebSocketServer({ server: t.server, path: '/socket' });
    this.wss.on('connection', (ws) => {
      this.socket = ws;
      ws.on('message', (data) => {
        const ack = JSON.parse(String(data)) as Json;
        this.acks.push(ack);
        for (const w of this.waiters.filter((x) => x.id === ack['envelope_id'])) w.resolve(ack);
      });
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake' }, connection_info: { app_id: 'A0VMVC' } }));
    });
  }
  send(envelope: Json): Promise<Json> {
    const id = envelope['envelope_id'] as string;
    const done = new Promise<Json>((resolve) => this.waiters.push({ id, resolve }));
    this.socket?.send(JSON.stringify(envelope));
    return done;
  }
  close(): Promise<void> {
    for (const c of this.wss.clients) c.terminate();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }
}

describe('Socket Mode, end to end against a local WebSocket fake', () => {
  let t: TestSlack;
  let sm: FakeSocketMode;
  beforeAll(async () => {
    t = await startTestSlack({
      env: { SLACK_APP_TOKEN: 'xapp-1-A0VMVC-1-test' },
      start: { socket: { autoReconnectEnabled: false } },
      prepare: (fake) => {
        sm = new FakeSocketMode(fake);
        fake.on('apps.connections.open', () => ({ body: { ok: true, url: `ws://127.0.0.1:${fake.port}/socket` } }));
      },
    });
  });
  afterAll(async () => {
    await t.stop();
    await sm.close();
  });

  it('opens the connection with the app-level token through SLACK_API_URL', () => {
    expect(t.slack.mode).toBe('socket');
    const open = t.fake.callsOf('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]?.headers['authorization']).toBe('Bearer xapp-1-A0VMVC-1-test');
  });

  it('a slash command envelope is acked with the ephemeral card as the response payload', async () => {
    const fields = Object.fromEntries(new URLSearchParams(slashCommandBody({ text: 'why-lighter' })));
    const ack = await sm.send({ envelope_id: 'env-1', type: 'slash_commands', accepts_response_payload: true, payload: fields });
    const payload = ack['payload'] as Json;
    expect(payload['response_type']).toBe('ephemeral');
    expect(JSON.stringify(payload['blocks'])).toContain('vmvc:share:why-lighter');
  });

  it('an app_mention envelope is acked and answered in the thread; its retry is acked and not answered again', async () => {
    const event = { type: 'app_mention', user: 'U0ASKER', text: '<@UBOT0001> why-lighter', ts: '1700000500.000100', channel: 'C0SOCKET', event_ts: '1' };
    const payload = { type: 'event_callback', team_id: 'T0TEST', api_app_id: 'A0VMVC', event, event_id: 'Ev-sock-1', event_time: 1 };
    await sm.send({ envelope_id: 'env-2', type: 'events_api', accepts_response_payload: false, retry_attempt: 0, retry_reason: '', payload });
    const post = await t.fake.waitFor('chat.postMessage', (c) => c.body['channel'] === 'C0SOCKET');
    expect(post.body['thread_ts']).toBe('1700000500.000100');
    const retryAck = await sm.send({ envelope_id: 'env-3', type: 'events_api', accepts_response_payload: false, retry_attempt: 1, retry_reason: 'timeout', payload });
    expect(retryAck['envelope_id']).toBe('env-3');
    // A later mention that IS answered: the retry before it had its turn, and would have posted first.
    const marker = { ...event, ts: '1700000501.000100', channel: 'C0SOCKETMARK' };
    await sm.send({ envelope_id: 'env-4', type: 'events_api', accepts_response_payload: false, retry_attempt: 0, retry_reason: '', payload: { ...payload, event: marker, event_id: 'Ev-sock-mark' } });
    await t.fake.waitFor('chat.postMessage', (c) => c.body['channel'] === 'C0SOCKETMARK');
    expect(t.fake.callsOf('chat.postMessage').filter((c) => c.body['channel'] === 'C0SOCKET')).toHaveLength(1);
  });
});

describe('Socket Mode start-up failures', () => {
  it('a rejected app-level token fails start-up with one line naming SLACK_APP_TOKEN', async () => {
    const err = await startTestSlack({
      env: { SLACK_APP_TOKEN: 'xapp-1-A0VMVC-1-revoked' },
      start: { socket: { autoReconnectEnabled: false } },
      prepare: (fake) => fake.failWith('apps.connections.open', 'invalid_auth'),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StartupError);
    expect((err as StartupError).message).toBe('Slack rejected SLACK_APP_TOKEN (invalid_auth): check the App-Level Token (xapp-) has the connections:write scope');
  });
});

describe('Socket Mode readiness (what /readyz asks the adapter)', () => {
  it('is ready while the connection is open and not once Slack drops it', async () => {
    let sm: FakeSocketMode | undefined;
    const t = await startTestSlack({
      env: { SLACK_APP_TOKEN: 'xapp-1-A0VMVC-1-test' },
      start: { socket: { autoReconnectEnabled: false } },
      prepare: (fake) => {
        sm = new FakeSocketMode(fake);
        fake.on('apps.connections.open', () => ({ body: { ok: true, url: `ws://127.0.0.1:${fake.port}/socket` } }));
      },
    });
    try {
      expect(t.slack.isReady?.()).toBe(true);
      await sm?.close();
      await expect.poll(() => t.slack.isReady?.()).toBe(false);
    } finally {
      await t.stop();
    }
  });
});
