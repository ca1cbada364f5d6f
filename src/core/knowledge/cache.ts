import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TextMemoData } from '../match/text-memo.js';
import type { Knowledge } from './schema.js';

/**
 * Validated knowledge is cached as JSON under the OS temp folder, keyed by the
 * files' bytes and by the validating code itself, so a CLI call or a restart
 * skips YAML parsing and validation unless something changed.
 */
const CACHE_DIR = path.join(os.tmpdir(), 'vmvc-knowledge-cache');
// Compiled (.js) or, under vitest, the sources (.ts): whichever exists is hashed.
const VALIDATOR_FILES = ['schema', 'cross-check', 'load', 'files', 'cache'].flatMap((f) => [new URL(`./${f}.js`, import.meta.url), new URL(`./${f}.ts`, import.meta.url)]);

export function cacheKey(texts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of VALIDATOR_FILES) {
    try {
      hash.update(readFileSync(file));
    } catch {
      // The other of the .js/.ts pair; absent by design.
    }
  }
  for (const text of texts) hash.update('\0').update(text);
  return hash.digest('hex').slice(0, 40);
}

export function readCache(key: string): Knowledge | undefined {
  try {
    return JSON.parse(readFileSync(path.join(CACHE_DIR, `${key}.json`), 'utf8')) as Knowledge;
  } catch {
    return undefined;
  }
}

export function writeCache(key: string, knowledge: Knowledge): void {
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    const tmp = path.join(CACHE_DIR, `${key}.${process.pid}.tmp`);
    writeFileSync(tmp, JSON.stringify(knowledge));
    renameSync(tmp, path.join(CACHE_DIR, `${key}.json`)); // atomic: readers never see half a file
  } catch {
    // A read-only or full temp folder only costs speed.
  }
}


/**
 * The validated knowledge from the cache when the files have not changed, or
 * undefined. Needs neither the YAML parser nor zod, which are most of a cold
 * `vmvc ask`; the caller falls back to loadKnowledge.
 */
export function readCachedKnowledge(dir: string, files: readonly string[]): Knowledge | undefined {
  try {
    return readCache(cacheKey(files.map((f) => readFileSync(path.join(dir, f), 'utf8'))));
  } catch {
    return undefined;
  }
}

// The normaliser's code: normalised text saved by an older version must not be reused.
const NORMALISER_FILES = ['normalize', 'stem', 'strip-markup'].flatMap((f) => [new URL(`../match/${f}.js`, import.meta.url), new URL(`../match/${f}.ts`, import.meta.url)]);

function savedTextPath(language: Knowledge['language']): string {
  const hash = createHash('sha256').update(JSON.stringify(language));
  for (const file of NORMALISER_FILES) {
    try {
      hash.update(readFileSync(file));
    } catch {
      // The other of the .js/.ts pair; absent by design.
    }
  }
  return path.join(CACHE_DIR, `text-${hash.digest('hex').slice(0, 40)}.json`);
}

/** The knowledge's normalised text saved by an earlier start with the same vocabulary and normaliser. */
export function readSavedText(language: Knowledge['language']): TextMemoData | undefined {
  try {
    return JSON.parse(readFileSync(savedTextPath(language), 'utf8')) as TextMemoData;
  } catch {
    return undefined;
  }
}

export function saveText(language: Knowledge['language'], data: TextMemoData): void {
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    const file = savedTextPath(language);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(data));
    renameSync(tmp, file);
  } catch {
    // A read-only or full temp folder only costs speed.
  }
}
