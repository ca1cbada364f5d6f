import type { Interaction } from 'discord.js';
import { ANSWER_MESSAGE_COMMAND } from '../commands.js';
import { describeDiscordError, errorLogFields } from '../discord-errors.js';
import { isNotHelpfulButton } from '../auto-reply.js';
import { isReplyButton } from '../reply-button-id.js';
import { handleAnswerMessage } from './answer-message.js';
import { handleAutocomplete } from './autocomplete.js';
import { handleNotHelpfulButton } from './autoanswer.js';
import { handleButton } from './button.js';
import { handleChatInput } from './chat-input.js';
import type { HandlerContext } from './handler-context.js';
import { handleReplyToMessage } from './reply-to-message.js';
import { answerUnhandled } from './unhandled.js';

/**
 * Sends each interaction to its handler and swallows every failure after
 * logging it: an exception escaping an async interactionCreate listener would
 * be re-emitted as the client's `error` event and could take the process down.
 */
export async function routeInteraction(interaction: Interaction, ctx: HandlerContext): Promise<void> {
  const started = performance.now();
  const kind = interaction.isChatInputCommand()
    ? 'command'
    : interaction.isMessageContextMenuCommand()
      ? 'message-command'
      : interaction.isAutocomplete()
        ? 'autocomplete'
        : interaction.isButton()
          ? 'button'
          : 'other';
  try {
    if (interaction.isChatInputCommand()) await handleChatInput(interaction, ctx);
    else if (interaction.isAutocomplete()) await handleAutocomplete(interaction, ctx);
    else if (interaction.isMessageContextMenuCommand() && interaction.commandName === ANSWER_MESSAGE_COMMAND) await handleAnswerMessage(interaction, ctx);
    else if (interaction.isButton() && isReplyButton(interaction.customId)) await handleReplyToMessage(interaction, ctx);
    else if (interaction.isButton() && isNotHelpfulButton(interaction.customId)) await handleNotHelpfulButton(interaction, ctx);
    else if (interaction.isButton()) await handleButton(interaction, ctx);
    // Other context menus (we register only "Answer with vmvc"), modals and select menus come from stale registrations or other apps' leftovers.
    else if (interaction.isContextMenuCommand()) await answerUnhandled(interaction, ctx, 'context-menu', { commandName: interaction.commandName });
    else if (interaction.isModalSubmit()) await answerUnhandled(interaction, ctx, 'modal', { customId: interaction.customId });
    else if (interaction.isMessageComponent()) await answerUnhandled(interaction, ctx, 'component', { customId: interaction.customId });
    else if (interaction.isRepliable()) await answerUnhandled(interaction, ctx, 'other');
    else return;
    ctx.log.debug({ kind, interactionId: interaction.id, ms: Math.round(performance.now() - started) }, 'interaction answered');
  } catch (err) {
    const failure = describeDiscordError(err);
    ctx.log[failure.level](
      { kind, interactionId: interaction.id, channelId: interaction.channelId, code: failure.code, ...errorLogFields(err) },
      `could not answer a Discord ${kind} interaction: ${failure.reason}`,
    );
  }
}
