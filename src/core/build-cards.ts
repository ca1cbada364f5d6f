import type { ComparisonDimension, FaqEntry, Knowledge, Tip } from './knowledge/schema.js';
import type {
  AnswerCard,
  ComparisonCard,
  DeclinedCard,
  EntryRef,
  HelpCard,
  SourceRef,
  SuggestCard,
  TipCard,
  TopicsCard,
} from './card.js';

/** Follow-up buttons per card; Slack and Discord both fit three comfortably beside feedback. */
export const MAX_RELATED = 3;

export function entryRef(entry: FaqEntry): EntryRef {
  return { id: entry.id, title: entry.title };
}

export function sourceRefs(k: Knowledge, ids: readonly string[]): SourceRef[] {
  const refs: SourceRef[] = [];
  for (const id of new Set(ids)) {
    const s = k.sources.find((x) => x.id === id);
    if (!s) continue;
    refs.push({
      id: s.id,
      title: s.title,
      ...(s.site !== undefined && { site: s.site }),
      ...(s.author !== undefined && { author: s.author }),
      ...(s.date !== undefined && { date: s.date }),
    });
  }
  return refs;
}

function refsFor(k: Knowledge, ids: readonly string[]): EntryRef[] {
  return ids
    .map((id) => k.faq.find((e) => e.id === id))
    .filter((e): e is FaqEntry => e !== undefined)
    .map(entryRef);
}

export function pinnedRefs(k: Knowledge, limit = MAX_RELATED): EntryRef[] {
  const pinned = k.faq.filter((e) => e.pinned);
  return (pinned.length > 0 ? pinned : k.faq).slice(0, limit).map(entryRef);
}

export function buildAnswerCard(k: Knowledge, entry: FaqEntry, confidence: number): AnswerCard {
  return {
    kind: 'answer',
    entryId: entry.id,
    confidence,
    title: entry.title,
    body: entry.answer,
    sources: sourceRefs(k, entry.sources),
    related: refsFor(k, entry.related).slice(0, MAX_RELATED),
    footer: `Topic id: ${entry.id}`,
  };
}

export function buildSuggestCard(k: Knowledge, ids: readonly string[], confidence: number): SuggestCard {
  const suggestions = refsFor(k, ids).slice(0, MAX_RELATED);
  return {
    kind: 'suggest',
    suggestions,
    confidence,
    title: 'Did you mean…',
    body: suggestions.map((s) => `- **${s.title}**: ${k.faq.find((e) => e.id === s.id)?.short ?? ''}`).join('\n'),
    sources: [],
    related: suggestions,
    footer: 'Pick one, or rephrase your question. /vmvc topics lists everything I know.',
  };
}

export function buildDeclinedCard(k: Knowledge, reason: DeclinedCard['reason'], closestId?: string): DeclinedCard {
  const closest = closestId === undefined ? undefined : k.faq.find((e) => e.id === closestId);
  if (reason === 'operations') {
    return {
      kind: 'declined',
      reason,
      title: 'Outside what I cover',
      body:
        "That sounds like a question about running, fixing, installing or paying for Docker or VMs. I only cover the concepts: how containers and virtual machines differ, why, and when to use which. " +
        (closest
          ? "The closest background topic is below, in case it helps; for the how-to, your team's docs or the tool's own documentation will serve you better."
          : "For the how-to, your team's docs or the tool's own documentation will serve you better."),
      sources: [],
      related: closest ? [entryRef(closest)] : [],
      footer: 'Try /vmvc topics for everything I can answer.',
    };
  }
  const body =
    reason === 'empty'
      ? 'Ask me how Docker containers differ from virtual machines, in your own words or with a topic id.'
      : "I don't have an answer for that. I only know how Docker containers differ from virtual machines: architecture, start-up time, image size, isolation and security, compatibility, and when to use which.";
  return {
    kind: 'declined',
    reason,
    title: reason === 'empty' ? 'Ask me about containers vs VMs' : 'Not something I can answer',
    body,
    sources: [],
    related: pinnedRefs(k),
    footer: 'Try /vmvc topics for everything I can answer, or /vmvc help.',
  };
}

export function buildComparisonCard(k: Knowledge, dimensions: readonly ComparisonDimension[], whole: boolean, confidence: number): ComparisonCard {
  const rows = dimensions.map((d) => ({ id: d.id, name: d.name, vm: d.vm, container: d.container, verdict: d.verdict }));
  const single = rows.length === 1 ? rows[0] : undefined;
  const relatedIds = [...new Set(dimensions.map((d) => d.faq).filter((id): id is string => id !== undefined))];
  return {
    kind: 'comparison',
    rows,
    whole,
    confidence,
    title: whole ? 'Virtual machines vs containers' : single ? `VM vs container: ${single.name}` : `VM vs container: ${rows.map((r) => r.name).join(', ')}`,
    body: whole ? 'The two side by side, one row per dimension.' : single ? single.verdict : rows.map((r) => `**${r.name}**: ${r.verdict}`).join('\n'),
    sources: sourceRefs(k, dimensions.flatMap((d) => d.sources)),
    related: whole ? [] : refsFor(k, relatedIds).slice(0, MAX_RELATED),
    footer: whole ? 'Ask /vmvc compare with a dimension for one row.' : '/vmvc compare shows the whole table.',
  };
}

export function buildTipCard(k: Knowledge, tip: Tip): TipCard {
  const entry = k.faq.find((e) => e.id === tip.faq);
  const learnMore: EntryRef = entry ? entryRef(entry) : { id: tip.faq, title: tip.faq };
  return {
    kind: 'tip',
    tipId: tip.id,
    learnMore,
    title: 'Containers vs VMs: tip of the day',
    body: tip.text,
    sources: sourceRefs(k, tip.sources),
    related: [learnMore],
    footer: `Tip #${tip.id}`,
  };
}

export function buildTopicsCard(k: Knowledge): TopicsCard {
  const groups = new Map<string, EntryRef[]>();
  for (const e of k.faq) {
    const tag = e.tags[0] as string; // the schema requires at least one tag
    (groups.get(tag) ?? groups.set(tag, []).get(tag))?.push(entryRef(e));
  }
  return {
    kind: 'topics',
    groups: [...groups.entries()].map(([tag, entries]) => ({ tag, entries })),
    title: `Everything I can answer (${k.faq.length} topics)`,
    body: 'Ask in your own words, or use a topic id: `/vmvc why-lighter`.',
    sources: [],
    related: [],
    footer: `Also: /vmvc compare for the VM-vs-container table (${k.comparison.length} dimensions).`,
  };
}

export function buildHelpCard(k: Knowledge, commands: HelpCard['commands']): HelpCard {
  const examples = ['why are containers lighter than VMs?', 'how fast does a container start?', 'can I run Linux containers on Windows?', 'compare security'];
  return {
    kind: 'help',
    commands,
    examples,
    title: 'vmvc: Docker containers vs virtual machines',
    body: `I answer questions about how Docker containers differ from virtual machines, from a curated knowledge base of ${k.faq.length} topics.`,
    sources: [],
    related: pinnedRefs(k),
    footer: 'Answers cite the articles they come from.',
  };
}
