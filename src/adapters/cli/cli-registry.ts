import type { CliCommand } from './cli-command.js';
import { askCommand } from './commands/ask.js';
import { checkCommand } from './commands/check.js';
import { compareCommand } from './commands/compare.js';
import { reportCommand } from './commands/report.js';
import { showCommand } from './commands/show.js';
import { tipCommand } from './commands/tip.js';
import { tipsStatusCommand } from './commands/tips-status.js';
import { topicsCommand } from './commands/topics.js';

/** Every `vmvc` subcommand, in help order. */
export const CLI_COMMANDS: CliCommand[] = [askCommand, topicsCommand, showCommand, compareCommand, tipCommand, tipsStatusCommand, reportCommand, checkCommand];
