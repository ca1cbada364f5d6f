import type { AutocompleteInteraction } from 'discord.js';
import { DISCORD_AUTOCOMPLETE_MAX_CHOICES, renderAutocompleteChoices } from '../../../render/discord-embed.js';
import { COMMAND_NAME, OPTIONS } from '../commands.js';
import { sendChoices } from '../reply.js';
import type { HandlerContext } from './handler-context.js';

/** The `question` field as the member types: the core ranks, we only shape the choices. */
export async function handleAutocomplete(interaction: AutocompleteInteraction, ctx: HandlerContext): Promise<void> {
  const focused = interaction.options.getFocused(true);
  if (interaction.commandName !== COMMAND_NAME || focused.name !== OPTIONS.question) {
    await sendChoices(interaction, []);
    return;
  }
  const refs = ctx.core.autocomplete(String(focused.value), DISCORD_AUTOCOMPLETE_MAX_CHOICES);
  await sendChoices(interaction, renderAutocompleteChoices(refs));
}
