/**
 * Run as its own process by the engine bench: the memory of a process that has
 * loaded the knowledge and built the core, and nothing else (the bench process
 * itself also holds Bolt and discord.js).
 */
import { createCore } from '../../src/core/create-core.js';
import { loadKnowledge } from '../../src/core/knowledge/load.js';

const core = createCore(loadKnowledge());
core.ask('warm up: why are containers lighter', { platform: 'cli' });
(globalThis as { gc?: () => void }).gc?.();
const { rss, heapUsed } = process.memoryUsage();
process.stdout.write(JSON.stringify({ rss, heapUsed }));
