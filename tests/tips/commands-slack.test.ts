import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore } from '../fixtures/store/temp-store.js';
import { sendSlashCommand } from '../fixtures/slack/signed-request.js';
import { startTestSlack, type TestSlack } from '../fixtures/slack/start-test-slack.js';

/**
 * `/vmvc tips …` through the real Bolt app over signed HTTP, against the
 * local Slack fake and a real SQLite store, with an injected clock:
 * subscribe (the runner's Slack time zone), change the time, refusals,
 * bad input, the channel check before yes, `tips next` taking today's slot,
 * status, and unsubscribe.
 */
const ADMIN = 'U0TADMIN';
const MEMBER = 'U0TMEMBER';
const NOW = new Date('2026-03-02T06:00:00Z'); // Monday 07:00 in Berlin

describe('Slack: /vmvc tips', () => {
  let t: TestSlack;
  let temp: TempStore;
  let n = 0;

  beforeAll(async () => {
    temp = openTempStore();
    t = await startTestSlack({
      clock: () => NOW,
      tips: { store: temp.store, defaultTimezone: 'UTC' },
      prepare(fake) {
        fake.on('users.info', (c) => ({ body: { ok: true, user: { id: c.body['user'], is_admin: c.body['user'] === ADMIN, tz: 'Europe/Berlin' } } }));
        fake.on('conversations.info', (c) => {
          const channel = String(c.body['channel']);
          if (channel === 'C0HIDDEN') return { body: { ok: false, error: 'channel_not_found' } };
          if (channel === 'C0PRIVATE') return { body: { ok: true, channel: { id: channel, is_private: true, is_member: false, is_archived: false } } };
          if (channel === 'C0OLD') return { body: { ok: true, channel: { id: channel, is_private: false, is_member: true, is_archived: true } } };
          return { body: { ok: true, channel: { id: channel, is_private: false, is_member: true, is_archived: false } } };
        });
      },
    });
  });
  afterAll(async () => {
    await t.stop();
    temp.remove();
  });

  async function tips(text: string, userId: string, channelId: string): Promise<string> {
    const id = `tips-${++n}`;
    const res = await sendSlashCommand(t.baseUrl, { text: `tips ${text}`, user_id: userId, channel_id: channelId, response_url: t.fake.responseUrl(id) });
    expect(res.status).toBe(200);
    const call = await t.fake.waitFor('response_url', (c) => c.path.endsWith(`/${id}`));
    expect(call.body['response_type']).toBe('ephemeral');
    return String(call.body['text']);
  }

  it('status is for everyone; a member who is not an admin is refused and told who can', async () => {
    expect(await tips('status', MEMBER, 'C0TIPSA')).toMatch(/^Daily tips are off in this channel\. `\/vmvc tips here` starts them/);
    const refusal = await tips('here', MEMBER, 'C0TIPSA');
    expect(refusal).toMatch(/^You are not allowed to change daily tips here: only workspace admins and owners can/);
    expect(await temp.store.tipSubscription('slack', 'C0TIPSA')).toBeUndefined();
  });

  it('an admin subscribes with the defaults and their own Slack time zone; the next post is in local time', async () => {
    const reply = await tips('here', ADMIN, 'C0TIPSA');
    expect(reply).toBe(
      'Daily tips are on in this channel: 09:00 on weekdays (Europe/Berlin, your time zone). Next tip: Mon 2 Mar, 09:00 (Europe/Berlin). `/vmvc tips off` stops them.',
    );
    expect(await temp.store.tipSubscription('slack', 'C0TIPSA')).toMatchObject({ schedule: '0 9 * * 1-5', timezone: 'Europe/Berlin' });
    expect(t.fake.callsOf('conversations.info').some((c) => c.body['channel'] === 'C0TIPSA')).toBe(true);
  });

  it('changing the time keeps the zone; a zone and daily can be given in any order', async () => {
    expect(await tips('here 16:30', ADMIN, 'C0TIPSA')).toMatch(/^Daily tips now come in this channel: 16:30 on weekdays \(Europe\/Berlin, unchanged\)\. Next tip: Mon 2 Mar, 16:30/);
    expect(await tips('here daily america/los_angeles 08:15', ADMIN, 'C0TIPSA')).toMatch(/^Daily tips now come in this channel: 08:15 daily \(America\/Los_Angeles, as you asked\)\. Next tip: Mon 2 Mar, 08:15 \(America\/Los_Angeles\)/);
    expect(await temp.store.tipSubscription('slack', 'C0TIPSA')).toMatchObject({ schedule: '15 8 * * *', timezone: 'America/Los_Angeles' });
    expect(await tips('status', MEMBER, 'C0TIPSA')).toMatch(/^Daily tips are on in this channel: 08:15 daily \(America\/Los_Angeles\)\. Next tip: Mon 2 Mar, 08:15 \(America\/Los_Angeles\)\. No tip has been posted here yet\.$/);
  });

  it('bad input gets one clear line that echoes no markup, and changes nothing', async () => {
    expect(await tips('here 25:00', ADMIN, 'C0TIPSA')).toBe('"25:00" is not a time: use HH:MM on a 24-hour clock, e.g. 09:00 or 16:30.');
    expect(await tips('here Mars/Olympus_Mons', ADMIN, 'C0TIPSA')).toBe('I don\'t know the time zone "Mars/Olympus_Mons": use an IANA name such as Europe/Berlin, America/Los_Angeles or UTC.');
    expect(await tips('here weekly-ish', ADMIN, 'C0TIPSA')).toMatch(/^I don't understand "weekly-ish": say weekdays or daily/);
    const mention = await tips('here <!channel>', ADMIN, 'C0TIPSA');
    expect(mention).not.toMatch(/<!|<@/);
    expect(await tips('sometimes', ADMIN, 'C0TIPSA')).toMatch(/^I don't know "sometimes"\. Usage: \/vmvc tips here/);
    expect(await temp.store.tipSubscription('slack', 'C0TIPSA')).toMatchObject({ schedule: '15 8 * * *' });
  });

  it('says exactly what is missing when it cannot post: a private channel it was not invited to, or an archived one', async () => {
    expect(await tips('here', ADMIN, 'C0HIDDEN')).toMatch(/^I cannot see this channel: it is private and I have not been invited\. Please invite me with `\/invite @vmvc`/);
    expect(await tips('here', ADMIN, 'C0PRIVATE')).toMatch(/^I am not a member of this private channel: invite me with `\/invite @vmvc`/);
    expect(await tips('here', ADMIN, 'C0OLD')).toBe('This channel is archived, so I cannot post tips in it.');
    for (const c of ['C0HIDDEN', 'C0PRIVATE', 'C0OLD']) expect(await temp.store.tipSubscription('slack', c)).toBeUndefined();
  });

  it('tips next posts one tip now into today\'s slot; a second time says today\'s tip is out', async () => {
    await tips('here 09:00 Europe/Berlin weekdays', ADMIN, 'C0TIPSB');
    const reply = await tips('next', ADMIN, 'C0TIPSB');
    expect(reply).toMatch(/^Posted tip #\d+ here; it counts as today's tip\. The next comes Tue 3 Mar, 09:00 \(Europe\/Berlin\)\.$/);
    const posts = t.fake.callsOf('chat.postMessage').filter((c) => c.body['channel'] === 'C0TIPSB');
    expect(posts).toHaveLength(1);
    // Today's scheduled slot (09:00 Berlin = 08:00 UTC) is the one taken, so the scheduled post later finds it done.
    expect(await temp.store.tipPost({ platform: 'slack', channelId: 'C0TIPSB', slotKey: '2026-03-02T08:00:00.000Z' })).toMatchObject({ status: 'done' });
    expect(await tips('next', ADMIN, 'C0TIPSB')).toMatch(/^Today's tip is already posted here \(tip #\d+, Mon 2 Mar, 07:00 \(Europe\/Berlin\)\), and a day gets one\./);
    expect(t.fake.callsOf('chat.postMessage').filter((c) => c.body['channel'] === 'C0TIPSB')).toHaveLength(1);
    expect(await tips('status', MEMBER, 'C0TIPSB')).toMatch(/Last tip: #\d+ ".+", posted Mon 2 Mar, 07:00 \(Europe\/Berlin\)\.$/);
  });

  it('tips off unsubscribes; off again says nothing changed', async () => {
    expect(await tips('off', ADMIN, 'C0TIPSA')).toBe('Daily tips are off in this channel. `/vmvc tips here` starts them again.');
    expect(await temp.store.tipSubscription('slack', 'C0TIPSA')).toBeUndefined();
    expect(await tips('off', ADMIN, 'C0TIPSA')).toMatch(/^Daily tips were not on in this channel; nothing changed\./);
  });
});
