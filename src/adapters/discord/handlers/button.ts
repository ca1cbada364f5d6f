import type { ButtonInteraction } from 'discord.js';
import { decodeAction } from '../../../core/card-actions.js';
import type { RequestContext } from '../../../core/create-core.js';
import { sendReply } from '../reply.js';
import type { HandlerContext } from './handler-context.js';
import { sendCard } from './send-card.js';

/**
 * A click on one of our buttons. Related topics and suggestions answer the
 * clicker privately (others in the channel did not ask); votes go to the core.
 */
export async function handleButton(interaction: ButtonInteraction, ctx: HandlerContext): Promise<void> {
  const action = decodeAction(interaction.customId);
  if (!action) {
    ctx.log.debug({ customId: interaction.customId }, 'ignoring a button that is not ours');
    await sendReply(interaction, { content: 'That button no longer does anything; try `/vmvc ask`.' }, { ephemeral: true });
    return;
  }
  const rc: RequestContext = { platform: 'discord', userId: interaction.user.id };
  if (action.type === 'vote') {
    const recorded = await ctx.core.vote(action.entryId, action.vote, rc);
    const text = recorded ? 'Thanks for the feedback!' : 'That topic no longer exists, so the vote was not recorded.';
    await sendReply(interaction, { content: text }, { ephemeral: true });
    return;
  }
  if (action.type === 'tipvote') {
    const recorded = await ctx.core.voteTip(action.tipId, action.vote, rc);
    const text = recorded ? `Thanks for rating tip #${action.tipId} ${action.vote === 'up' ? '👍' : '👎'}` : 'That tip no longer exists, so the vote was not recorded.';
    await sendReply(interaction, { content: text }, { ephemeral: true });
    return;
  }
  const reply = ctx.core.act(action, rc);
  if (!reply) {
    await sendReply(interaction, { content: 'That topic no longer exists; try `/vmvc topics`.' }, { ephemeral: true });
    return;
  }
  // "share" is the one action meant for the channel.
  await sendCard(interaction, reply, ctx, { visible: action.type === 'share' });
}
