import type { HelpCard } from '../card.js';
import type { Command, Reply } from './command.js';

/**
 * `/vmvc tips …` and `/vmvc autoanswer …` are channel settings: the Slack and
 * Discord adapters handle them before the core (they need the channel, the
 * member's rights and the store). Listed here so help shows them everywhere;
 * reaching the core means there is no channel (the console, the CLI), which
 * this card says instead of treating the words as a question.
 */
function settingCommand(name: string, usage: string, summary: string, what: string): Command {
  return {
    name,
    usage,
    summary,
    run(): Reply {
      const card: HelpCard = {
        kind: 'help',
        title: `/vmvc ${name} is a channel setting`,
        body: `${what} It works in a Slack or Discord channel, where it applies to that channel; here there is no channel to set.`,
        commands: [{ usage, summary }],
        examples: [],
        sources: [],
        related: [],
        footer: 'See the README: Daily tips, and Help channels.',
      };
      // No `normalized` text: a setting is not a question, so it never reaches the curators' unanswered list.
      return { card, outcome: { status: 'answered', id: name, title: card.title, score: 1, suggestions: [] } };
    },
  };
}

export const tipsSettingCommand = settingCommand(
  'tips',
  'tips here [HH:MM] [time zone] [weekdays|daily] · tips off · tips status · tips next',
  "This channel's daily tip: anyone can see the status; channel admins set it",
  'It subscribes a channel to the daily tip at its own time and time zone, stops it, shows its schedule or posts the next tip now.',
);

export const autoAnswerSettingCommand = settingCommand(
  'autoanswer',
  'autoanswer on · autoanswer off · autoanswer status',
  'Help-channel mode: answer new questions in this channel without being asked (admins)',
  'It lets the bot answer, in a thread, new messages in a channel that it is sure it can answer.',
);
