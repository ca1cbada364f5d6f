import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { hashUserId } from '../../../core/create-core.js';
import { autoAnswerStatusText, parseAutoAnswerMode } from '../../../core/help-channels.js';
import { isSlackAdmin, whoMaySwitch } from '../slack-admins.js';
import type { ListenerDeps } from './listener-deps.js';
import { replyEphemeral } from './reply-ephemeral.js';

/** `/vmvc autoanswer …`; any other text is a question or a command for slash-command.ts. */
const AUTOANSWER = /^\s*autoanswer(?:\s+([\s\S]*))?$/i;

export function isAutoAnswerCommand(text: string | undefined): boolean {
  return AUTOANSWER.test(text ?? '');
}

export type AutoAnswerCommandArgs = Pick<SlackCommandMiddlewareArgs, 'command' | 'ack' | 'respond'> & Pick<AllMiddlewareArgs, 'client'>;

/**
 * `/vmvc autoanswer on|off|status` in a channel. Everyone may ask for the
 * status; switching is for workspace admins and owners and ADMIN_USER_IDS.
 * The ack goes first (users.info may take a moment), the answer follows
 * privately through the response_url.
 */
export async function handleAutoAnswerCommand({ command, ack, respond, client }: AutoAnswerCommandArgs, deps: ListenerDeps): Promise<void> {
  await ack();
  const say = (text: string) => replyEphemeral(respond, text, deps.log);
  const help = deps.help;
  if (!help) {
    await say('Auto-answer is not available on this bot: it runs without its store.');
    return;
  }
  const mode = parseAutoAnswerMode(AUTOANSWER.exec(command.text ?? '')?.[1] ?? '');
  if (mode === undefined) {
    await say('Usage: `/vmvc autoanswer on`, `/vmvc autoanswer off` or `/vmvc autoanswer status`, in the channel it is for.');
    return;
  }
  const channelId = command.channel_id;
  if (channelId.startsWith('D')) {
    await say('Auto-answer is for channels: run `/vmvc autoanswer` in the channel you want it in.');
    return;
  }
  try {
    if (mode === 'status') {
      await say(autoAnswerStatusText(await help.store.isHelpChannel('slack', channelId), help.policy));
      return;
    }
    const userId = command.user_id;
    const adminUserIds = deps.adminUserIds ?? [];
    if (!(await isSlackAdmin(client, userId, adminUserIds, deps.log))) {
      await say(`You are not allowed to switch auto-answer: only ${whoMaySwitch(adminUserIds)} can. Ask one of them; \`/vmvc autoanswer status\` shows the setting.`);
      return;
    }
    const on = mode === 'on';
    await help.store.setHelpChannel('slack', channelId, on, hashUserId('slack', userId), deps.clock());
    deps.log.info({ channel: channelId, on }, `auto-answer switched ${on ? 'on' : 'off'}`);
    const invite = on ? ' I only read channels I am a member of: if I am not in this one yet, `/invite @vmvc`.' : '';
    await say(`${autoAnswerStatusText(on, help.policy)}${invite}`);
  } catch (err) {
    deps.log.error({ err, channel: channelId }, `auto-answer: the store failed: ${err instanceof Error ? err.message : String(err)}`);
    await say('Sorry, I could not read or save the auto-answer setting just now. Try again in a moment.');
  }
}
