import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAction } from '../../../src/core/card-actions.js';
import { blockActionsPayload, sendInteraction, sendSlashCommand } from '../../fixtures/slack/signed-request.js';
import { startTestSlack, type TestSlack } from '../../fixtures/slack/start-test-slack.js';

type Json = Record<string, unknown>;

function headerOf(body: Json): string {
  const block = ((body['blocks'] as Json[] | undefined) ?? []).find((b) => b['type'] === 'header');
  return ((block?.['text'] as Json | undefined)?.['text'] as string | undefined) ?? '';
}

function liveTokens(value: unknown): string[] {
  return (JSON.stringify(value).match(/<[@!#][^>]*>/g) ?? []).map((s) => s);
}

describe('block_actions: Share in channel, related answers, feedback', () => {
  let t: TestSlack;
  beforeAll(async () => {
    t = await startTestSlack();
  });
  afterAll(async () => {
    await t.stop();
  });

  it('the buttons in a slash command answer round-trip: their action ids are what the listener decodes', async () => {
    const body = (await (await sendSlashCommand(t.baseUrl, { text: 'why-lighter <@U0ALICE>' })).json()) as Json;
    const share = (body['blocks'] as Json[]).flatMap((b) => (b['elements'] as Json[] | undefined) ?? []).find((e) => e['type'] === 'button');
    expect(decodeAction(share?.['action_id'] as string)).toEqual({ type: 'share', entryId: 'why-lighter' });
    expect(share?.['value']).toBe('to:U0ALICE');
  });

  it('Share posts the card visibly with chat.postMessage, attributed, mentioning only the targeted teammate', async () => {
    const responseUrl = t.fake.responseUrl('share-1');
    const res = await sendInteraction(
      t.baseUrl,
      blockActionsPayload({ actionId: 'vmvc:share:why-lighter', value: 'to:U0ALICE', channelId: 'C0SHARE', responseUrl }),
    );
    expect(res.status).toBe(200);
    const post = await t.fake.waitFor('chat.postMessage', (c) => c.body['channel'] === 'C0SHARE');
    expect(headerOf(post.body)).toBe('Why are containers lighter than VMs?');
    expect(new Set(liveTokens(post.body['blocks']))).toEqual(new Set(['<@U0ALICE>', '<@U0ASKER>']));
    expect(JSON.stringify(post.body['blocks'])).toContain('Shared by <@U0ASKER>');
    expect(JSON.stringify(post.body['blocks'])).not.toContain('vmvc:share:');
    expect(post.body['text']).toMatch(/^<@U0ALICE> /);
    expect(post.body['unfurl_links']).toBe('false');
    // the private preview is removed once the visible post is out
    const cleanup = await t.fake.waitFor('response_url', (c) => c.path.endsWith('share-1'));
    expect(cleanup.body['delete_original']).toBe(true);
  });

  it('a second Share of the same answer in the same channel is not posted again: the clicker sees it privately with a pointer', async () => {
    const responseUrl = t.fake.responseUrl('share-2');
    await sendInteraction(t.baseUrl, blockActionsPayload({ actionId: 'vmvc:share:why-lighter', userId: 'U0BOB', channelId: 'C0SHARE', responseUrl }));
    const reply = await t.fake.waitFor('response_url', (c) => c.path.endsWith('share-2'));
    expect(reply.body['response_type']).toBe('ephemeral');
    expect(JSON.stringify(reply.body['blocks'])).toMatch(/Posted here \d+ seconds? ago/);
    expect(t.fake.callsOf('chat.postMessage').filter((c) => c.body['channel'] === 'C0SHARE')).toHaveLength(1);
  });

  it('Share where the bot is not a member falls back to the command\'s response_url, visibly', async () => {
    t.fake.on('chat.postMessage', (c) => (c.body['channel'] === 'G0PRIVATE' ? { body: { ok: false, error: 'not_in_channel' } } : undefined));
    const responseUrl = t.fake.responseUrl('share-3');
    await sendInteraction(t.baseUrl, blockActionsPayload({ actionId: 'vmvc:share:startup-time', channelId: 'G0PRIVATE', responseUrl }));
    const visible = await t.fake.waitFor('response_url', (c) => c.path.endsWith('share-3') && c.body['response_type'] === 'in_channel');
    expect(headerOf(visible.body)).toContain('Startup time');
    expect(JSON.stringify(visible.body['blocks'])).toContain('Shared by <@U0ASKER>');
    expect(t.logs.some((l) => /chat\.postMessage failed: Slack answered not_in_channel/.test(l.msg))).toBe(true);
  });

  it('a Slack refusal that response_url cannot fix is explained privately, not crashed on', async () => {
    t.fake.on('chat.postMessage', (c) => (c.body['channel'] === 'C0LOCKED' ? { body: { ok: false, error: 'restricted_action' } } : undefined));
    const responseUrl = t.fake.responseUrl('share-4');
    await sendInteraction(t.baseUrl, blockActionsPayload({ actionId: 'vmvc:share:image-size', channelId: 'C0LOCKED', responseUrl }));
    const reply = await t.fake.waitFor('response_url', (c) => c.path.endsWith('share-4'));
    expect(reply.body['response_type']).toBe('ephemeral');
    expect(reply.body['text']).toContain('restricted_action');
  });

  it('a related button answers privately with that entry, keeping the original card', async () => {
    const responseUrl = t.fake.responseUrl('related-1');
    await sendInteraction(t.baseUrl, blockActionsPayload({ actionId: 'vmvc:show:startup-time', value: 'to:U0ALICE', responseUrl }));
    const reply = await t.fake.waitFor('response_url', (c) => c.path.endsWith('related-1'));
    expect(reply.body['response_type']).toBe('ephemeral');
    expect(reply.body['replace_original']).toBe(false);
    expect(headerOf(reply.body)).toContain('Startup time');
    // the aim survives: Share on the new card still targets Alice
    const share = (reply.body['blocks'] as Json[]).flatMap((b) => (b['elements'] as Json[] | undefined) ?? []).find((e) => String(e['action_id']).startsWith('vmvc:share:'));
    expect(share?.['value']).toBe('to:U0ALICE');
  });

  it('👍 on the asker\'s private card is recorded through the core and the card says thanks', async () => {
    const before = t.recorder.votes.length;
    const responseUrl = t.fake.responseUrl('vote-1');
    await sendInteraction(t.baseUrl, blockActionsPayload({ actionId: 'vmvc:vote:why-lighter:up', userId: 'U0VOTER', responseUrl }));
    const reply = await t.fake.waitFor('response_url', (c) => c.path.endsWith('vote-1'));
    expect(reply.body['replace_original']).toBe(true);
    expect(JSON.stringify(reply.body['blocks'])).toContain('Thanks for the feedback 👍');
    expect(JSON.stringify(reply.body['blocks'])).not.toContain('vmvc:vote:');
    expect(t.recorder.votes.length).toBe(before + 1);
    const vote = t.recorder.votes.at(-1);
    expect(vote).toMatchObject({ platform: 'slack', entryId: 'why-lighter', vote: 'up' });
    expect(vote?.userHash).not.toContain('U0VOTER');
  });

  it('👎 on a visible card thanks the voter privately and leaves the channel\'s message alone', async () => {
    const responseUrl = t.fake.responseUrl('vote-2');
    await sendInteraction(t.baseUrl, blockActionsPayload({ actionId: 'vmvc:vote:startup-time:down', userId: 'U0OTHER', ephemeral: false, responseUrl }));
    const reply = await t.fake.waitFor('response_url', (c) => c.path.endsWith('vote-2'));
    expect(reply.body).toMatchObject({ response_type: 'ephemeral', replace_original: false, text: 'Thanks for the feedback 👎' });
    expect(t.recorder.votes.some((v) => v.entryId === 'startup-time' && v.vote === 'down')).toBe(true);
  });

  it('a button id we never rendered is acknowledged and ignored', async () => {
    const before = t.fake.calls.length;
    const res = await sendInteraction(t.baseUrl, blockActionsPayload({ actionId: 'vmvc:share:../../etc', responseUrl: t.fake.responseUrl('bogus') }));
    expect(res.status).toBe(200);
    // A later click that IS handled: once its reply has arrived, the bogus one had its turn first.
    await sendInteraction(t.baseUrl, blockActionsPayload({ actionId: 'vmvc:vote:why-lighter:up', userId: 'U0MARK', responseUrl: t.fake.responseUrl('bogus-mark') }));
    const marker = await t.fake.waitFor('response_url', (c) => c.path.endsWith('bogus-mark'));
    expect(t.fake.calls.slice(before)).toEqual([marker]);
  });
});
