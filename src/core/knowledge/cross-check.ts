import type { Knowledge } from './schema.js';

/** Normalises a phrasing for duplicate detection: case, spacing and punctuation do not count. */
function phrasingKey(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Checks that the parts of the knowledge base agree with each other; returns
 * every problem, each naming its file inside `folder` (as knowledgeFolderLabel gives it).
 */
export function crossCheckKnowledge(k: Knowledge, folder = 'knowledge'): string[] {
  const problems: string[] = [];
  const sourceIds = new Set<string>();
  for (const s of k.sources) {
    if (sourceIds.has(s.id)) problems.push(`${folder}/sources.yaml: source '${s.id}': id: duplicate id`);
    sourceIds.add(s.id);
  }
  const faqIds = new Set<string>();
  for (const e of k.faq) {
    if (faqIds.has(e.id)) problems.push(`${folder}/faq.yaml: entry '${e.id}': id: duplicate id`);
    faqIds.add(e.id);
  }
  const dimensionIds = new Set<string>();
  for (const d of k.comparison) {
    if (dimensionIds.has(d.id)) problems.push(`${folder}/comparison.yaml: dimension '${d.id}': id: duplicate id`);
    dimensionIds.add(d.id);
  }
  // Slugs and command names share the `/vmvc <word>` space.
  for (const reserved of ['help', 'topics', 'compare', 'tip', 'tips', 'show', 'ask', 'check', 'report']) {
    if (faqIds.has(reserved)) problems.push(`${folder}/faq.yaml: entry '${reserved}': id: '${reserved}' is a command name`);
  }

  const owner = new Map<string, string>();
  for (const e of k.faq) {
    const where = `${folder}/faq.yaml: entry '${e.id}'`;
    for (const id of e.related) {
      if (id === e.id) problems.push(`${where}: related: refers to itself`);
      else if (!faqIds.has(id)) problems.push(`${where}: related: unknown entry '${id}'`);
    }
    for (const id of e.sources) if (!sourceIds.has(id)) problems.push(`${where}: sources: unknown source '${id}'`);
    const own = new Set<string>();
    // The slug's words count as a phrasing for clashes with other entries, but may repeat an alias.
    owner.set(phrasingKey(e.id.replace(/-/g, ' ')), owner.get(phrasingKey(e.id.replace(/-/g, ' '))) ?? e.id);
    for (const phrasing of [e.question, ...e.aliases]) {
      const key = phrasingKey(phrasing);
      if (key === '') {
        problems.push(`${where}: aliases: '${phrasing}' has no words`);
        continue;
      }
      const other = owner.get(key);
      if (other !== undefined && other !== e.id) {
        problems.push(`${where}: aliases: '${phrasing}' is also a phrasing of entry '${other}'`);
      } else if (own.has(key) && phrasing !== e.question) {
        problems.push(`${where}: aliases: '${phrasing}' is listed twice`);
      }
      own.add(key);
      owner.set(key, e.id);
    }
  }
  for (const d of k.comparison) {
    const where = `${folder}/comparison.yaml: dimension '${d.id}'`;
    if (d.faq !== undefined && !faqIds.has(d.faq)) problems.push(`${where}: faq: unknown entry '${d.faq}'`);
    for (const id of d.sources) if (!sourceIds.has(id)) problems.push(`${where}: sources: unknown source '${id}'`);
  }
  const tipIds = new Set<number>();
  for (const t of k.tips) {
    const where = `${folder}/tips.yaml: tip '${t.id}'`;
    if (tipIds.has(t.id)) problems.push(`${where}: id: duplicate id`);
    tipIds.add(t.id);
    if (!faqIds.has(t.faq)) problems.push(`${where}: faq: unknown entry '${t.faq}'`);
    for (const id of t.sources) if (!sourceIds.has(id)) problems.push(`${where}: sources: unknown source '${id}'`);
  }
  for (const [canonical, variants] of Object.entries(k.language.synonyms)) {
    if (!/^[a-z0-9]+$/.test(canonical)) {
      problems.push(`${folder}/language.yaml: synonyms: '${canonical}': must be one lowercase word`);
    }
    for (const v of variants) {
      const key = phrasingKey(v);
      if (key !== canonical && k.language.synonyms[key] !== undefined) {
        problems.push(`${folder}/language.yaml: synonyms: '${canonical}': '${v}' is itself a canonical word`);
      }
    }
  }
  return problems;
}
