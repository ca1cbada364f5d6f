import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLACK_DISMISS_ACTION, SLACK_REPLY_IN_THREAD_ACTION } from '../../../src/render/slack-blocks.js';
import { decodeThreadReply } from '../../../src/adapters/slack/thread-reply-value.js';
import type { RecordedCall } from '../../fixtures/slack/fake-slack-api.js';
import { blockActionsPayload, messageShortcutPayload, sendInteraction } from '../../fixtures/slack/signed-request.js';
import { startTestSlack, type TestSlack } from '../../fixtures/slack/start-test-slack.js';

/**
 * "Answer with vmvc" (a message shortcut) through the real Bolt app over
 * signed HTTP, against the local Slack fake: the private answer, Reply in
 * thread (once, attributed, with nothing from the message live), Dismiss.
 */
type Json = Record<string, unknown>;

function headerOf(body: Json): string {
  const block = ((body['blocks'] as Json[] | undefined) ?? []).find((b) => b['type'] === 'header');
  return ((block?.['text'] as Json | undefined)?.['text'] as string | undefined) ?? '';
}

function buttonsOf(body: Json): Json[] {
  return ((body['blocks'] as Json[] | undefined) ?? []).flatMap((b) => (b['type'] === 'actions' ? ((b['elements'] as Json[] | undefined) ?? []) : []));
}

/** Everything Slack would turn into a mention or a broadcast: `<@U…>`, `<!channel>`, `<!here>`, `<#C…>`. */
function liveTokens(value: unknown): string[] {
  return JSON.stringify(value).match(/<[@!#][^>]*>/g) ?? [];
}

const INJECTED = '<!channel> <!here> @everyone why are containers lighter than VMs? <@U0EVIL> <#C0SECRET>';

describe('Slack message shortcut: Answer with vmvc', () => {
  let t: TestSlack;
  beforeAll(async () => {
    t = await startTestSlack();
  });
  afterAll(async () => {
    await t.stop();
  });

  const shortcut = (fields: Parameters<typeof messageShortcutPayload>[0]) => sendInteraction(t.baseUrl, messageShortcutPayload(fields));
  const ephemeralIn = (channel: string) => t.fake.waitFor('chat.postEphemeral', (c) => c.body['channel'] === channel);
  const replyValue = (call: RecordedCall) => buttonsOf(call.body).find((b) => b['action_id'] === SLACK_REPLY_IN_THREAD_ACTION)?.['value'] as string | undefined;

  it('answers the message privately to the clicker, with Reply in thread and Dismiss, and nothing from the message live', async () => {
    const res = await shortcut({ text: INJECTED, author: 'U0ASKER', ts: '1700000100.000100', channelId: 'C0MSG1', responseUrl: t.fake.responseUrl('sc-1') });
    expect(res.status).toBe(200);
    const post = await ephemeralIn('C0MSG1');
    expect(post.body['user']).toBe('U0CLICKER');
    expect(post.body['thread_ts']).toBeUndefined(); // a top-level message is answered where it was clicked
    expect(headerOf(post.body)).toBe('Why are containers lighter than VMs?');
    expect(buttonsOf(post.body).map((b) => b['action_id'])).toContain(SLACK_DISMISS_ACTION);
    const ids = buttonsOf(post.body).map((b) => String(b['action_id']));
    expect(ids[0]).toBe(SLACK_REPLY_IN_THREAD_ACTION);
    expect(ids.some((id) => id.startsWith('vmvc:share:') || id.startsWith('vmvc:vote:'))).toBe(false);
    expect(liveTokens(post.body)).toEqual([]);
    expect(JSON.stringify(post.body)).not.toMatch(/U0EVIL|C0SECRET|@everyone/);
    expect(decodeThreadReply(replyValue(post))).toEqual({ ref: 'why-lighter', threadTs: '1700000100.000100', asker: 'U0ASKER' });
  });

  it('Reply in thread posts the card once in the message\'s thread, attributed to the asker and the clicker, then removes the private answer', async () => {
    await shortcut({ text: INJECTED, author: 'U0ASKER', ts: '1700000300.000100', channelId: 'C0MSG2', responseUrl: t.fake.responseUrl('sc-2') });
    const value = replyValue(await ephemeralIn('C0MSG2'));
    expect(value).toBeDefined();
    await sendInteraction(
      t.baseUrl,
      blockActionsPayload({ actionId: SLACK_REPLY_IN_THREAD_ACTION, value, userId: 'U0CLICKER', channelId: 'C0MSG2', responseUrl: t.fake.responseUrl('reply-1') }),
    );
    const posted = await t.fake.waitFor('chat.postMessage', (c) => c.body['channel'] === 'C0MSG2');
    expect(posted.body['thread_ts']).toBe('1700000300.000100');
    expect(headerOf(posted.body)).toBe('Why are containers lighter than VMs?');
    expect(JSON.stringify(posted.body['blocks'])).toContain('For <@U0ASKER>, shared by <@U0CLICKER>');
    // Only the two people are mentioned; the message's <!channel>, <@U0EVIL> and <#C0SECRET> never come out.
    expect(new Set(liveTokens(posted.body))).toEqual(new Set(['<@U0ASKER>', '<@U0CLICKER>']));
    expect(posted.body['link_names']).toBe('false');
    // The visible reply carries feedback, as any visible answer does.
    expect(buttonsOf(posted.body).some((b) => String(b['action_id']).startsWith('vmvc:vote:'))).toBe(true);
    const cleanup = await t.fake.waitFor('response_url', (c) => c.path.endsWith('/reply-1'));
    expect(cleanup.body['delete_original']).toBe(true);

    // A second click (a double click, or the answer asked for again) is not posted twice in that thread.
    await sendInteraction(
      t.baseUrl,
      blockActionsPayload({ actionId: SLACK_REPLY_IN_THREAD_ACTION, value, userId: 'U0OTHER', channelId: 'C0MSG2', responseUrl: t.fake.responseUrl('reply-2') }),
    );
    const again = await t.fake.waitFor('response_url', (c) => c.path.endsWith('/reply-2'));
    expect(again.body).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(JSON.stringify(again.body['blocks'])).toMatch(/Posted here \d+ seconds? ago/);
    expect(t.fake.callsOf('chat.postMessage').filter((c) => c.body['channel'] === 'C0MSG2')).toHaveLength(1);
  });

  it('a thread reply is answered inside its thread, and Reply in thread answers in that same thread', async () => {
    await shortcut({
      text: 'docker vs vm on startup time',
      author: 'U0ASKER',
      ts: '1700000500.000900',
      threadTs: '1700000400.000100',
      channelId: 'C0MSG3',
      responseUrl: t.fake.responseUrl('sc-3'),
    });
    const post = await ephemeralIn('C0MSG3');
    expect(post.body['thread_ts']).toBe('1700000400.000100');
    expect(headerOf(post.body)).toBe('VM vs container: Startup time');
    expect(decodeThreadReply(replyValue(post))).toEqual({ ref: 'compare:startup-time', threadTs: '1700000400.000100', asker: 'U0ASKER' });
  });

  it('a message the engine declines gets the honest card, to the clicker only, without Reply in thread', async () => {
    await shortcut({ text: 'anyone up for lunch at noon? <!here>', author: 'U0ASKER', channelId: 'C0MSG4', responseUrl: t.fake.responseUrl('sc-4') });
    const post = await ephemeralIn('C0MSG4');
    expect(post.body['user']).toBe('U0CLICKER');
    expect(headerOf(post.body)).toBe('Not something I can answer');
    const ids = buttonsOf(post.body).map((b) => b['action_id']);
    expect(ids).not.toContain(SLACK_REPLY_IN_THREAD_ACTION);
    expect(ids).toContain(SLACK_DISMISS_ACTION);
    expect(liveTokens(post.body)).toEqual([]);
  });

  it('a message with no text (only files) says so, privately', async () => {
    await shortcut({ text: '', author: 'U0ASKER', channelId: 'C0MSG5', responseUrl: t.fake.responseUrl('sc-5') });
    const post = await ephemeralIn('C0MSG5');
    expect(post.body['text']).toMatch(/no text I can read/);
    expect(buttonsOf(post.body).map((b) => b['action_id'])).toEqual([SLACK_DISMISS_ACTION]);
  });

  it('Dismiss deletes the private answer through the click\'s response_url', async () => {
    const res = await sendInteraction(t.baseUrl, blockActionsPayload({ actionId: SLACK_DISMISS_ACTION, userId: 'U0CLICKER', responseUrl: t.fake.responseUrl('dismiss-1') }));
    expect(res.status).toBe(200);
    const call = await t.fake.waitFor('response_url', (c) => c.path.endsWith('/dismiss-1'));
    expect(call.body).toEqual({ delete_original: true });
  });

  it('where the bot is not a member, the private answer comes through the shortcut\'s response_url instead', async () => {
    t.fake.on('chat.postEphemeral', (c) => (c.body['channel'] === 'G0PRIVATE' ? { body: { ok: false, error: 'channel_not_found' } } : undefined));
    await shortcut({ text: 'why are containers lighter than VMs?', author: 'U0ASKER', channelId: 'G0PRIVATE', responseUrl: t.fake.responseUrl('sc-6') });
    const reply = await t.fake.waitFor('response_url', (c) => c.path.endsWith('/sc-6'));
    expect(reply.body['response_type']).toBe('ephemeral');
    expect(headerOf(reply.body)).toBe('Why are containers lighter than VMs?');
    expect(buttonsOf(reply.body).map((b) => b['action_id'])).toContain(SLACK_REPLY_IN_THREAD_ACTION);
  });

  it('Reply in thread that met a 5xx is not sent again: the clicker is told it may or may not have been posted', async () => {
    t.fake.on('chat.postMessage', (c) => (c.body['channel'] === 'C0FLAKY' ? { status: 500, body: { ok: false, error: 'internal_error' } } : undefined));
    await shortcut({ text: 'why are containers lighter than VMs?', author: 'U0ASKER', ts: '1700000600.000100', channelId: 'C0FLAKY', responseUrl: t.fake.responseUrl('sc-7') });
    const value = replyValue(await ephemeralIn('C0FLAKY'));
    await sendInteraction(
      t.baseUrl,
      blockActionsPayload({ actionId: SLACK_REPLY_IN_THREAD_ACTION, value, userId: 'U0CLICKER', channelId: 'C0FLAKY', responseUrl: t.fake.responseUrl('reply-3') }),
    );
    const told = await t.fake.waitFor('response_url', (c) => c.path.endsWith('/reply-3'));
    expect(told.body['text']).toMatch(/may or may not have been posted/);
    // The preview (and its button) is replaced, so no second click can double a reply that may exist.
    expect(told.body['replace_original']).toBe(true);
    expect(t.fake.callsOf('chat.postMessage').filter((c) => c.body['channel'] === 'C0FLAKY')).toHaveLength(1);
  });
});
