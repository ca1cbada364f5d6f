import { PermissionFlagsBits, type ButtonInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { hashUserId } from '../../../core/create-core.js';
import { autoAnswerStatusText, parseAutoAnswerMode } from '../../../core/help-channels.js';
import { decodeNotHelpful } from '../auto-reply.js';
import { OPTIONS } from '../commands.js';
import { sendReply } from '../reply.js';
import type { HandlerContext } from './handler-context.js';

const NOT_ALLOWED = 'You are not allowed to switch auto-answer: only members with the **Manage Channels** permission can. Ask one of them; `/vmvc autoanswer mode:status` shows the setting.';

/** `/vmvc autoanswer [mode]`: status for everyone, on/off for members with Manage Channels (checked on the interaction's member). */
export async function handleAutoAnswerSubcommand(interaction: ChatInputCommandInteraction, ctx: HandlerContext): Promise<void> {
  const say = (content: string) => sendReply(interaction, { content }, { ephemeral: true });
  const help = ctx.help;
  if (!help) {
    await say('Auto-answer is not enabled on this bot: its operator has to set DISCORD_HELP_CHANNELS_ENABLED=true (see the README, Help channels).');
    return;
  }
  if (!interaction.inGuild()) {
    await say('Auto-answer is for server channels: run `/vmvc autoanswer` in the channel you want it in.');
    return;
  }
  const mode = parseAutoAnswerMode(interaction.options.getString(OPTIONS.mode) ?? '') ?? 'status';
  const channelId = interaction.channelId;
  try {
    if (mode === 'status') {
      await say(autoAnswerStatusText(await help.store.isHelpChannel('discord', channelId), help.policy));
      return;
    }
    if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) !== true) {
      await say(NOT_ALLOWED);
      return;
    }
    const on = mode === 'on';
    await help.store.setHelpChannel('discord', channelId, on, hashUserId('discord', interaction.user.id), ctx.now());
    ctx.log.info({ channelId, on }, `auto-answer switched ${on ? 'on' : 'off'}`);
  } catch (err) {
    ctx.log.error({ err, channelId }, 'auto-answer: the store failed');
    await say('Sorry, I could not read or save the auto-answer setting just now. Try again in a moment.');
    return;
  }
  await say(autoAnswerStatusText(mode === 'on', help.policy));
}

/**
 * **Not helpful** on an auto-reply: a 👎 for the topic from whoever clicks;
 * the asker or a member with Manage Channels also removes the reply (the
 * message the button is on: deleteReply after deferUpdate).
 */
export async function handleNotHelpfulButton(interaction: ButtonInteraction, ctx: HandlerContext): Promise<void> {
  const target = decodeNotHelpful(interaction.customId);
  if (!target) {
    await sendReply(interaction, { content: 'That button no longer works.' }, { ephemeral: true });
    return;
  }
  await ctx.core.vote(target.ref, 'down', { platform: 'discord', userId: interaction.user.id });
  const allowed = interaction.user.id === target.asker || interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) === true;
  if (!allowed) {
    await sendReply(interaction, { content: 'Thanks for the feedback 👎. Only the person who asked, or a member with Manage Channels, can remove this answer.' }, { ephemeral: true });
    return;
  }
  await interaction.deferUpdate();
  await interaction.deleteReply();
  await interaction.followUp({ content: 'Removed. Thanks for the feedback 👎: it helps the curators improve that answer.', ephemeral: true, allowedMentions: { parse: [] } });
}
