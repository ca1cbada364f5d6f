import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIApplicationCommandOptionChoice,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
} from 'discord.js';
import type { Card, ComparisonCard, ComparisonRow, EntryRef } from '../core/card.js';
import { encodeAction, type CardAction } from '../core/card-actions.js';
import { formatSources } from './source-line.js';
import { truncateMarkup, truncatePlain } from './truncate.js';

/*
 * Discord's message limits, from https://discord.com/developers/docs/resources/message#embed-object-embed-limits,
 * .../interactions/message-components#button-object and
 * .../interactions/application-commands#application-command-object-application-command-option-choice-structure.
 * Exceeding any of them makes Discord reject the whole message with a 400.
 */
export const DISCORD_EMBED_TITLE_MAX = 256;
export const DISCORD_EMBED_DESCRIPTION_MAX = 4096;
export const DISCORD_EMBED_MAX_FIELDS = 25;
export const DISCORD_EMBED_FIELD_NAME_MAX = 256;
export const DISCORD_EMBED_FIELD_VALUE_MAX = 1024;
export const DISCORD_EMBED_FOOTER_MAX = 2048;
/** Sum of title, description, field names and values, footer text and author name. */
export const DISCORD_EMBED_TOTAL_MAX = 6000;
export const DISCORD_MESSAGE_CONTENT_MAX = 2000;
export const DISCORD_MAX_BUTTONS_PER_ROW = 5;
export const DISCORD_MAX_ACTION_ROWS = 5;
export const DISCORD_CUSTOM_ID_MAX = 100;
export const DISCORD_BUTTON_LABEL_MAX = 80;
export const DISCORD_AUTOCOMPLETE_MAX_CHOICES = 25;
export const DISCORD_CHOICE_NAME_MAX = 100;
export const DISCORD_CHOICE_VALUE_MAX = 100;

/** Our own cap, not Discord's: more than three follow-ups crowd the answer (matches the core's MAX_RELATED). */
export const MAX_NAVIGATION_BUTTONS = 3;

/** One colour per card kind so a glance tells an answer from a "did you mean". */
export const CARD_COLOURS: Record<Card['kind'], number> = {
  answer: 0x5865f2, // blurple
  suggest: 0xfee75c, // yellow: unsure
  declined: 0x99aab5, // grey: nothing found
  comparison: 0x1abc9c, // teal
  tip: 0x57f287, // green
  topics: 0xeb459e, // fuchsia
  help: 0x3498db, // blue
};

/** Never parse mentions out of text: no question can make the bot ping @everyone, a role or a user. */
export interface DiscordAllowedMentions {
  parse: [];
  /** Only ever the one `target` user the asker chose. */
  users?: [string];
}

export type DiscordButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

/** A message payload in plain API JSON shapes: works as discord.js reply options and, via toRestBody, as a raw REST body. */
export interface DiscordMessage {
  content?: string;
  embeds: [APIEmbed];
  components: DiscordButtonRow[];
  allowedMentions: DiscordAllowedMentions;
}

export interface DiscordRenderOptions {
  /** A user id the answer is aimed at: mentioned in `content`, and the only mention allowed. */
  target?: string;
  /** The same answer was posted here recently: point at it instead of posting again. */
  recentPost?: { at: Date; link?: string };
  /**
   * A private answer to "Answer with vmvc" on a message: no feedback buttons
   * (they belong on the posted reply) and, when `replyCustomId` is set, a
   * **Reply to message** button with that custom id (the adapter's own, not a
   * card action: it acts on the message, which only the adapter knows).
   */
  messageAction?: { replyCustomId?: string };
}

const NO_MENTIONS: DiscordAllowedMentions = { parse: [] };

export function renderDiscordMessage(card: Card, options: DiscordRenderOptions = {}): DiscordMessage {
  const message: DiscordMessage = {
    embeds: [fitEmbed(buildEmbed(card))],
    components: buildComponents(card, options.messageAction),
    allowedMentions: options.target !== undefined ? { parse: [], users: [options.target] } : { ...NO_MENTIONS },
  };
  const content = buildContent(options);
  if (content !== undefined) message.content = content;
  return message;
}

/** Autocomplete choices: title as the name, the slug as the value, so picking one answers that entry exactly. */
export function renderAutocompleteChoices(refs: readonly EntryRef[]): APIApplicationCommandOptionChoice<string>[] {
  return refs
    .filter((r) => r.id.length <= DISCORD_CHOICE_VALUE_MAX)
    .slice(0, DISCORD_AUTOCOMPLETE_MAX_CHOICES)
    .map((r) => ({ name: truncatePlain(r.title, DISCORD_CHOICE_NAME_MAX), value: r.id }));
}

/** Characters Discord counts towards the 6,000 per-embed total. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0)
  );
}

function buildContent(options: DiscordRenderOptions): string | undefined {
  const parts: string[] = [];
  if (options.target !== undefined) parts.push(`<@${options.target}>`);
  if (options.recentPost) {
    // <t:…:R> renders as "2 minutes ago" in each reader's own locale.
    const when = `<t:${Math.floor(options.recentPost.at.getTime() / 1000)}:R>`;
    parts.push(
      options.recentPost.link !== undefined
        ? `This was posted in this channel ${when}: ${options.recentPost.link} (here it is again, just for you)`
        : `This was posted in this channel ${when}; here it is again, just for you.`,
    );
  }
  return parts.length > 0 ? truncatePlain(parts.join(' '), DISCORD_MESSAGE_CONTENT_MAX) : undefined;
}

function buildEmbed(card: Card): APIEmbed {
  const embed: APIEmbed = { title: card.title, color: CARD_COLOURS[card.kind] };
  if (card.body !== '') embed.description = card.body;
  const fields = buildFields(card);
  if (fields.length > 0) embed.fields = fields;
  const footer = [card.footer, card.sources.length > 0 ? `Sources: ${formatSources(card.sources)}` : undefined]
    .filter((x): x is string => x !== undefined && x !== '')
    .join('\n');
  if (footer !== '') embed.footer = { text: footer };
  return embed;
}

function buildFields(card: Card): APIEmbedField[] {
  switch (card.kind) {
    case 'comparison':
      return comparisonFields(card);
    case 'topics':
      return card.groups.map((g) => ({ name: g.tag, value: g.entries.map((e) => `\`${e.id}\` ${e.title}`).join('\n') }));
    case 'help':
      return [
        { name: 'Commands', value: card.commands.map((c) => `\`/vmvc ${c.usage}\` ${c.summary}`).join('\n') },
        // An empty field is rejected by Discord (the value must not be empty).
        ...(card.examples.length > 0 ? [{ name: 'Try', value: card.examples.map((e) => `- ${e}`).join('\n') }] : []),
      ];
    default:
      return [];
  }
}

/**
 * Per dimension: the verdict as a full-width heading field, then VM | Container
 * side by side (Discord lays out up to three consecutive inline fields per line,
 * so the non-inline heading keeps each pair on its own line). A single row whose
 * verdict is already the description needs no heading. When that needs more than
 * 25 fields (the whole table), each dimension becomes one field.
 */
function comparisonFields(card: ComparisonCard): APIEmbedField[] {
  const { rows } = card;
  const only = rows.length === 1 ? rows[0] : undefined;
  if (only && card.body.includes(only.verdict)) return vmContainerPair(only);
  if (rows.length * 3 <= DISCORD_EMBED_MAX_FIELDS) return rows.flatMap((r) => [{ name: r.name, value: r.verdict }, ...vmContainerPair(r)]);
  return rows.map((r) => ({ name: r.name, value: `🖥️ **VM:** ${r.vm}\n📦 **Container:** ${r.container}` }));
}

function vmContainerPair(r: ComparisonRow): APIEmbedField[] {
  return [
    { name: '🖥️ VM', value: r.vm, inline: true },
    { name: '📦 Container', value: r.container, inline: true },
  ];
}

/** Applies every per-part limit, then the 6,000 total, shrinking field values first and the description last. */
function fitEmbed(raw: APIEmbed): APIEmbed {
  const embed: APIEmbed = { ...raw };
  if (embed.title !== undefined) embed.title = truncatePlain(embed.title, DISCORD_EMBED_TITLE_MAX);
  if (embed.description !== undefined) embed.description = truncateMarkup(embed.description, DISCORD_EMBED_DESCRIPTION_MAX);
  if (embed.footer) embed.footer = { text: truncatePlain(embed.footer.text, DISCORD_EMBED_FOOTER_MAX) };
  if (embed.fields) {
    embed.fields = embed.fields.slice(0, DISCORD_EMBED_MAX_FIELDS).map((f) => ({
      ...f,
      name: truncatePlain(f.name, DISCORD_EMBED_FIELD_NAME_MAX),
      value: truncateMarkup(f.value, DISCORD_EMBED_FIELD_VALUE_MAX),
    }));
  }
  if (embedLength(embed) <= DISCORD_EMBED_TOTAL_MAX) return embed;

  const fixed = embedLength({ ...embed, fields: (embed.fields ?? []).map((f) => ({ ...f, value: '' })) });
  if (embed.fields && embed.fields.length > 0) {
    const cap = waterLevel(
      embed.fields.map((f) => f.value.length),
      Math.max(embed.fields.length, DISCORD_EMBED_TOTAL_MAX - fixed),
    );
    embed.fields = embed.fields.map((f) => ({ ...f, value: truncateMarkup(f.value, Math.max(1, cap)) }));
  }
  const over = embedLength(embed) - DISCORD_EMBED_TOTAL_MAX;
  if (over > 0 && embed.description !== undefined) {
    embed.description = truncateMarkup(embed.description, Math.max(1, embed.description.length - over));
  }
  return embed;
}

/**
 * The largest per-item cap c with Σ min(len, c) ≤ budget: short values stay
 * whole and only the long ones are cut, evenly.
 */
function waterLevel(lengths: readonly number[], budget: number): number {
  const sorted = [...lengths].sort((a, b) => a - b);
  let remaining = budget;
  for (let i = 0; i < sorted.length; i++) {
    const left = sorted.length - i;
    const len = sorted[i] as number;
    if (len * left > remaining) return Math.floor(remaining / left);
    remaining -= len;
  }
  return sorted[sorted.length - 1] ?? budget;
}

function buildComponents(card: Card, messageAction?: DiscordRenderOptions['messageAction']): DiscordButtonRow[] {
  const rows: APIButtonComponentWithCustomId[][] = [];
  const replyId = messageAction?.replyCustomId;
  // A custom id past the limit would make Discord reject the whole reply: better no button than no answer.
  if (replyId !== undefined && replyId.length <= DISCORD_CUSTOM_ID_MAX) {
    rows.push([{ type: ComponentType.Button, style: ButtonStyle.Primary, custom_id: replyId, label: 'Reply to message', emoji: { name: '↩️' } }]);
  }
  const buttons: APIButtonComponentWithCustomId[] = [];
  const navigationStyle = card.kind === 'suggest' || card.kind === 'tip' ? ButtonStyle.Primary : ButtonStyle.Secondary;
  for (const ref of card.related.slice(0, MAX_NAVIGATION_BUTTONS)) {
    const label = card.kind === 'tip' && ref.id === card.learnMore.id ? `Tell me more: ${ref.title}` : ref.title;
    pushButton(buttons, { type: 'show', entryId: ref.id }, label, navigationStyle);
  }
  rows.push(...chunk(buttons, DISCORD_MAX_BUTTONS_PER_ROW));
  if (card.kind === 'answer' && messageAction === undefined) {
    const feedback: APIButtonComponentWithCustomId[] = [];
    pushButton(feedback, { type: 'vote', entryId: card.entryId, vote: 'up' }, 'Helpful', ButtonStyle.Secondary, '👍');
    pushButton(feedback, { type: 'vote', entryId: card.entryId, vote: 'down' }, 'Not helpful', ButtonStyle.Secondary, '👎');
    if (feedback.length > 0) rows.push(feedback);
  }
  if (card.kind === 'tip' && messageAction === undefined) {
    const feedback: APIButtonComponentWithCustomId[] = [];
    pushButton(feedback, { type: 'tipvote', tipId: card.tipId, vote: 'up' }, 'Good tip', ButtonStyle.Secondary, '👍');
    pushButton(feedback, { type: 'tipvote', tipId: card.tipId, vote: 'down' }, 'Not useful', ButtonStyle.Secondary, '👎');
    rows.push(feedback);
  }
  return rows.slice(0, DISCORD_MAX_ACTION_ROWS).map((components) => ({ type: ComponentType.ActionRow, components }));
}

function pushButton(
  into: APIButtonComponentWithCustomId[],
  action: CardAction,
  label: string,
  style: APIButtonComponentWithCustomId['style'],
  emoji?: string,
): void {
  const customId = encodeAction(action);
  // A slug long enough to overflow custom_id would make Discord reject the whole message; drop just that button.
  if (customId.length > DISCORD_CUSTOM_ID_MAX || into.some((b) => b.custom_id === customId)) return;
  into.push({
    type: ComponentType.Button,
    style,
    custom_id: customId,
    label: truncatePlain(label, DISCORD_BUTTON_LABEL_MAX),
    ...(emoji !== undefined && { emoji: { name: emoji } }),
  });
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The same payload as a raw REST body (snake_case), for channel posts outside an interaction. */
export function toRestBody(message: DiscordMessage): {
  content?: string;
  embeds: APIEmbed[];
  components: DiscordButtonRow[];
  allowed_mentions: DiscordAllowedMentions;
} {
  return {
    ...(message.content !== undefined && { content: message.content }),
    embeds: message.embeds,
    components: message.components,
    allowed_mentions: message.allowedMentions,
  };
}
