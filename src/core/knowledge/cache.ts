import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IndexData } from '../match/index-data.js';
import type { Knowledge } from './schema.js';

/**
 * Validated knowledge is cached as JSON in the user's cache folder, keyed by
 * the files' bytes, the validating code and the runtime, so a CLI call or a
 * restart skips YAML parsing and validation unless something changed. What is
 * read back is served without validation, so the folder is the user's own
 * (mode 0700) and one anyone else could write to is ignored.
 */
const CACHE_DIR = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'vmvc');

function trustedCacheDir(): boolean {
  try {
    const st = statSync(CACHE_DIR);
    const uid = process.getuid?.();
    return st.isDirectory() && (uid === undefined || st.uid === uid) && (st.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

function ensureCacheDir(): void {
  mkdirSync(CACHE_DIR, { recursive: true, mode: 0o700 });
}

/**
 * Files of one kind kept in the cache folder, newest first: every knowledge
 * edit and every upgrade writes a new one, and nothing else would ever remove
 * the old. A few, not one, so two versions of the bot run by one user (an old
 * checkout beside a new one) do not evict each other on every start.
 */
export const CACHE_FILES_KEPT = 4;
const KINDS = [/^[0-9a-f]{40}\.json$/, /^index-[0-9a-f]{40}\.json$/];

/** Drops all but the newest CACHE_FILES_KEPT files of the kind `written` is, and temp files a crashed write left. */
function pruneCache(written: string): void {
  const kind = KINDS.find((k) => k.test(path.basename(written)));
  if (kind === undefined) return;
  const files = readdirSync(CACHE_DIR).flatMap((name) => {
    try {
      return [{ name, mtime: statSync(path.join(CACHE_DIR, name)).mtimeMs }];
    } catch {
      return []; // removed by another process meanwhile
    }
  });
  const hourAgo = Date.now() - 60 * 60 * 1000;
  const stale = [
    ...files.filter((f) => kind.test(f.name)).sort((a, b) => b.mtime - a.mtime).slice(CACHE_FILES_KEPT),
    ...files.filter((f) => f.name.endsWith('.tmp') && f.mtime < hourAgo),
  ];
  for (const f of stale) rmSync(path.join(CACHE_DIR, f.name), { force: true });
}
// Compiled (.js) or, under vitest, the sources (.ts): whichever exists is hashed.
const VALIDATOR_FILES = ['schema', 'cross-check', 'load', 'files', 'cache'].flatMap((f) => [new URL(`./${f}.js`, import.meta.url), new URL(`./${f}.ts`, import.meta.url)]);

/**
 * An installed package's version, or '' when it cannot be found: its
 * package.json in the nearest node_modules folder up from here, which is where
 * Node's resolution finds it. Read directly, because asking the resolver
 * (require.resolve) costs a cold `vmvc ask` more than the rest of this file.
 */
function packageVersion(name: string): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'node_modules', name, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name) return pkg.version ?? '';
    } catch {
      // Not installed at this level; keep walking up.
    }
    if (dir === path.dirname(dir)) return '';
  }
}

const ZOD_VERSION = packageVersion('zod');

export function cacheKey(texts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of VALIDATOR_FILES) {
    try {
      hash.update(readFileSync(file));
    } catch {
      // The other of the .js/.ts pair; absent by design.
    }
  }
  // Another Node.js or zod release may validate the same files differently.
  hash.update(process.version).update(ZOD_VERSION);
  for (const text of texts) hash.update('\0').update(text);
  return hash.digest('hex').slice(0, 40);
}

/**
 * The cache key each knowledge object was read or written under: it already
 * stands for the knowledge's content, so the saved index is keyed by it
 * rather than by hashing the knowledge again.
 */
const keyOf = new WeakMap<Knowledge, string>();

export function readCache(key: string): Knowledge | undefined {
  try {
    if (!trustedCacheDir()) return undefined;
    const knowledge = JSON.parse(readFileSync(path.join(CACHE_DIR, `${key}.json`), 'utf8')) as Knowledge;
    keyOf.set(knowledge, key);
    return knowledge;
  } catch {
    return undefined;
  }
}

export function writeCache(key: string, knowledge: Knowledge): void {
  keyOf.set(knowledge, key);
  try {
    ensureCacheDir();
    const tmp = path.join(CACHE_DIR, `${key}.${process.pid}.tmp`);
    writeFileSync(tmp, JSON.stringify(knowledge));
    renameSync(tmp, path.join(CACHE_DIR, `${key}.json`)); // atomic: readers never see half a file
    pruneCache(`${key}.json`);
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

// The engine's code (the compiled .js, or under vitest the .ts sources): an index built by another version must not be reused.
const MATCH_DIR = new URL('../match/', import.meta.url);

/**
 * The cache file for the index built from this knowledge with the fitted
 * exemplars: keyed by the knowledge, every file of the engine (the exemplars
 * among them), MiniSearch's version (it scores retrieval) and the runtime.
 * By the files' bytes, not their sizes and times: installs from a packed
 * tarball, tar and `cp -p` keep or fix the times, and a refit that changes
 * only digits keeps the sizes, so a stale index would pair old word models
 * with new weights; the hashing costs a cold start a few milliseconds.
 */
function savedIndexPath(knowledge: Knowledge): string {
  const knowledgeKey = keyOf.get(knowledge) ?? JSON.stringify(knowledge);
  const hash = createHash('sha256').update(process.version).update('\0').update(packageVersion('minisearch')).update('\0').update(knowledgeKey);
  for (const file of readdirSync(MATCH_DIR).filter((f) => /\.(js|ts)$/.test(f)).sort()) {
    hash.update('\0').update(file).update('\0').update(readFileSync(new URL(file, MATCH_DIR)));
  }
  return path.join(CACHE_DIR, `index-${hash.digest('hex').slice(0, 40)}.json`);
}

export interface SavedIndex {
  /** The index data an earlier start saved for this knowledge and engine, if any. */
  data: IndexData | undefined;
  /** Saves index data for later starts; a failure only costs speed. */
  save(data: IndexData): void;
}

/** The saved match index for this knowledge (see match/index-data.ts). */
export function savedIndexFor(knowledge: Knowledge): SavedIndex {
  let file: string | undefined;
  try {
    file = savedIndexPath(knowledge);
  } catch {
    // The engine's folder could not be read: no key, so nothing is read or saved.
  }
  const read = (): IndexData | undefined => {
    try {
      if (file === undefined || !trustedCacheDir()) return undefined;
      return JSON.parse(readFileSync(file, 'utf8')) as IndexData;
    } catch {
      return undefined;
    }
  };
  return {
    data: read(),
    save(data) {
      if (file === undefined) return;
      try {
        ensureCacheDir();
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, JSON.stringify(data));
        renameSync(tmp, file);
        pruneCache(file);
      } catch {
        // A read-only or full cache folder only costs speed.
      }
    },
  };
}
