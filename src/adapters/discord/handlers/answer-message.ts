import type { MessageContextMenuCommandInteraction } from 'discord.js';
import { answerRefOf } from '../../../core/answer-ref.js';
import { renderDiscordMessage } from '../../../render/discord-embed.js';
import { encodeReplyButton } from '../reply-button-id.js';
import { sendReply } from '../reply.js';
import type { HandlerContext } from './handler-context.js';

/**
 * Discord hands an app the content of the message a message command is used
 * on even without the Message Content intent (the gateway docs list it among
 * the intent's exceptions), so an empty content really is a message without
 * text: only attachments, embeds, stickers or a poll.
 */
export const NO_TEXT_REPLY = 'That message has no text I can read (only attachments, embeds or stickers), so there is nothing for me to answer.';

/**
 * "Answer with vmvc" (right-click a message → Apps): the engine reads the
 * target message's content and the card goes to the clicker only. An answer
 * gets **Reply to message** (reply-to-message.ts); "did you mean" and declines
 * stay private. The message's own text never reaches the card.
 */
export async function handleAnswerMessage(interaction: MessageContextMenuCommandInteraction, ctx: HandlerContext): Promise<void> {
  const target = interaction.targetMessage;
  const content = typeof target.content === 'string' ? target.content : '';
  if (content.trim() === '') {
    await sendReply(interaction, { content: NO_TEXT_REPLY }, { ephemeral: true });
    return;
  }
  const reply = ctx.core.ask(content, { platform: 'discord', userId: interaction.user.id });
  const ref = answerRefOf(reply);
  const authorId = target.author.bot ? undefined : target.author.id;
  const replyCustomId = ref !== undefined ? encodeReplyButton({ messageId: target.id, ref, ...(authorId !== undefined && { authorId }) }) : undefined;
  await sendReply(interaction, renderDiscordMessage(reply.card, { messageAction: replyCustomId !== undefined ? { replyCustomId } : {} }), { ephemeral: true });
}
