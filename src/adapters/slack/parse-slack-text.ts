import { SLACK_USER_ID } from '../../render/slack-blocks.js';

/** `<@U123>` or, with should_escape on the command, `<@U123|alice>`. */
const USER_REF = /<@([A-Z0-9]+)(?:\|[^>]*)?>/g;

export interface SlashText {
  /** What the core should read: the text without user references. */
  text: string;
  /** The first real user the asker referenced, to aim the answer at. */
  target?: string;
}

/**
 * Pulls the teammate out of `/vmvc why-lighter @alice`. Only a reference Slack
 * itself escaped (`<@U…>`) counts; "@alice" typed as plain text is no user and
 * stays in the question, where the core strips it like any markup.
 */
export function parseSlashText(raw: string): SlashText {
  let target: string | undefined;
  const text = raw
    .replace(USER_REF, (_m, id: string) => {
      if (target === undefined && SLACK_USER_ID.test(id)) target = id;
      return ' ';
    })
    .replace(/\s+/g, ' ')
    .trim();
  return target === undefined ? { text } : { text, target };
}

/** "<@UBOT> why are containers lighter?" → "why are containers lighter?" (only the bot's own mention goes). */
export function stripBotMention(raw: string, botUserId: string | undefined): string {
  if (botUserId === undefined) return raw.trim();
  const own = new RegExp(`<@${botUserId.replace(/[^A-Z0-9]/gi, '')}(?:\\|[^>]*)?>`, 'g');
  return raw.replace(own, ' ').replace(/\s+/g, ' ').trim();
}
