import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { decodeAction } from '../../../core/card-actions.js';
import { renderSlackBlocks, SHARE_TARGET_PREFIX, SLACK_USER_ID } from '../../../render/slack-blocks.js';
import type { ListenerDeps } from './listener-deps.js';
import { replyEphemeral } from './reply-ephemeral.js';
import { shareInChannel } from './share-in-channel.js';

/** Every button we render has an action_id from encodeAction, so one pattern routes them all here. */
export const CARD_ACTION_PATTERN = /^vmvc:/;

export type BlockActionArgs = Pick<SlackActionMiddlewareArgs<BlockAction<ButtonAction>>, 'ack' | 'body' | 'action' | 'respond'> &
  Pick<AllMiddlewareArgs, 'client'>;

/** The teammate an ephemeral card was aimed at travels in the button's value ("to:U123"). */
function targetFrom(value: string | undefined): string | undefined {
  if (value === undefined || !value.startsWith(SHARE_TARGET_PREFIX)) return undefined;
  const id = value.slice(SHARE_TARGET_PREFIX.length);
  return SLACK_USER_ID.test(id) ? id : undefined;
}

/** Share, related/suggestion/learn-more, and 👍/👎 clicks on any card. */
export async function handleBlockAction(args: BlockActionArgs, deps: ListenerDeps): Promise<void> {
  await args.ack();
  const { body, action, respond, client } = args;
  const decoded = decodeAction(action.action_id);
  if (!decoded) {
    deps.log.warn({ actionId: action.action_id }, 'ignoring a button this version did not render');
    return;
  }
  const userId = body.user.id;
  const target = targetFrom(action.value);
  const ephemeral = body.container['is_ephemeral'] === true;

  switch (decoded.type) {
    case 'share': {
      const channelId = body.channel?.id ?? (body.container['channel_id'] as string | undefined);
      if (channelId === undefined) {
        await replyEphemeral(respond, 'I can only share into a conversation.', deps.log);
        return;
      }
      await shareInChannel({ action: decoded, channelId, userId, ...(target !== undefined && { target }) }, { client, respond }, deps);
      return;
    }
    case 'vote': {
      await deps.core.vote(decoded.entryId, decoded.vote, { platform: 'slack', userId });
      const reply = ephemeral ? deps.core.show(decoded.entryId) : undefined;
      if (reply) {
        // The asker's own private card: swap the 👍/👎 buttons for a thank-you, keep everything else.
        const message = renderSlackBlocks(reply.card, { shareable: true, voted: decoded.vote, ...(target !== undefined && { target }) });
        await replyEphemeral(respond, message, deps.log, true);
      } else {
        // A visible card belongs to everyone in the channel: thank the voter privately, leave it as it is.
        await replyEphemeral(respond, `Thanks for the feedback ${decoded.vote === 'up' ? '👍' : '👎'}`, deps.log);
      }
      return;
    }
    case 'tipvote': {
      const recorded = await deps.core.voteTip(decoded.tipId, decoded.vote, { platform: 'slack', userId });
      // The tip card is the channel's: thank the voter privately and leave the card as it is.
      await replyEphemeral(respond, recorded ? `Thanks for rating tip #${decoded.tipId} ${decoded.vote === 'up' ? '👍' : '👎'}` : 'That tip is no longer in the knowledge base, so the vote was not kept.', deps.log);
      return;
    }
    case 'show':
    case 'compare': {
      const reply = deps.core.act(decoded, { platform: 'slack', userId });
      if (!reply) {
        await replyEphemeral(respond, 'That topic is no longer in the knowledge base. Try /vmvc topics.', deps.log);
        return;
      }
      await replyEphemeral(respond, renderSlackBlocks(reply.card, { shareable: true, ...(ephemeral && target !== undefined && { target }) }), deps.log);
      return;
    }
  }
}
