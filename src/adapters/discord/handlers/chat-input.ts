import type { ChatInputCommandInteraction } from 'discord.js';
import type { Reply } from '../../../core/commands/command.js';
import type { RequestContext } from '../../../core/create-core.js';
import { COMMAND_NAME, OPTIONS, SUBCOMMANDS, discordHelpCard } from '../commands.js';
import type { HandlerContext } from './handler-context.js';
import { sendCard } from './send-card.js';

/**
 * /vmvc <subcommand>. Answers, comparisons and tips go to the channel (the
 * norm for FAQ bots); "did you mean", "can't answer", topics and help only
 * help the asker, so they stay ephemeral rather than adding channel noise.
 */
export async function handleChatInput(interaction: ChatInputCommandInteraction, ctx: HandlerContext): Promise<void> {
  if (interaction.commandName !== COMMAND_NAME) return;
  const rc: RequestContext = { platform: 'discord', userId: interaction.user.id };
  const sub = interaction.options.getSubcommand(false);
  const reply = runSubcommand(sub, interaction, ctx, rc);
  const isPrivate = interaction.options.getBoolean(OPTIONS.private) ?? false;
  const answers = reply.card.kind === 'answer' || reply.card.kind === 'comparison' || reply.card.kind === 'tip';
  const target = interaction.options.getUser(OPTIONS.target)?.id;
  await sendCard(interaction, reply, ctx, { visible: answers && !isPrivate, ...(target !== undefined && { target }) });
}

function runSubcommand(sub: string | null, interaction: ChatInputCommandInteraction, ctx: HandlerContext, rc: RequestContext): Reply {
  switch (sub) {
    case SUBCOMMANDS.ask:
      // An autocomplete pick arrives as the slug itself, which the core answers exactly.
      return ctx.core.ask(interaction.options.getString(OPTIONS.question, true), rc);
    case SUBCOMMANDS.compare:
      return ctx.core.compare(interaction.options.getString(OPTIONS.dimension) ?? '');
    case SUBCOMMANDS.tip:
      return ctx.core.tip();
    case SUBCOMMANDS.topics:
      return ctx.core.respond('topics', rc);
    default: {
      const reply = ctx.core.respond('help', rc);
      return reply.card.kind === 'help' ? { ...reply, card: discordHelpCard(reply.card) } : reply;
    }
  }
}
