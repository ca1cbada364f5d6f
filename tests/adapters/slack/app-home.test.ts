import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { tipIdForDay } from '../../../src/adapters/slack/listeners/app-home.js';
import { startSlack, type RunningSlack } from '../../../src/adapters/slack/start-slack.js';
import { parseConfig } from '../../../src/config.js';
import { createCore, type Core } from '../../../src/core/create-core.js';
import type { Knowledge } from '../../../src/core/knowledge/schema.js';
import { MemoryRepeatGuard } from '../../../src/core/repeat-guard.js';
import { createLogger } from '../../../src/log.js';
import { SLACK_VIEW_BLOCKS_MAX } from '../../../src/render/slack-home.js';
import { openStore, type SqliteStorage } from '../../../src/store/open-store.js';
import { FakeSlackApi, type RecordedCall } from '../../fixtures/slack/fake-slack-api.js';
import { sendEvent, sendInteraction, TEST_SIGNING_SECRET } from '../../fixtures/slack/signed-request.js';
import { realKnowledge } from '../../fixtures/slack/start-test-slack.js';

type Json = Record<string, unknown>;

/** A fixed Wednesday noon: inside "this week" for everything the tests record at it. */
const NOW = new Date('2026-03-04T12:00:00.000Z');

interface HomeHarness {
  fake: FakeSlackApi;
  slack: RunningSlack;
  core: Core;
  store: SqliteStorage;
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * The real adapter (startSlack, HTTP mode on loopback, Web API at the fake)
 * with a real SQLite store in a temporary folder, so the curator summary reads
 * what the core recorded. users.info answers as Slack does for the ids below.
 */
async function startHome(options: { knowledge?: Knowledge; env?: Record<string, string>; prepare?: (fake: FakeSlackApi) => void } = {}): Promise<HomeHarness> {
  const fake = await new FakeSlackApi().start();
  // First, so a test's answers win over the defaults below (the fake asks handlers in order).
  options.prepare?.(fake);
  fake.on('users.info', (c) => {
    const id = String(c.body['user']);
    return { body: { ok: true, user: { id, name: id.toLowerCase(), is_admin: id === 'U0ADMIN', is_owner: id === 'U0OWNER', is_primary_owner: false } } };
  });
  fake.on('views.publish', () => ({ body: { ok: true, view: { id: 'V0HOME' } } }));
  fake.on('views.open', () => ({ body: { ok: true, view: { id: 'V0MODAL' } } }));
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vmvc-home-'));
  const store = openStore({ dataDir });
  const core = createCore(options.knowledge ?? realKnowledge(), { recorder: store.recorder, random: () => 0, clock: () => NOW });
  const config = parseConfig({ SLACK_BOT_TOKEN: 'xoxb-test-0000-token', SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, ...options.env });
  const log = createLogger({ level: 'silent', destination: { write: () => undefined } });
  const slack = await startSlack(
    { config, core, log, repeatGuard: new MemoryRepeatGuard(config.repeatCooldownSeconds), reports: store, clock: () => NOW },
    { host: '127.0.0.1', port: 0, ...(config.slack?.mode === 'socket' && { socket: { autoReconnectEnabled: false } }) },
  );
  return {
    fake,
    slack,
    core,
    store,
    baseUrl: `http://127.0.0.1:${slack.address?.port ?? 0}`,
    async stop() {
      await slack.stop();
      await fake.stop();
      store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let seq = 0;
function openHome(baseUrl: string, user: string, tab: 'home' | 'messages' = 'home'): Promise<Response> {
  seq += 1;
  return sendEvent(baseUrl, { type: 'app_home_opened', user, channel: 'D0HOME', tab, event_ts: `1700000000.${seq}` }, `Ev-home-${seq}`);
}

const viewOf = (call: RecordedCall) => call.body['view'] as { type: string; blocks: Json[] };
const textOf = (block: Json): string => ((block['text'] as Json | undefined)?.['text'] as string | undefined) ?? '';
const headers = (blocks: Json[]) => blocks.filter((b) => b['type'] === 'header').map(textOf);
const liveTokens = (value: unknown): string[] => JSON.stringify(value).match(/<[@!#][^>]*>/g) ?? [];

/** The latest Home tab already published for `user`. */
function lastPublished(h: HomeHarness, user: string): RecordedCall {
  const call = h.fake.callsOf('views.publish').filter((c) => c.body['user_id'] === user).at(-1);
  if (!call) throw new Error(`no views.publish for ${user} yet`);
  return call;
}

/** The next views.publish for `user` (call before sending the event). */
function publishedFor(h: HomeHarness, user: string): Promise<RecordedCall> {
  const before = h.fake.callsOf('views.publish').filter((c) => c.body['user_id'] === user).length;
  return h.fake.waitFor('views.publish', (c) => c.body['user_id'] === user && h.fake.callsOf('views.publish').filter((x) => x.body['user_id'] === user).indexOf(c) >= before);
}

describe('Slack App Home over signed HTTP', () => {
  let h: HomeHarness;
  beforeAll(async () => {
    h = await startHome({ env: { ADMIN_USER_IDS: 'U0LISTED' } });
    // This week's traffic, through the core as the listeners record it.
    for (let i = 0; i < 3; i++) h.core.ask('why are containers lighter than VMs?', { platform: 'slack', userId: 'U0A' });
    h.core.ask('how fast does a container start?', { platform: 'slack', userId: 'U0A' });
    h.core.ask('what is the best pizza topping in naples', { platform: 'slack', userId: 'U0A' });
    await h.core.vote('why-lighter', 'down', { platform: 'slack', userId: 'U0VOTER' });
    // A stored question carrying mentions: normalisation strips them, so only a
    // foreign writer (an older version, a hand edit) could store this; the Home tab must still never make it live.
    const injected = '<!channel> <@U0VICTIM> <!here|here> @everyone <#C0SECRET> why does <!subteam^S123> vm';
    await h.store.recorder.recordAsk({ platform: 'slack', status: 'declined', normalized: injected, at: NOW });
    await h.store.recorder.recordAsk({ platform: 'slack', status: 'declined', normalized: injected, at: NOW });
  });
  afterAll(async () => {
    await h.stop();
  });

  it('app_home_opened publishes the Home tab: what the bot does, today\'s tip, the topics by tag with a button each', async () => {
    const wait = publishedFor(h, 'U0MEMBER');
    expect((await openHome(h.baseUrl, 'U0MEMBER')).status).toBe(200);
    const call = await wait;
    const view = viewOf(call);
    expect(view.type).toBe('home');
    const all = JSON.stringify(view.blocks);
    expect(headers(view.blocks)[0]).toBe('vmvc: containers vs VMs');
    expect(all).toContain('`/vmvc &lt;question&gt;`');
    const tipId = tipIdForDay(realKnowledge().tips, NOW);
    const tip = h.core.tip(tipId).card;
    expect(all).toContain(`*Today's tip*\\n${tip.body}`);
    const faq = realKnowledge().faq;
    expect(headers(view.blocks)).toContain(`Topics (${faq.length})`);
    const buttons = view.blocks.flatMap((b) => (b['elements'] as Json[] | undefined) ?? []).filter((e) => e['type'] === 'button');
    const shown = buttons.map((b) => b['action_id'] as string).filter((id) => id.startsWith('vmvc-home:show:'));
    expect(new Set(shown)).toEqual(new Set(faq.map((e) => `vmvc-home:show:${e.id}`)));
    for (const tag of new Set(faq.map((e) => e.tags[0]))) expect(all).toContain(`*${tag}*`);
    expect(view.blocks.length).toBeLessThanOrEqual(SLACK_VIEW_BLOCKS_MAX);
  });

  it('a member does not see the curator summary; users.info was asked who they are', async () => {
    const call = lastPublished(h, 'U0MEMBER');
    expect(headers(viewOf(call).blocks).some((t) => t.startsWith('Curator summary'))).toBe(false);
    expect(JSON.stringify(viewOf(call).blocks)).not.toContain('pizza');
    expect(h.fake.callsOf('users.info').some((c) => c.body['user'] === 'U0MEMBER')).toBe(true);
  });

  it('a workspace admin sees the curator summary: this week\'s questions and shares, most asked, most 👎, top unanswered', async () => {
    const wait = publishedFor(h, 'U0ADMIN');
    await openHome(h.baseUrl, 'U0ADMIN');
    const blocks = viewOf(await wait).blocks;
    expect(headers(blocks)).toContain('Curator summary: this week');
    const texts = blocks.map(textOf);
    // 4 answered, the pizza question and the injected one twice not answered.
    const totals = texts.find((t) => t.includes('questions*')) ?? '';
    expect(totals).toMatch(/^\*7 questions\* this week: answered 57% · suggested \d+% · declined \d+%$/);
    const asked = texts.find((t) => t.startsWith('*Most asked topics*')) ?? '';
    expect(asked).toContain('1. Why are containers lighter than VMs? (`why-lighter`): 3 asked');
    expect(asked.split('\n').length).toBeLessThanOrEqual(1 + 5);
    expect(texts.find((t) => t.startsWith('*Most 👎*'))).toContain('`why-lighter`): 1 👎, 0 👍');
    const unanswered = texts.find((t) => t.startsWith('*Top unanswered questions*')) ?? '';
    expect(unanswered).toContain('×2');
    expect(unanswered).toContain('pizza');
  });

  it('workspace owners and the ids in ADMIN_USER_IDS see it too', async () => {
    for (const user of ['U0OWNER', 'U0LISTED']) {
      const wait = publishedFor(h, user);
      await openHome(h.baseUrl, user);
      expect(headers(viewOf(await wait).blocks)).toContain('Curator summary: this week');
    }
  });

  it('mentions in stored questions never come out live: escaped, broadcasts defused', async () => {
    const view = viewOf(lastPublished(h, 'U0ADMIN'));
    expect(liveTokens(view)).toEqual([]);
    const unanswered = view.blocks.map(textOf).find((t) => t.startsWith('*Top unanswered questions*')) ?? '';
    expect(unanswered).toContain('&lt;!channel&gt;');
    expect(unanswered).toContain('&lt;@U0VICTIM&gt;');
    expect(unanswered).not.toMatch(/@everyone/);
    expect(unanswered).toContain('@\u2060everyone');
  });

  it('a topic button opens its card in a modal with the click\'s trigger_id', async () => {
    const res = await sendInteraction(h.baseUrl, homeClick('vmvc-home:show:why-lighter', 'U0MEMBER', '7.7.7'));
    expect(res.status).toBe(200);
    const call = await h.fake.waitFor('views.open', (c) => c.body['trigger_id'] === '7.7.7');
    const view = call.body['view'] as { type: string; title: Json; blocks: Json[] };
    expect(view.type).toBe('modal');
    expect(headers(view.blocks)).toEqual(['Why are containers lighter than VMs?']);
    // The card's own buttons answer through a response_url, which a modal has none of.
    expect(view.blocks.some((b) => b['type'] === 'actions')).toBe(false);
    expect((view.title['text'] as string).length).toBeLessThanOrEqual(24);
  });

  it('the tip\'s "learn more" opens its entry; a topic no longer in the knowledge says so', async () => {
    const tip = h.core.tip(tipIdForDay(realKnowledge().tips, NOW)).card;
    if (tip.kind !== 'tip') throw new Error('expected a tip card');
    await sendInteraction(h.baseUrl, homeClick(`vmvc-home:learn:${tip.learnMore.id}`, 'U0MEMBER', '8.8.8'));
    const learn = await h.fake.waitFor('views.open', (c) => c.body['trigger_id'] === '8.8.8');
    expect(headers((learn.body['view'] as { blocks: Json[] }).blocks)).toEqual([tip.learnMore.title]);
    await sendInteraction(h.baseUrl, homeClick('vmvc-home:show:gone-topic', 'U0MEMBER', '9.9.9'));
    const gone = await h.fake.waitFor('views.open', (c) => c.body['trigger_id'] === '9.9.9');
    expect(JSON.stringify(gone.body['view'])).toContain('no longer in the knowledge base');
  });

  it('the Messages tab publishes nothing', async () => {
    await openHome(h.baseUrl, 'U0MSGTAB', 'messages');
    // A later Home opening by the same user is published: the Messages one before it had its turn and published nothing.
    const wait = publishedFor(h, 'U0MSGTAB');
    await openHome(h.baseUrl, 'U0MSGTAB');
    await wait;
    expect(h.fake.callsOf('views.publish').filter((c) => c.body['user_id'] === 'U0MSGTAB')).toHaveLength(1);
  });
});

describe('Slack App Home limits and failures', () => {
  it('stays within 100 blocks with many topics and tags: the rest are listed by id', async () => {
    const base = realKnowledge();
    const template = base.faq[0];
    if (!template) throw new Error('no faq');
    const extra = Array.from({ length: 300 }, (_, i) => ({
      ...template,
      id: `extra-topic-${i}`,
      title: `Extra topic number ${i} with a deliberately long title that runs well past the button limit of Slack`,
      question: `what is extra topic ${i}?`,
      aliases: [`extra ${i} one`, `extra ${i} two`, `extra ${i} three`, `extra ${i} four`, `extra ${i} five`],
      tags: [`extra-tag-${i % 120}`],
      related: [],
      pinned: false,
    }));
    const h = await startHome({ knowledge: { ...base, faq: [...base.faq, ...extra] } });
    try {
      const wait = publishedFor(h, 'U0ADMIN');
      await openHome(h.baseUrl, 'U0ADMIN');
      const blocks = viewOf(await wait).blocks;
      expect(blocks.length).toBeLessThanOrEqual(SLACK_VIEW_BLOCKS_MAX);
      expect(headers(blocks)).toContain('Curator summary: this week');
      const more = blocks.map(textOf).find((t) => t.startsWith('More topics, by id'));
      expect(more).toBeDefined();
      expect((more ?? '').length).toBeLessThanOrEqual(3_000);
      for (const b of blocks.flatMap((x) => (x['elements'] as Json[] | undefined) ?? []).filter((e) => e['type'] === 'button')) {
        expect(((b['text'] as Json)['text'] as string).length).toBeLessThanOrEqual(75);
      }
    } finally {
      await h.stop();
    }
  });

  it('when users.info fails (no users:read scope yet) the tab is still published, without the summary', async () => {
    const h = await startHome({ prepare: (fake) => fake.failWith('users.info', 'missing_scope') });
    try {
      const wait = publishedFor(h, 'U0ADMIN');
      await openHome(h.baseUrl, 'U0ADMIN');
      const blocks = viewOf(await wait).blocks;
      expect(headers(blocks)[0]).toBe('vmvc: containers vs VMs');
      expect(headers(blocks).some((t) => t.startsWith('Curator summary'))).toBe(false);
    } finally {
      await h.stop();
    }
  });
});

/** A local Socket Mode endpoint on the fake's server: hello on connect, then the envelopes a test sends; resolves with the app's ack. */
class FakeSocketMode {
  readonly wss: WebSocketServer;
  socket?: WebSocket;
  private waiters: { id: string; resolve: (a: Json) => void }[] = [];
  constructor(fake: FakeSlackApi) {
    this.wss = new WebSocketServer({ server: fake.server, path: '/socket' });
    this.wss.on('connection', (ws) => {
      this.socket = ws;
      ws.on('message', (data) => {
        const ack = JSON.parse(String(data)) as Json;
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

describe('Slack App Home over Socket Mode', () => {
  let h: HomeHarness;
  let sm: FakeSocketMode;
  beforeAll(async () => {
    h = await startHome({
      env: { SLACK_APP_TOKEN: 'xapp-1-A0VMVC-1-test' },
      prepare: (fake) => {
        sm = new FakeSocketMode(fake);
        fake.on('apps.connections.open', () => ({ body: { ok: true, url: `ws://127.0.0.1:${fake.port}/socket` } }));
      },
    });
  });
  afterAll(async () => {
    await h.stop();
    await sm.close();
  });

  it('an app_home_opened envelope is acked and the Home tab published; a topic click opens the modal', async () => {
    expect(h.slack.mode).toBe('socket');
    const event = { type: 'app_home_opened', user: 'U0ADMIN', channel: 'D0HOME', tab: 'home', event_ts: '1700000000.9' };
    const payload = { type: 'event_callback', team_id: 'T0TEST', api_app_id: 'A0VMVC', event, event_id: 'Ev-home-sock', event_time: 1 };
    const wait = publishedFor(h, 'U0ADMIN');
    await sm.send({ envelope_id: 'env-home-1', type: 'events_api', accepts_response_payload: false, retry_attempt: 0, retry_reason: '', payload });
    expect(headers(viewOf(await wait).blocks)).toContain('Curator summary: this week');
    await sm.send({ envelope_id: 'env-home-2', type: 'interactive', accepts_response_payload: false, payload: homeClick('vmvc-home:show:why-lighter', 'U0ADMIN', '6.6.6') });
    const open = await h.fake.waitFor('views.open', (c) => c.body['trigger_id'] === '6.6.6');
    expect(headers((open.body['view'] as { blocks: Json[] }).blocks)).toEqual(['Why are containers lighter than VMs?']);
  });
});

/** A block_actions payload for a button in the Home tab (container type `view`, no response_url). */
function homeClick(actionId: string, userId: string, triggerId: string): Json {
  return {
    type: 'block_actions',
    user: { id: userId, username: 'member', name: 'member', team_id: 'T0TEST' },
    api_app_id: 'A0VMVC',
    token: 'deprecated-verification-token',
    container: { type: 'view', view_id: 'V0HOME' },
    trigger_id: triggerId,
    team: { id: 'T0TEST', domain: 'test' },
    enterprise: null,
    is_enterprise_install: false,
    view: { id: 'V0HOME', type: 'home', team_id: 'T0TEST', blocks: [], private_metadata: '', callback_id: '', hash: 'h1', app_id: 'A0VMVC', bot_id: 'BBOT0001' },
    actions: [{ type: 'button', action_id: actionId, block_id: 'b1', text: { type: 'plain_text', text: 'topic', emoji: true }, action_ts: '1700000000.1' }],
  };
}
