/**
 * `npm run bench`: every benchmark, one after another, in one process.
 * Timing lives here, never in tests.
 */
import { runDiscordHttpInteractionBench } from './discord-http-interaction.js';
import { runDiscordInteractionBench } from './discord-interaction.js';
import { runEngineBench } from './engine.js';
import { runMultiCopyBench } from './multi-copy.js';
import { runSlackAckBench } from './slack-ack.js';
import { runSlackShortcutBench } from './slack-shortcut.js';

await runEngineBench();
console.log('');
await runSlackAckBench();
console.log('');
await runSlackShortcutBench();
console.log('');
await runDiscordInteractionBench();
console.log('');
await runDiscordHttpInteractionBench();
console.log('');
await runMultiCopyBench();
