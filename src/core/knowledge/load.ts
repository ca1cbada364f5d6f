import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { z } from 'zod';
import {
  comparisonFileSchema,
  faqFileSchema,
  intentSchema,
  sourcesFileSchema,
  synonymsSchema,
  tipsFileSchema,
  type Knowledge,
} from './schema.js';
import { crossCheckKnowledge } from './cross-check.js';
import { cacheKey, readCache, writeCache } from './cache.js';
import { KnowledgeError } from './knowledge-error.js';
import { KNOWLEDGE_FILES, defaultKnowledgeDir, knowledgeFolderLabel } from './files.js';

export { defaultKnowledgeDir };
export { KnowledgeError };



type FileKey = keyof typeof KNOWLEDGE_FILES;

const SCHEMAS = {
  sources: sourcesFileSchema,
  faq: faqFileSchema,
  comparison: comparisonFileSchema,
  tips: tipsFileSchema,
  language: synonymsSchema,
  intent: intentSchema,
} as const;

// The YAML parser is loaded only when the cache misses: it is most of a cold start.
const requireLazily = createRequire(import.meta.url);
type YamlModule = typeof import('yaml');

export interface LoadOptions {
  /** Use and fill the validated-knowledge cache (default true). `vmvc check` turns it off. */
  cache?: boolean;
}

/** Reads, parses and validates every knowledge file; throws KnowledgeError listing all problems. */
export function loadKnowledge(dir: string = defaultKnowledgeDir(), options: LoadOptions = {}): Knowledge {
  const folder = knowledgeFolderLabel(dir);
  // A wrong KNOWLEDGE_DIR or --dir is one mistake: one line naming the folder, not one per file.
  const missing = folderProblem(dir);
  if (missing) throw new KnowledgeError([missing]);
  const problems: string[] = [];
  const texts = new Map<FileKey, string>();
  for (const key of Object.keys(KNOWLEDGE_FILES) as FileKey[]) {
    const text = readText(path.join(dir, KNOWLEDGE_FILES[key]), `${folder}/${KNOWLEDGE_FILES[key]}`, problems);
    if (text !== undefined) texts.set(key, text);
  }
  if (problems.length > 0) throw new KnowledgeError(problems);
  const useCache = options.cache ?? true;
  const key = cacheKey([...texts.values()]);
  const cached = useCache ? readCache(key) : undefined;
  if (cached) return cached;

  const parsed: Partial<Record<FileKey, unknown>> = {};
  const raws: Partial<Record<FileKey, unknown>> = {};
  for (const [fileKey, text] of texts) {
    const label = `${folder}/${KNOWLEDGE_FILES[fileKey]}`;
    const raw = parseYamlText(text, label, problems);
    if (raw === undefined) continue;
    raws[fileKey] = raw;
    const result = SCHEMAS[fileKey].safeParse(raw);
    if (result.success) parsed[fileKey] = result.data;
    else problems.push(...result.error.issues.map((issue) => describeIssue(label, raw, issue)));
  }
  if (problems.length > 0) {
    // Cross-references into a file that is not even YAML would all look dangling; skip them then.
    const allParsed = Object.keys(raws).length === texts.size;
    throw new KnowledgeError(allParsed ? [...problems, ...looseCrossCheck(parsed, raws, problems, folder)] : problems);
  }
  const knowledge: Knowledge = {
    sources: (parsed.sources as z.infer<typeof sourcesFileSchema>).sources,
    faq: (parsed.faq as z.infer<typeof faqFileSchema>).entries,
    comparison: (parsed.comparison as z.infer<typeof comparisonFileSchema>).dimensions,
    tips: (parsed.tips as z.infer<typeof tipsFileSchema>).tips,
    language: parsed.language as z.infer<typeof synonymsSchema>,
    intent: parsed.intent as z.infer<typeof intentSchema>,
  };
  const crossProblems = crossCheckKnowledge(knowledge, folder);
  if (crossProblems.length > 0) throw new KnowledgeError(crossProblems);
  if (useCache) writeCache(key, knowledge);
  return knowledge;
}

/**
 * With schema errors present, still report the cross-reference problems (a
 * duplicate id, a dangling link) over whatever parsed, so one `vmvc check`
 * lists everything. Entries that are not even objects are skipped.
 */
function looseCrossCheck(parsed: Partial<Record<FileKey, unknown>>, raws: Partial<Record<FileKey, unknown>>, already: string[], folder: string): string[] {
  const list = <T>(key: FileKey, field: string): T[] => {
    const value = (parsed[key] ?? raws[key]) as Record<string, unknown> | undefined;
    const items = value?.[field];
    return Array.isArray(items) ? (items.filter((x) => x !== null && typeof x === 'object') as T[]) : [];
  };
  const arrays = (items: Record<string, unknown>[], fields: string[]) =>
    items.map((item) => {
      const copy = { ...item };
      for (const f of fields) if (!Array.isArray(copy[f])) copy[f] = [];
      for (const f of ['id', 'question', 'faq']) if (copy[f] !== undefined && typeof copy[f] !== 'string' && typeof copy[f] !== 'number') delete copy[f];
      return copy;
    });
  const language = (parsed.language ?? raws.language) as Record<string, unknown> | undefined;
  try {
    const loose = {
      sources: list<Record<string, unknown>>('sources', 'sources'),
      faq: arrays(list<Record<string, unknown>>('faq', 'entries'), ['aliases', 'related', 'sources', 'keywords', 'tags']).filter((e) => typeof e.id === 'string' && typeof e.question === 'string'),
      comparison: arrays(list<Record<string, unknown>>('comparison', 'dimensions'), ['sources', 'aliases']),
      tips: arrays(list<Record<string, unknown>>('tips', 'tips'), ['sources']),
      language: {
        synonyms: language?.synonyms !== null && typeof language?.synonyms === 'object' ? language.synonyms : {},
        stopwords: [],
        spellings: {},
        anchors: [],
      },
    } as unknown as Knowledge; // best effort over unvalidated data, inside try
    const seen = new Set(already);
    return crossCheckKnowledge(loose, folder).filter((p) => !seen.has(p));
  } catch {
    return [];
  }
}

/** The one problem when the folder itself is missing or not a folder; undefined when it is there. */
function folderProblem(dir: string): string | undefined {
  try {
    if (!statSync(dir).isDirectory()) return `knowledge folder ${path.resolve(dir)} is not a folder`;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return `knowledge folder ${path.resolve(dir)} does not exist`;
    // Anything else (permissions) shows up below, file by file, with its code.
  }
  return undefined;
}

function readText(file: string, label: string, problems: string[]): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    problems.push(`${label}: cannot read the file (${code === 'ENOENT' ? 'it does not exist' : code ?? String(err)})`);
    return undefined;
  }
}

function parseYamlText(text: string, label: string, problems: string[]): unknown {
  const { parse: parseYaml, YAMLParseError } = requireLazily('yaml') as YamlModule;
  try {
    const value: unknown = parseYaml(text, { prettyErrors: true, uniqueKeys: true });
    if (value === null || value === undefined) {
      problems.push(`${label}: the file is empty`);
      return undefined;
    }
    return value;
  } catch (err) {
    if (err instanceof YAMLParseError) {
      const where = err.linePos?.[0] ? ` at line ${err.linePos[0].line}, column ${err.linePos[0].col}` : '';
      problems.push(`${label}: invalid YAML${where}: ${(err.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '').replace(/:$/, '')}`);
    } else {
      problems.push(`${label}: invalid YAML: ${String(err)}`);
    }
    return undefined;
  }
}

/** "knowledge/faq.yaml: entry 'startup-time': aliases: expected at least 5 items" */
function describeIssue(label: string, raw: unknown, issue: z.core.$ZodIssue): string {
  const [listKey, index, ...rest] = issue.path;
  if (typeof listKey === 'string' && typeof index === 'number') {
    const item = (raw as Record<string, unknown[]>)[listKey]?.[index] as Record<string, unknown> | undefined;
    const id = item && (typeof item.id === 'string' || typeof item.id === 'number') ? `'${item.id}'` : `#${index + 1}`;
    const noun = listKey === 'entries' ? 'entry' : listKey === 'dimensions' ? 'dimension' : listKey === 'tips' ? 'tip' : 'source';
    const field = rest.length > 0 ? `${rest.map(String).join('.')}: ` : '';
    return `${label}: ${noun} ${id}: ${field}${issueMessage(issue)}`;
  }
  const field = issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
  return `${label}: ${field}${issueMessage(issue)}`;
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return 'is missing';
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
  if (issue.code === 'too_small' && issue.origin === 'array') return `expected at least ${String(issue.minimum)} items`;
  if (issue.code === 'too_big' && issue.origin === 'string') return `must be at most ${String(issue.maximum)} characters`;
  return issue.message;
}
