import { MessageFlags, PermissionFlagsBits, type ChatInputCommandInteraction } from 'discord.js';
import { hashUserId } from '../../../core/create-core.js';
import { parseTipsCommand } from '../../../core/tips-command.js';
import { channelTipsStatus, postNextTipNow, subscribeChannel, unsubscribeChannel, type ChannelTipsDeps } from '../../../tips/channel-tips.js';
import { OPTIONS } from '../commands.js';
import { sendReply } from '../reply.js';
import type { HandlerContext } from './handler-context.js';

const NOT_ALLOWED = 'You are not allowed to change daily tips here: only members with the **Manage Channels** permission can. Ask one of them; `/vmvc tips status` shows the schedule.';

/** What a tip post needs in the channel: the card is an embed (Embed Links), posted as an ordinary message. */
const TIP_POST_PERMISSIONS = [
  { name: 'View Channel', flag: PermissionFlagsBits.ViewChannel },
  { name: 'Send Messages', flag: PermissionFlagsBits.SendMessages },
  { name: 'Embed Links', flag: PermissionFlagsBits.EmbedLinks },
] as const;

/**
 * The bot's own permissions in this channel, from the interaction payload
 * (app_permissions), so no extra API call: the names of those it lacks.
 */
export function missingTipPermissions(interaction: Pick<ChatInputCommandInteraction, 'appPermissions'>): string[] {
  return TIP_POST_PERMISSIONS.filter((p) => !interaction.appPermissions.has(p.flag)).map((p) => p.name);
}

/** `/vmvc tips here|off|status|next`: status for everyone, the rest for members with Manage Channels. */
export async function handleTipsSubcommand(interaction: ChatInputCommandInteraction, ctx: HandlerContext): Promise<void> {
  const say = (content: string) => sendReply(interaction, { content }, { ephemeral: true });
  const tips = ctx.tips;
  if (!tips) {
    await say('Daily tips are not available on this bot: it runs without its store.');
    return;
  }
  if (!interaction.inGuild()) {
    await say('Daily tips are for server channels: run `/vmvc tips here` in the channel that should get them.');
    return;
  }
  const sub = interaction.options.getSubcommand(false) ?? 'status';
  // The options go through the same parser as Slack's text, so both platforms accept and refuse alike.
  const words = sub === 'here' ? [OPTIONS.time, OPTIONS.timezone, OPTIONS.days].map((o) => interaction.options.getString(o)?.trim() ?? '').filter((w) => w !== '') : [];
  const parsed = parseTipsCommand([sub, ...words].join(' '));
  if (!parsed.ok) {
    await say(parsed.problem.replace(/`tips /g, '`/vmvc tips '));
    return;
  }
  const channelId = interaction.channelId;
  const deps: ChannelTipsDeps = { store: tips.store, knowledge: ctx.core.knowledge, poster: tips.poster, log: ctx.log, clock: ctx.now, command: (s) => `\`/vmvc tips ${s}\`` };
  const request = parsed.request;
  try {
    if (request.action === 'status') {
      await say(await channelTipsStatus(deps, 'discord', channelId));
      return;
    }
    if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) !== true) {
      await say(NOT_ALLOWED);
      return;
    }
    switch (request.action) {
      case 'here': {
        const missing = missingTipPermissions(interaction);
        if (missing.length > 0) {
          await say(`I cannot post tips in this channel: I am missing **${missing.join('**, **')}** here. Give my role ${missing.length === 1 ? 'that permission' : 'those permissions'} in the channel's settings, then run \`/vmvc tips here\` again.`);
          return;
        }
        // Discord does not tell bots a member's time zone: without the option, TIP_TIMEZONE.
        const text = await subscribeChannel(deps, 'discord', channelId, request, { timezone: tips.defaultTimezone, source: 'default' }, hashUserId('discord', interaction.user.id));
        await say(text);
        return;
      }
      case 'off':
        await say(await unsubscribeChannel(deps, 'discord', channelId));
        return;
      case 'next': {
        // The post may wait on a rate limit: acknowledge within Discord's 3 seconds, answer when it is done.
        await interaction.deferReply({ flags: MessageFlags.Ephemeral });
        const text = await postNextTipNow(deps, 'discord', channelId);
        await interaction.editReply({ content: text, allowedMentions: { parse: [] } });
        return;
      }
    }
  } catch (err) {
    ctx.log.error({ err, channelId }, 'tips: the store failed');
    const sorry = 'Sorry, I could not read or save the tips setting just now. Try again in a moment.';
    if (interaction.deferred) await interaction.editReply({ content: sorry, allowedMentions: { parse: [] } });
    else await say(sorry);
  }
}
