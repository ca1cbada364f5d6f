import type { ChatInputCommandInteraction } from 'discord.js';
import type { Reply } from '../../../core/commands/command.js';
import type { RequestContext } from '../../../core/create-core.js';
import { COMMAND_NAME, OPTIONS, SUBCOMMANDS, TIPS_GROUP, discordHelpCard } from '../commands.js';
import { handleAutoAnswerSubcommand } from './autoanswer.js';
import type { HandlerContext } from './handler-context.js';
import { sendCard } from './send-card.js';
import { handleTipsSubcommand } from './tips.js';
import { answerUnhandled } from './unhandled.js';

/**
 * /vmvc <subcommand>. Answers, comparisons and tips go to the channel (the
 * norm for FAQ bots); "did you mean", "can't answer", topics and help only
 * help the asker, so they stay ephemeral rather than adding channel noise.
 */
export async function handleChatInput(interaction: ChatInputCommandInteraction, ctx: HandlerContext): Promise<void> {
  if (interaction.commandName !== COMMAND_NAME) {
    await answerUnhandled(interaction, ctx, 'unknown-command', { commandName: interaction.commandName });
    return;
  }
  const rc: RequestContext = { platform: 'discord', userId: interaction.user.id };
  if (interaction.options.getSubcommandGroup(false) === TIPS_GROUP) {
    await handleTipsSubcommand(interaction, ctx);
    return;
  }
  const sub = interaction.options.getSubcommand(false);
  if (sub === SUBCOMMANDS.autoanswer) {
    await handleAutoAnswerSubcommand(interaction, ctx);
    return;
  }
  let reply: Reply;
  let isPrivate: boolean;
  let target: string | undefined;
  try {
    reply = runSubcommand(sub, interaction, ctx, rc);
    isPrivate = interaction.options.getBoolean(OPTIONS.private) ?? false;
    target = interaction.options.getUser(OPTIONS.target)?.id;
  } catch (err) {
    // discord.js throws these when the options do not match what we declared: a registration older than this code.
    if (!isOptionMismatch(err)) throw err;
    await answerUnhandled(interaction, ctx, 'bad-options', { subcommand: sub, problem: err.message });
    return;
  }
  const answers = reply.card.kind === 'answer' || reply.card.kind === 'comparison' || reply.card.kind === 'tip';
  await sendCard(interaction, reply, ctx, { visible: answers && !isPrivate, ...(target !== undefined && { target }) });
}

/** CommandInteractionOptionNotFound, …OptionType, …OptionEmpty and the rest of that family of DiscordjsTypeError codes. */
function isOptionMismatch(err: unknown): err is Error {
  return err instanceof Error && 'code' in err && typeof err.code === 'string' && err.code.startsWith('CommandInteractionOption');
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
