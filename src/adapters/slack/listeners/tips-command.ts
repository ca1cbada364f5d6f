import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { hashUserId } from '../../../core/create-core.js';
import { parseTipsCommand } from '../../../core/tips-command.js';
import { channelTipsStatus, postNextTipNow, subscribeChannel, unsubscribeChannel, type ChannelTipsDeps } from '../../../tips/channel-tips.js';
import { isSlackAdmin, whoMaySwitch } from '../slack-admins.js';
import { slackUserTimezone, whyCannotPostHere } from '../slack-channel-check.js';
import type { ListenerDeps } from './listener-deps.js';
import { replyEphemeral } from './reply-ephemeral.js';

/** `/vmvc tips …`; any other text is a question or a command for slash-command.ts. */
const TIPS = /^\s*tips(?:\s+([\s\S]*))?$/i;

export function isTipsCommand(text: string | undefined): boolean {
  return TIPS.test(text ?? '');
}

export type TipsCommandArgs = Pick<SlackCommandMiddlewareArgs, 'command' | 'ack' | 'respond'> & Pick<AllMiddlewareArgs, 'client'>;

/**
 * `/vmvc tips here|off|status|next` in a channel: status for everyone, the
 * rest for workspace admins and owners and ADMIN_USER_IDS (as auto-answer).
 * The ack goes first; the answer follows privately through the response_url.
 */
export async function handleTipsCommand({ command, ack, respond, client }: TipsCommandArgs, deps: ListenerDeps): Promise<void> {
  await ack();
  const say = (text: string) => replyEphemeral(respond, text, deps.log);
  const tips = deps.tips;
  if (!tips) {
    await say('Daily tips are not available on this bot: it runs without its store.');
    return;
  }
  const parsed = parseTipsCommand(TIPS.exec(command.text ?? '')?.[1] ?? '');
  if (!parsed.ok) {
    await say(parsed.problem.replace(/`tips /g, '`/vmvc tips ').replace(/Usage: tips/g, 'Usage: /vmvc tips'));
    return;
  }
  const channelId = command.channel_id;
  if (channelId.startsWith('D')) {
    await say('Daily tips are for channels: run `/vmvc tips here` in the channel that should get them.');
    return;
  }
  const ctx: ChannelTipsDeps = {
    store: tips.store,
    knowledge: deps.core.knowledge,
    poster: tips.poster,
    log: deps.log,
    clock: deps.clock,
    command: (sub) => `\`/vmvc tips ${sub}\``,
  };
  const request = parsed.request;
  try {
    if (request.action === 'status') {
      await say(await channelTipsStatus(ctx, 'slack', channelId));
      return;
    }
    const userId = command.user_id;
    const adminUserIds = deps.adminUserIds ?? [];
    if (!(await isSlackAdmin(client, userId, adminUserIds, deps.log))) {
      await say(`You are not allowed to change daily tips here: only ${whoMaySwitch(adminUserIds)} can. Ask one of them; \`/vmvc tips status\` shows the schedule.`);
      return;
    }
    switch (request.action) {
      case 'here': {
        const problem = await whyCannotPostHere(client, channelId, deps.log);
        if (problem !== undefined) {
          await say(problem);
          return;
        }
        const own = request.timezone === undefined ? await slackUserTimezone(client, userId, deps.log) : undefined;
        const fallback = own !== undefined ? { timezone: own, source: 'yours' as const } : { timezone: tips.defaultTimezone, source: 'default' as const };
        await say(await subscribeChannel(ctx, 'slack', channelId, request, fallback, hashUserId('slack', userId)));
        return;
      }
      case 'off':
        await say(await unsubscribeChannel(ctx, 'slack', channelId));
        return;
      case 'next':
        await say(await postNextTipNow(ctx, 'slack', channelId));
        return;
    }
  } catch (err) {
    deps.log.error({ err, channel: channelId }, `tips: the store failed: ${err instanceof Error ? err.message : String(err)}`);
    await say('Sorry, I could not read or save the tips setting just now. Try again in a moment.');
  }
}
