import { MessageFlags, type AutocompleteInteraction, type InteractionCallbackResponse, type RepliableInteraction as AnyRepliable } from 'discord.js';
import type { DiscordMessage } from '../../render/discord-embed.js';

/** Every interaction but autocomplete: commands, context menus, components and modals all take a reply. */
export type RepliableInteraction = AnyRepliable;

/**
 * The one place replies are sent, so every reply carries allowedMentions:
 * `{ parse: [] }` unless the renderer allowed exactly one target user.
 * Returns the callback response, whose responseMessageId the repeat guard keeps.
 */
export async function sendReply(
  interaction: RepliableInteraction,
  message: DiscordMessage | { content: string },
  visibility: { ephemeral: boolean },
): Promise<InteractionCallbackResponse> {
  const allowedMentions = 'allowedMentions' in message ? message.allowedMentions : { parse: [] };
  return interaction.reply({
    ...message,
    allowedMentions,
    ...(visibility.ephemeral && { flags: MessageFlags.Ephemeral }),
    // One round trip tells us the new message's id (for the repeat guard's pointer) without a follow-up GET.
    withResponse: true,
  });
}

export async function sendChoices(interaction: AutocompleteInteraction, choices: { name: string; value: string }[]): Promise<void> {
  await interaction.respond(choices);
}
