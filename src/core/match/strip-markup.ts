/**
 * Removes chat markup so it can neither steer matching nor be echoed back as a
 * live mention. Covers Slack's angle-bracket tokens and Discord's mention and
 * emoji syntax, plus the markdown both platforms share.
 */

// Slack: <@U123>, <@U123|name>, <#C123|general>, <!here>, <!subteam^S1|@team>, <https://x|label>
const SLACK_TOKEN = /<([@#!])[^>\s]*>/g;
const SLACK_LINK = /<(https?:\/\/|mailto:)[^>|\s]*(?:\|([^>]*))?>/g;
// Discord: <@123>, <@!123>, <@&123>, <#123>, <:name:123>, <a:name:123>, <t:1700000000:R>, </cmd:123>
const DISCORD_TOKEN = /<(?:@[!&]?\d+|#\d+|a?:\w+:\d+|t:\d+(?::\w)?|\/[\w -]+:\d+)>/g;
const BROADCAST = /@(?:everyone|here|channel)\b/gi;
// :thinking_face: style emoji shortcodes
const SHORTCODE = /:[a-z0-9_+-]{2,}:/gi;
const FENCE = /```[a-z]*\n?/gi;
const EMPHASIS = /(\*\*|__|~~|\*|_|`|\|\|)/g;

export function stripChatMarkup(text: string): string {
  return text
    .replace(SLACK_LINK, (_m, _scheme: string, label: string | undefined) => ` ${label ?? ''} `)
    .replace(DISCORD_TOKEN, ' ')
    .replace(SLACK_TOKEN, ' ')
    .replace(BROADCAST, ' ')
    .replace(SHORTCODE, ' ')
    .replace(FENCE, ' ')
    .replace(EMPHASIS, ' ');
}
