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

/**
 * How problems name a knowledge folder: relative to the working directory when
 * it is inside it (`knowledge/faq.yaml` from the project folder), otherwise the
 * absolute path, so `--dir` and KNOWLEDGE_DIR problems point at the files read.
 */
export function knowledgeFolderLabel(dir: string): string {
  const absolute = path.resolve(dir);
  const relative = path.relative(process.cwd(), absolute);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : absolute;
}
