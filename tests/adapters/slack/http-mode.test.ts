import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAction } from '../../../src/core/card-actions.js';
import { postSigned, sendSlashCommand, slackSignature, TEST_SIGNING_SECRET } from '../../fixtures/slack/signed-request.js';
import { startTestSlack, type TestSlack } from '../../fixtures/slack/start-test-slack.js';

type Json = Record<string, unknown>;

/** Every string anywhere in a payload. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  return out;
}

function buttons(payload: Json): Json[] {
  return (payload['blocks'] as Json[]).filter((b) => b['type'] === 'actions').flatMap((b) => b['elements'] as Json[]);
}

function header(payload: Json): string {
  const block = (payload['blocks'] as Json[]).find((b) => b['type'] === 'header');
  return ((block?.['text'] as Json | undefined)?.['text'] as string | undefined) ?? '';
}

describe('Slack adapter over real HTTP (Bolt HTTP mode, signed requests)', () => {
  let t: TestSlack;
  beforeAll(async () => {
    t = await startTestSlack();
  });
  afterAll(async () => {
    await t.stop();
  });

  it('starts with one auth.test against SLACK_API_URL and listens on loopback', () => {
    expect(t.slack.mode).toBe('http');
    expect(t.slack.botUserId).toBe('UBOT0001');
    expect(t.fake.callsOf('auth.test')).toHaveLength(1);
    expect(t.fake.callsOf('auth.test')[0]?.headers['authorization']).toBe('Bearer xoxb-test-0000-token');
    expect(t.slack.address?.host).toBe('127.0.0.1');
  });

  it('answers the url_verification challenge', async () => {
    const res = await postSigned(`${t.baseUrl}/slack/events`, JSON.stringify({ type: 'url_verification', token: 'x', challenge: 'ch4ll3nge' }), 'application/json');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('ch4ll3nge');
  });

  it('/vmvc why-lighter: the answer card is in the ack itself, ephemeral, with Share, related and feedback', async () => {
    const before = t.fake.calls.length;
    const res = await sendSlashCommand(t.baseUrl, { text: 'why-lighter' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Json;
    // The card is the ack's own body: nothing is deferred to a later respond() (ack latency is in npm run bench).
    expect(body['response_type']).toBe('ephemeral');
    expect(body['text']).toContain('Why are containers lighter');
    expect(header(body)).toBe('Why are containers lighter than VMs?');
    const actions = buttons(body).map((b) => decodeAction(b['action_id'] as string));
    expect(actions[0]).toEqual({ type: 'share', entryId: 'why-lighter' });
    expect(actions).toContainEqual({ type: 'vote', entryId: 'why-lighter', vote: 'up' });
    expect(actions.filter((a) => a?.type === 'show').length).toBeGreaterThan(0);
    expect(t.fake.calls.length).toBe(before); // no Web API call needed to answer
  });

  it('/vmvc with no text shows help; compare, tip and topics give their cards', async () => {
    const help = (await (await sendSlashCommand(t.baseUrl, { text: '' })).json()) as Json;
    expect(header(help)).toContain('vmvc');
    expect(JSON.stringify(help['blocks'])).toContain('/vmvc compare');

    const compare = (await (await sendSlashCommand(t.baseUrl, { text: 'compare startup-time' })).json()) as Json;
    const rows = (compare['blocks'] as Json[]).filter((b) => Array.isArray(b['fields']));
    expect(rows).toHaveLength(1);
    expect(strings(rows[0]?.['fields']).join(' ')).toMatch(/\*VM\*[\s\S]*\*Container\*/);

    const tip = (await (await sendSlashCommand(t.baseUrl, { text: 'tip' })).json()) as Json;
    expect(header(tip)).toContain('tip');
    expect(buttons(tip).some((b) => ((b['text'] as Json)['text'] as string).startsWith('Tell me more'))).toBe(true);

    const topics = (await (await sendSlashCommand(t.baseUrl, { text: 'topics' })).json()) as Json;
    expect(JSON.stringify(topics['blocks'])).toContain('why-lighter');
  });

  it('a question in plain words is matched by the core', async () => {
    const body = (await (await sendSlashCommand(t.baseUrl, { text: 'how fast does a container start compared to a vm?' })).json()) as Json;
    expect(body['response_type']).toBe('ephemeral');
    expect(header(body).length).toBeGreaterThan(0);
  });

  it('/vmvc why-lighter @alice aims the card: the Share button carries the teammate', async () => {
    const body = (await (await sendSlashCommand(t.baseUrl, { text: 'why-lighter <@U0ALICE|alice>' })).json()) as Json;
    expect(header(body)).toBe('Why are containers lighter than VMs?');
    const share = buttons(body).find((b) => (b['action_id'] as string).startsWith('vmvc:share:'));
    expect(share?.['value']).toBe('to:U0ALICE');
    expect(JSON.stringify(body['blocks'])).toContain('For <@U0ALICE>');
  });

  it('mention injection in the command text never comes back live', async () => {
    const body = (await (await sendSlashCommand(t.baseUrl, { text: '<!channel> <!here> <!everyone> @everyone @here why are containers lighter' })).json()) as Json;
    const all = strings(body).join('\n');
    expect(all).not.toMatch(/<!(channel|here|everyone)/);
    expect(all).not.toMatch(/@(everyone|here|channel)\b/);
    expect(all).not.toMatch(/<@/);
  });

  it('a signed body that is not an object (payload=null, JSON null) gets 400, and the app keeps answering', async () => {
    // A deadline, not a timing claim: without the guard Bolt never answers these at all.
    const signal = AbortSignal.timeout(5_000);
    const form = 'application/x-www-form-urlencoded';
    for (const [body, type] of [['payload=null', form], ['payload=42', form], ['null', 'application/json'], ['"x"', 'application/json']] as const) {
      const res = await postSigned(`${t.baseUrl}/slack/events`, body, type, { signal });
      expect(res.status, body).toBe(400);
    }
    expect(t.logs.some((l) => /not a JSON object/.test(l.msg))).toBe(true);
    // Unsigned, it is refused as any unsigned request is: the signature is checked first.
    expect((await postSigned(`${t.baseUrl}/slack/events`, 'payload=null', form, { signal, signature: 'v0=deadbeef' })).status).toBe(401);
    expect((await sendSlashCommand(t.baseUrl, { text: 'why-lighter' })).status).toBe(200);
  });

  it('rejects a request with a wrong signature, and one older than five minutes', async () => {
    const before = t.recorder.asks.length;
    const bad = await sendSlashCommand(t.baseUrl, { text: 'why-lighter' }, { signature: 'v0=deadbeef' });
    expect(bad.status).toBe(401);
    const otherSecret = await sendSlashCommand(t.baseUrl, { text: 'why-lighter' }, { secret: 'ffffffffffffffffffffffffffffffff' });
    expect(otherSecret.status).toBe(401);
    const old = Math.floor(Date.now() / 1000) - 6 * 60;
    const stale = await sendSlashCommand(t.baseUrl, { text: 'why-lighter' }, { timestamp: old });
    expect(stale.status).toBe(401);
    expect(t.recorder.asks.length).toBe(before); // the core never saw them
    // sanity: the same body correctly signed now is accepted
    expect(slackSignature(TEST_SIGNING_SECRET, 1, 'x')).toMatch(/^v0=[0-9a-f]{64}$/);
    expect((await sendSlashCommand(t.baseUrl, { text: 'why-lighter' })).status).toBe(200);
  });
});
