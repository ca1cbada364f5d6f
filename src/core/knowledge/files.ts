import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** File name of each part of the knowledge, in load order. */
export const KNOWLEDGE_FILES = {
  sources: 'sources.yaml',
  faq: 'faq.yaml',
  comparison: 'comparison.yaml',
  tips: 'tips.yaml',
  language: 'language.yaml',
  intent: 'intent.yaml',
} as const;

/** The repo's own knowledge folder, found relative to this file (src/ or dist/src/). */
export function defaultKnowledgeDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const up = here.includes(`${path.sep}dist${path.sep}`) ? '../../../..' : '../../..';
  return path.resolve(here, up, 'knowledge');
}
