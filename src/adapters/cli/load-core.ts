import { createCore, type Core, type CoreOptions } from '../../core/create-core.js';
import { defaultKnowledgeDir, loadKnowledge, type LoadOptions } from '../../core/knowledge/load.js';
import type { Knowledge } from '../../core/knowledge/schema.js';

/** Knowledge folder for CLI commands: --dir, then KNOWLEDGE_DIR, then the repo's own. */
export function knowledgeFor(env: Record<string, string | undefined>, dir?: string, options: LoadOptions = {}): Knowledge {
  const chosen = dir ?? (env.KNOWLEDGE_DIR && env.KNOWLEDGE_DIR !== '' ? env.KNOWLEDGE_DIR : undefined);
  return loadKnowledge(chosen ?? defaultKnowledgeDir(), options);
}

export function coreFor(env: Record<string, string | undefined>, options: CoreOptions = {}, dir?: string): Core {
  return createCore(knowledgeFor(env, dir), options);
}
