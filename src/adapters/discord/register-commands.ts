import { Routes, type REST, type RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';

export interface RegisterTarget {
  applicationId: string;
  /** Register in this guild only: instant, for trying the bot out. Global otherwise. */
  guildId?: string;
}

export interface RegisterResult {
  scope: 'guild' | 'global';
  route: string;
  names: string[];
}

/**
 * Bulk overwrite: the PUT replaces the application's whole command set, so
 * running it again after a change is safe and removes commands we dropped.
 */
export async function registerCommands(
  rest: REST,
  target: RegisterTarget,
  commands: readonly RESTPostAPIApplicationCommandsJSONBody[],
): Promise<RegisterResult> {
  const route =
    target.guildId !== undefined ? Routes.applicationGuildCommands(target.applicationId, target.guildId) : Routes.applicationCommands(target.applicationId);
  const saved = (await rest.put(route, { body: commands })) as { name: string }[];
  return { scope: target.guildId !== undefined ? 'guild' : 'global', route, names: saved.map((c) => c.name) };
}
