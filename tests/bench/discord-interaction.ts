import { pathToFileURL } from 'node:url';
import { askCommand } from '../fixtures/discord/interactions.js';
import { startBotAgainstFake } from '../fixtures/discord/start-bot.js';

/**
 * Time from INTERACTION_CREATE leaving the fake gateway to the bot's callback
 * POST arriving at the fake REST, over loopback, with the real discord.js
 * client, core and knowledge. Discord allows 3 s; this shows how much of it we use.
 */
const INTERACTIONS = 1_000;
const WARMUP = 50;
const QUESTIONS = [
  'why are containers lighter than VMs?',
  'why-lighter',
  'how fast does a container start?',
  'do containers share the host kernel',
  'can I run Linux containers on Windows?',
  'is a vm more secure than docker',
  'startup-time',
  'what is the best pizza in naples',
];

function percentile(sorted: readonly number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

export async function runDiscordInteractionBench(): Promise<void> {
  // Cooldown 0: every answer takes the visible path (claim + post), the common case.
  const bot = await startBotAgainstFake({ cooldownSeconds: 0, logLevel: 'warn' });
  try {
    const samples: number[] = [];
    for (let i = 0; i < WARMUP + INTERACTIONS; i++) {
      const payload = askCommand(QUESTIONS[i % QUESTIONS.length] as string);
      const sentAt = bot.fake.dispatch('INTERACTION_CREATE', payload);
      const callback = await bot.fake.waitForCallback(payload.id, 3_000);
      if (i >= WARMUP) samples.push(Number(callback.receivedAt - sentAt) / 1e6);
    }
    samples.sort((a, b) => a - b);
    const fmt = (ms: number) => ms.toFixed(2);
    process.stdout.write(
      `discord interaction → callback over loopback (${INTERACTIONS} asks, ${WARMUP} warm-up): ` +
        `p50 ${fmt(percentile(samples, 50))} ms, p99 ${fmt(percentile(samples, 99))} ms, max ${fmt(samples.at(-1) ?? Number.NaN)} ms\n`,
    );
  } finally {
    await bot.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runDiscordInteractionBench();
}
