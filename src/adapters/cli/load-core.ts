import type { AskOptions } from '../../core/commands/ask.js';
import type { Reply } from '../../core/commands/command.js';
import type { Core, CoreOptions } from '../../core/create-core.js';
import { readCachedKnowledge, savedIndexFor } from '../../core/knowledge/cache.js';
import { KNOWLEDGE_FILES, defaultKnowledgeDir } from '../../core/knowledge/files.js';
import type { LoadOptions } from '../../core/knowledge/load.js';
import type { Knowledge } from '../../core/knowledge/schema.js';

/**
 * Knowledge folder for CLI commands: --dir, then KNOWLEDGE_DIR, then the repo's
 * own. Unchanged knowledge comes from the validated cache without loading the
 * YAML parser or zod (most of a cold `vmvc ask`); anything else is validated.
 */
export async function knowledgeFor(env: Record<string, string | undefined>, dir?: string, options: LoadOptions = {}): Promise<Knowledge> {
  const chosen = dir ?? (env.KNOWLEDGE_DIR && env.KNOWLEDGE_DIR !== '' ? env.KNOWLEDGE_DIR : undefined) ?? defaultKnowledgeDir();
  if (options.cache !== false) {
    const cached = readCachedKnowledge(chosen, Object.values(KNOWLEDGE_FILES));
    if (cached) return cached;
  }
  const { loadKnowledge } = await import('../../core/knowledge/load.js');
  return loadKnowledge(chosen, options);
}

export async function coreFor(env: Record<string, string | undefined>, options: CoreOptions = {}, dir?: string): Promise<Core> {
  const { createCore } = await import('../../core/create-core.js');
  const knowledge = await knowledgeFor(env, dir);
  // The built index, saved by an earlier start: building it is most of a cold `vmvc ask`.
  const saved = savedIndexFor(knowledge);
  const core = createCore(knowledge, { ...options, ...(saved.data && { savedIndex: saved.data }) });
  if (saved.data === undefined) saved.save(core.index.data());
  return core;
}

/** What `vmvc ask` needs: the engine and the answer cards, without the rest of the core. */
export interface Asker {
  ask(question: string, options?: AskOptions): Reply;
}

/**
 * The answer engine alone, for `vmvc ask`: the same index (saved or built) and
 * the same askQuestion the core runs, but none of the other commands' modules,
 * which a cold ask would otherwise load for nothing. The CLI records no asks.
 */
export async function askerFor(env: Record<string, string | undefined>, dir?: string): Promise<Asker> {
  const [{ matchIndexFrom }, { askQuestion }, { committedModels }] = await Promise.all([
    import('../../core/match/match-index.js'),
    import('../../core/commands/ask.js'),
    import('../../core/match/committed-models.js'),
  ]);
  committedModels(); // weights fitted for other features stop the command, not each question
  const knowledge = await knowledgeFor(env, dir);
  const saved = savedIndexFor(knowledge);
  let index;
  if (saved.data !== undefined) index = matchIndexFrom(knowledge, saved.data);
  else {
    // Only a first start after a change builds the index, and only it compiles the fitted modules.
    const { buildMatchIndex } = await import('../../core/match/build-match-index.js');
    index = buildMatchIndex(knowledge);
    saved.save(index.data());
  }
  const ctx = { knowledge, index, random: Math.random, usage: [] };
  return { ask: (question, options) => askQuestion(question, ctx, options) };
}
