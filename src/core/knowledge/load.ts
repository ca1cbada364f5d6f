import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import {
  KNOWLEDGE_FILES,
  comparisonFileSchema,
  faqFileSchema,
  sourcesFileSchema,
  synonymsSchema,
  tipsFileSchema,
  type Knowledge,
} from './schema.js';
import { crossCheckKnowledge } from './cross-check.js';

/** Raised when knowledge files are unreadable or invalid; lists every problem found. */
export class KnowledgeError extends Error {
  readonly code = 'E_KNOWLEDGE';
  constructor(readonly problems: string[]) {
    super(`Knowledge base has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'KnowledgeError';
  }
}

/** The repo's own knowledge folder, found relative to this file (src/ or dist/src/). */
export function defaultKnowledgeDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const up = here.includes(`${path.sep}dist${path.sep}`) ? '../../../..' : '../../..';
  return path.resolve(here, up, 'knowledge');
}

type FileKey = keyof typeof KNOWLEDGE_FILES;

const SCHEMAS = {
  sources: sourcesFileSchema,
  faq: faqFileSchema,
  comparison: comparisonFileSchema,
  tips: tipsFileSchema,
  language: synonymsSchema,
} as const;

/** Reads, parses and validates every knowledge file; throws KnowledgeError listing all problems. */
export function loadKnowledge(dir: string = defaultKnowledgeDir()): Knowledge {
  const problems: string[] = [];
  const parsed: Partial<Record<FileKey, unknown>> = {};
  for (const key of Object.keys(KNOWLEDGE_FILES) as FileKey[]) {
    const label = `knowledge/${KNOWLEDGE_FILES[key]}`;
    const raw = readYaml(path.join(dir, KNOWLEDGE_FILES[key]), label, problems);
    if (raw === undefined) continue;
    const result = SCHEMAS[key].safeParse(raw);
    if (result.success) parsed[key] = result.data;
    else problems.push(...result.error.issues.map((issue) => describeIssue(label, raw, issue)));
  }
  if (problems.length > 0) throw new KnowledgeError(problems);
  const knowledge: Knowledge = {
    sources: (parsed.sources as z.infer<typeof sourcesFileSchema>).sources,
    faq: (parsed.faq as z.infer<typeof faqFileSchema>).entries,
    comparison: (parsed.comparison as z.infer<typeof comparisonFileSchema>).dimensions,
    tips: (parsed.tips as z.infer<typeof tipsFileSchema>).tips,
    language: parsed.language as z.infer<typeof synonymsSchema>,
  };
  const crossProblems = crossCheckKnowledge(knowledge);
  if (crossProblems.length > 0) throw new KnowledgeError(crossProblems);
  return knowledge;
}

function readYaml(file: string, label: string, problems: string[]): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    problems.push(`${label}: cannot read the file (${code === 'ENOENT' ? 'it does not exist' : code ?? String(err)})`);
    return undefined;
  }
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
      problems.push(`${label}: invalid YAML${where}: ${err.message.split('\n')[0]}`);
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
