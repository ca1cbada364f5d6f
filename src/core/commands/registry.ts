import { askCommand } from './ask.js';
import { autoAnswerSettingCommand, tipsSettingCommand } from './channel-settings.js';
import type { Command } from './command.js';
import { compareCommand } from './compare.js';
import { helpCommand } from './help.js';
import { showCommand } from './show.js';
import { tipCommand } from './tip.js';
import { topicsCommand } from './topics.js';

/** Every `/vmvc` command, in help order. Adapters read this list; add a command here and they all get it. */
export const COMMANDS: readonly Command[] = [askCommand, compareCommand, tipCommand, topicsCommand, showCommand, tipsSettingCommand, autoAnswerSettingCommand, helpCommand];

export function findCommand(name: string): Command | undefined {
  const lower = name.toLowerCase();
  return COMMANDS.find((c) => c.name === lower);
}

/**
 * Splits `/vmvc <text>` into a command and its arguments. A first word that is
 * no command name makes the whole text a question.
 */
export function parseCommandText(text: string): { command: Command; args: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { command: helpCommand, args: '' };
  const [first = '', ...rest] = trimmed.split(/\s+/);
  const command = findCommand(first.replace(/^\//, ''));
  if (command && (command.accepts?.(rest.join(' ')) ?? true)) return { command, args: rest.join(' ') };
  return { command: askCommand, args: trimmed };
}
