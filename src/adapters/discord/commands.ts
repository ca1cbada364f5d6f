import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type APIApplicationCommandOptionChoice,
  type RESTPostAPIApplicationCommandsJSONBody,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import type { HelpCard } from '../../core/card.js';
import type { Knowledge } from '../../core/knowledge/schema.js';
import { DISCORD_CHOICE_NAME_MAX, DISCORD_CHOICE_VALUE_MAX } from '../../render/discord-embed.js';
import { truncatePlain } from '../../render/truncate.js';

/** Discord caps static choices per option at 25. */
const MAX_STATIC_CHOICES = 25;

export const COMMAND_NAME = 'vmvc';
export const SUBCOMMANDS = { ask: 'ask', compare: 'compare', tip: 'tip', topics: 'topics', help: 'help', autoanswer: 'autoanswer' } as const;
export const OPTIONS = { question: 'question', target: 'target', private: 'private', dimension: 'dimension', mode: 'mode', time: 'time', timezone: 'timezone', days: 'days' } as const;
/** `/vmvc tips here|off|status|next`: a subcommand group beside the plain subcommands. */
export const TIPS_GROUP = 'tips';
export const TIPS_SUBCOMMANDS = { here: 'here', off: 'off', status: 'status', next: 'next' } as const;
/** The message context-menu command (right-click a message → Apps). Context-menu names may hold capitals and spaces, up to 32 characters. */
export const ANSWER_MESSAGE_COMMAND = 'Answer with vmvc';

/**
 * Every command vmvc registers, as Discord's JSON: the body of the
 * bulk-overwrite PUT. /vmvc first, then the message command.
 */
export function buildCommandDefinitions(knowledge: Pick<Knowledge, 'comparison'>): RESTPostAPIApplicationCommandsJSONBody[] {
  return [buildSlashCommand(knowledge), buildAnswerMessageCommand()];
}

/** "Answer with vmvc" on any message. Context-menu commands take no description or options: the message is the input. */
export function buildAnswerMessageCommand(): RESTPostAPIContextMenuApplicationCommandsJSONBody {
  return { name: ANSWER_MESSAGE_COMMAND, type: ApplicationCommandType.Message };
}

/**
 * The /vmvc command. Dimension choices come from the knowledge, so re-run
 * `npm run discord:register` after adding a comparison row.
 */
export function buildSlashCommand(knowledge: Pick<Knowledge, 'comparison'>): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const dimensionChoices: APIApplicationCommandOptionChoice<string>[] = knowledge.comparison
    .filter((d) => d.id.length <= DISCORD_CHOICE_VALUE_MAX)
    .slice(0, MAX_STATIC_CHOICES)
    .map((d) => ({ name: truncatePlain(d.name, DISCORD_CHOICE_NAME_MAX), value: d.id }));
  return {
    name: COMMAND_NAME,
    description: 'How Docker containers differ from virtual machines',
    type: ApplicationCommandType.ChatInput,
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: SUBCOMMANDS.ask,
        description: 'Ask a question in your own words, or pick a topic',
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: OPTIONS.question,
            description: 'Your question, or a topic id such as why-lighter',
            required: true,
            autocomplete: true,
            max_length: 500,
          },
          {
            type: ApplicationCommandOptionType.User,
            name: OPTIONS.target,
            description: 'Aim the answer at a teammate (mentions them)',
            required: false,
          },
          {
            type: ApplicationCommandOptionType.Boolean,
            name: OPTIONS.private,
            description: 'Only you see the answer',
            required: false,
          },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: SUBCOMMANDS.compare,
        description: 'The VM-vs-container table, or one row of it',
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: OPTIONS.dimension,
            description: 'One dimension; leave empty for the whole table',
            required: false,
            choices: dimensionChoices,
          },
        ],
      },
      { type: ApplicationCommandOptionType.Subcommand, name: SUBCOMMANDS.tip, description: 'A random tip about containers and VMs' },
      { type: ApplicationCommandOptionType.Subcommand, name: SUBCOMMANDS.topics, description: 'Every topic I can answer' },
      { type: ApplicationCommandOptionType.Subcommand, name: SUBCOMMANDS.help, description: 'What I can answer, with examples' },
      {
        // Not default_member_permissions: that would hide all of /vmvc. Switching is checked on the member (Manage Channels).
        type: ApplicationCommandOptionType.Subcommand,
        name: SUBCOMMANDS.autoanswer,
        description: 'Help-channel mode here: answer confident questions unasked (Manage Channels to switch)',
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: OPTIONS.mode,
            description: 'on, off, or status (the default)',
            required: false,
            choices: [
              { name: 'status', value: 'status' },
              { name: 'on', value: 'on' },
              { name: 'off', value: 'off' },
            ],
          },
        ],
      },
      {
        // As autoanswer: visible to everyone; changing is checked on the member (Manage Channels), status is for all.
        type: ApplicationCommandOptionType.SubcommandGroup,
        name: TIPS_GROUP,
        description: 'Daily tips in this channel',
        options: [
          {
            type: ApplicationCommandOptionType.Subcommand,
            name: TIPS_SUBCOMMANDS.here,
            description: 'Post a daily tip here (Manage Channels); default 09:00 on weekdays',
            options: [
              { type: ApplicationCommandOptionType.String, name: OPTIONS.time, description: 'HH:MM, 24-hour clock (default 09:00)', required: false, max_length: 5 },
              { type: ApplicationCommandOptionType.String, name: OPTIONS.timezone, description: 'IANA time zone such as Europe/Berlin (default: the bot\'s)', required: false, max_length: 64 },
              {
                type: ApplicationCommandOptionType.String,
                name: OPTIONS.days,
                description: 'weekdays (the default) or daily',
                required: false,
                choices: [
                  { name: 'weekdays', value: 'weekdays' },
                  { name: 'daily', value: 'daily' },
                ],
              },
            ],
          },
          { type: ApplicationCommandOptionType.Subcommand, name: TIPS_SUBCOMMANDS.off, description: 'Stop the daily tips here (Manage Channels)' },
          { type: ApplicationCommandOptionType.Subcommand, name: TIPS_SUBCOMMANDS.status, description: "This channel's tip schedule, next and last tip" },
          { type: ApplicationCommandOptionType.Subcommand, name: TIPS_SUBCOMMANDS.next, description: "Post today's tip now (Manage Channels)" },
        ],
      },
    ],
  };
}

/** How each core command is typed on Discord; core commands without a subcommand (show) are covered by `ask`. */
const DISCORD_USAGE: Record<string, { usage: string; summary?: string }> = {
  ask: { usage: 'ask question:<text>', summary: 'Answer a question in your own words; autocomplete suggests topics as you type' },
  compare: { usage: 'compare [dimension]' },
  tip: { usage: 'tip' },
  topics: { usage: 'topics' },
  tips: { usage: 'tips here|off|status|next', summary: "This channel's daily tip: anyone can see the status; members with Manage Channels set it" },
  autoanswer: { usage: 'autoanswer mode:on|off|status', summary: 'Help-channel mode: answer new questions here without being asked (Manage Channels)' },
  help: { usage: 'help' },
};

/** The core's help lists its text-command syntax; on Discord the subcommand shapes differ. */
export function discordHelpCard(card: HelpCard): HelpCard {
  const commands = card.commands.flatMap((c) => {
    const discord = DISCORD_USAGE[c.usage.split(' ')[0] ?? ''];
    return discord === undefined ? [] : [{ usage: discord.usage, summary: discord.summary ?? c.summary }];
  });
  return { ...card, commands };
}
