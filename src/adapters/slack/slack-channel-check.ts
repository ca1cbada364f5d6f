import type { webApi } from '@slack/bolt';
import { canonicalTimeZone } from '../../core/tips-command.js';
import type { Logger } from '../../log.js';
import { describeSlackError } from './slack-errors.js';

const INVITE = 'invite me with `/invite @vmvc`, then run `/vmvc tips here` again';

/**
 * Why the bot could not post tips in the channel, in one line, or undefined
 * when it can (conversations.info, which needs channels:read and groups:read).
 * A public channel takes posts without a membership (chat:write.public); a
 * private one only from members, and Slack hides it from non-members
 * altogether (channel_not_found).
 */
export async function whyCannotPostHere(client: webApi.WebClient, channelId: string, log: Logger): Promise<string | undefined> {
  try {
    const { channel } = await client.conversations.info({ channel: channelId });
    if (channel?.is_archived === true) return 'This channel is archived, so I cannot post tips in it.';
    if (channel?.is_private === true && channel.is_member !== true) return `I am not a member of this private channel: ${INVITE}.`;
    return undefined;
  } catch (err) {
    const f = describeSlackError(err);
    log.warn({ code: f.code, channel: channelId }, `tips here: could not check the channel (conversations.info): ${f.message}`);
    if (f.code === 'channel_not_found') return `I cannot see this channel: it is private and I have not been invited. Please ${INVITE}.`;
    if (f.code === 'missing_scope') return 'I cannot check this channel: the app lacks the channels:read and groups:read scopes. Ask whoever installed vmvc to reinstall it from slack/manifest.json.';
    return `I could not check whether I can post here (${f.message}). Try again in a moment.`;
  }
}

/** The IANA zone in the person's Slack profile (users.info → user.tz), if Slack gives one. */
export async function slackUserTimezone(client: webApi.WebClient, userId: string, log: Logger): Promise<string | undefined> {
  try {
    const { user } = await client.users.info({ user: userId });
    return typeof user?.tz === 'string' ? canonicalTimeZone(user.tz) : undefined;
  } catch (err) {
    log.warn({ code: describeSlackError(err).code }, 'tips here: could not read the time zone of the person who ran it; using TIP_TIMEZONE');
    return undefined;
  }
}
