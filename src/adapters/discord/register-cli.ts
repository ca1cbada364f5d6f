import { pathToFileURL } from 'node:url';
import { ApplicationCommandType, type RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import { ConfigError, loadConfig, type Config } from '../../config.js';
import { KnowledgeError, loadKnowledge } from '../../core/knowledge/load.js';
import { buildCommandDefinitions } from './commands.js';
import { createDiscordRest } from './create-discord-client.js';
import { describeDiscordError, isInvalidTokenError } from './discord-errors.js';
import { registerCommands } from './register-commands.js';

export interface RegisterCliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** `npm run discord:register`: returns the exit code; every failure is one line on stderr. */
export async function runRegisterCli(readConfig: () => Config = () => loadConfig(), io: RegisterCliIo = defaultIo): Promise<number> {
  let config: Config;
  try {
    config = readConfig();
  } catch (err) {
    io.err(err instanceof ConfigError ? err.message : `Could not read the configuration: ${String(err)}`);
    return 1;
  }
  const discord = config.discord;
  if (!discord) {
    io.err('DISCORD_TOKEN is not set: copy the bot token from the Bot page of your application in the Discord Developer Portal into .env');
    return 1;
  }
  if (discord.applicationId === undefined) {
    io.err('DISCORD_APPLICATION_ID is not set: copy the Application ID from the General Information page of the Developer Portal into .env');
    return 1;
  }
  let commands;
  try {
    commands = buildCommandDefinitions(loadKnowledge(config.knowledgeDir));
  } catch (err) {
    io.err(err instanceof KnowledgeError ? err.message : `Could not load the knowledge base: ${String(err)}`);
    return 1;
  }
  try {
    const result = await registerCommands(
      createDiscordRest(discord),
      { applicationId: discord.applicationId, ...(discord.guildId !== undefined && { guildId: discord.guildId }) },
      commands,
    );
    const where =
      result.scope === 'guild'
        ? `in guild ${discord.guildId ?? ''} (available immediately)`
        : 'globally (can take a few minutes to appear in every server; set DISCORD_GUILD_ID for instant registration in one server)';
    io.out(`Registered ${describeCommands(commands)} ${where}.`);
    return 0;
  } catch (err) {
    if (isInvalidTokenError(err)) io.err('Discord rejected DISCORD_TOKEN: check the bot token on the Bot page of the Developer Portal');
    else io.err(`Registering the commands failed: ${describeDiscordError(err).reason}`);
    return 1;
  }
}

/** "/vmvc with subcommands ask, compare, … and the message command "Answer with vmvc"". */
function describeCommands(commands: readonly RESTPostAPIApplicationCommandsJSONBody[]): string {
  const parts: string[] = [];
  const menus: string[] = [];
  for (const c of commands) {
    if (c.type === ApplicationCommandType.Message) {
      menus.push(`"${c.name}"`);
      continue;
    }
    const subcommands = 'options' in c ? (c.options ?? []).map((o) => o.name) : [];
    parts.push(subcommands.length > 0 ? `/${c.name} with subcommands ${subcommands.join(', ')}` : `/${c.name}`);
  }
  if (menus.length > 0) parts.push(`the message command${menus.length > 1 ? 's' : ''} ${menus.join(', ')}`);
  return parts.join(' and ');
}

const defaultIo: RegisterCliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runRegisterCli();
}
