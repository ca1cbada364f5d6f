import { z } from 'zod';

/**
 * The knowledge base schemas. Types come from here (z.infer) so the data and
 * the code can never disagree about a field.
 */

/** Card-size limits: one Slack section (3,000) and one Discord embed description (4,096) with room for markup. */
export const SHORT_ANSWER_MAX = 300;
export const FULL_ANSWER_MAX = 2_500;
export const TIP_MAX = 400;
export const MIN_ALIASES = 5;

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'must be a lowercase slug like why-lighter' });
const text = z.string().trim().min(1, { message: 'must not be empty' });

export const sourceSchema = z.strictObject({
  /** Stable id used by `sources:` lists elsewhere, e.g. `devops-daily`. */
  id: slug,
  title: text,
  /** Site or publication name where the article names one. */
  site: text.optional(),
  author: text.optional(),
  /** ISO date (YYYY-MM-DD) where the article gives one. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date like 2025-05-18' }).optional(),
  /** The seed file in shared/seeds the facts come from. */
  file: text,
});

export const faqEntrySchema = z.strictObject({
  /** Slug; the `/vmvc <id>` key. Never rename: buttons and stored votes refer to it. */
  id: slug,
  /** Short title for buttons, lists and card headers. */
  title: text.max(70, { message: 'must be at most 70 characters (it becomes a button label)' }),
  /** The canonical question. */
  question: text,
  /** Other ways a teammate would ask it: short, long, keyword-only, informal. */
  aliases: z.array(text).min(MIN_ALIASES, { message: `expected at least ${MIN_ALIASES} items` }),
  keywords: z.array(text).min(1, { message: 'expected at least 1 item' }),
  /** One line, shown in suggestions and autocomplete. */
  short: text.max(SHORT_ANSWER_MAX, { message: `must be at most ${SHORT_ANSWER_MAX} characters` }),
  /** Full answer. Markup: **bold**, `code`, ``` blocks, "- " bullets, blank lines between paragraphs. */
  answer: text.max(FULL_ANSWER_MAX, { message: `must be at most ${FULL_ANSWER_MAX} characters` }),
  related: z.array(slug).default([]),
  tags: z.array(slug).min(1, { message: 'expected at least 1 item' }),
  sources: z.array(slug).min(1, { message: 'expected at least 1 item' }),
  /** Shown first in autocomplete and help when the field is empty. */
  pinned: z.boolean().default(false),
  /**
   * The side this entry argues for (when-vm: vm). A question naming both sides
   * names the one it asks about first ("docker instead of a VM"), which tells
   * when-docker from when-vm when their words are the same.
   */
  favours: z.enum(['vm', 'container']).optional(),
});

export const comparisonDimensionSchema = z.strictObject({
  id: slug,
  /** Row name, e.g. "Startup time". */
  name: text.max(60),
  /** Words that name this dimension in a question ("boot", "speed", "start"). */
  aliases: z.array(text).min(1, { message: 'expected at least 1 item' }),
  vm: text.max(900),
  container: text.max(900),
  verdict: text.max(SHORT_ANSWER_MAX),
  /** The FAQ entry that explains this dimension in depth. */
  faq: slug.optional(),
  sources: z.array(slug).min(1, { message: 'expected at least 1 item' }),
});

export const tipSchema = z.strictObject({
  /** Positive whole number; `vmvc tip --id N`. Never reuse a removed tip's id. */
  id: z.number().int().positive(),
  text: text.max(TIP_MAX, { message: `must be at most ${TIP_MAX} characters` }),
  /** The FAQ entry behind the "learn more" button. */
  faq: slug,
  sources: z.array(slug).min(1, { message: 'expected at least 1 item' }),
});

export const synonymsSchema = z.strictObject({
  /** canonical word → words and phrases that mean the same here. */
  synonyms: z.record(z.string().min(1), z.array(text).min(1)),
  /** Words that carry no meaning for matching ("the", "how", "is"). */
  stopwords: z.array(text).min(1),
  /** British → American spellings, applied before synonyms. */
  spellings: z.record(z.string().min(1), text).default({}),
  /**
   * Words (after synonyms) that put a question in our domain: container, vm,
   * hypervisor, kernel… A question with none of them is answered only on a
   * near-exact phrasing match, so "what's for lunch" never gets a confident card.
   */
  anchors: z.array(text).default([]),
});

const cueList = z.array(text).min(1);

/**
 * What a message asks, as opposed to what it is about (knowledge/intent.yaml).
 * Each list becomes one feature of the answer engine; the fitted model decides
 * how much each counts.
 */
export const intentSchema = z.strictObject({
  /** Openers of a direct question, matched at the start of a clause. */
  question_starts: cueList,
  /** Asking to understand, compare or choose: the bot's own subject. */
  concept: cueList,
  /** Operating, installing, configuring or troubleshooting something. */
  operations: cueList,
  /**
   * Openers of a request for steps ("how do i…", "is there a way to…"), matched at the start of a clause.
   * Optional: intent.yaml files written before the list existed still load (and read no how-to cue).
   */
  how_to: z.array(text).default([]),
  /** Prices, costs and licences. */
  cost: cueList,
  /** Chatter, status updates, acknowledgements. */
  chatter: cueList,
  /** Words that turn a question against the side it names ("when is a VM overkill"). */
  against: cueList,
  /** Words that ask for the side named first ("docker instead of a VM"). */
  preference: cueList,
  /** Words that make a question about choosing a side ("when", "use", "fit", "cases"). */
  choice: cueList,
});

export const sourcesFileSchema = z.strictObject({ sources: z.array(sourceSchema).min(1) });
export const faqFileSchema = z.strictObject({ entries: z.array(faqEntrySchema).min(1) });
export const comparisonFileSchema = z.strictObject({ dimensions: z.array(comparisonDimensionSchema).min(1) });
export const tipsFileSchema = z.strictObject({ tips: z.array(tipSchema).min(1) });

export type Source = z.infer<typeof sourceSchema>;
export type FaqEntry = z.infer<typeof faqEntrySchema>;
export type ComparisonDimension = z.infer<typeof comparisonDimensionSchema>;
export type Tip = z.infer<typeof tipSchema>;
export type Synonyms = z.infer<typeof synonymsSchema>;
export type IntentCues = z.infer<typeof intentSchema>;

export interface Knowledge {
  sources: Source[];
  faq: FaqEntry[];
  comparison: ComparisonDimension[];
  tips: Tip[];
  language: Synonyms;
  intent: IntentCues;
}

