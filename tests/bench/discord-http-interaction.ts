import { pathToFileURL } from 'node:url';
import type { RunningDiscord } from '../../src/adapters/discord/start-discord.js';
import { createDrainGate } from '../../src/http/drain-gate.js';
import { startHttpServer } from '../../src/http/http-server.js';
import { createLogger } from '../../src/log.js';
import { askCommand } from '../fixtures/discord/interactions.js';
import { generateTestKeys, signedHeaders } from '../fixtures/discord/signed-interaction.js';
import { startBotAgainstFake } from '../fixtures/discord/start-bot.js';

/**
 * Discord HTTP interactions mode over loopback: from a signed POST to
 * /discord/interactions leaving the client to (a) the bot's callback reaching
 * the fake REST and (b) the 202 coming back, with signature checks, the real
 * discord.js client, core and knowledge. Discord allows 3 s for both.
 */
const INTERACTIONS = 1_000;
const WARMUP = 50;
const QUESTIONS = ['why are containers lighter than VMs?', 'why-lighter', 'how fast does a container start?', 'is a vm more secure than docker', 'what is the best pizza in naples'];

function percentile(sorted: readonly number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

export async function runDiscordHttpInteractionBench(): Promise<void> {
  const keys = generateTestKeys();
  const bot = await startBotAgainstFake({ cooldownSeconds: 0, logLevel: 'warn', env: { DISCORD_PUBLIC_KEY: keys.publicKeyHex } });
  const route = (bot.adapter as RunningDiscord).interactionsRoute;
  if (!route) throw new Error('no interactions route: DISCORD_PUBLIC_KEY was not applied');
  const server = await startHttpServer({ host: '127.0.0.1', port: 0, routes: [route], gate: createDrainGate(), log: createLogger({ level: 'silent' }), portVariable: 'PORT' });
  const url = `http://127.0.0.1:${server.address.port}/discord/interactions`;
  try {
    const toCallback: number[] = [];
    const toAck: number[] = [];
    for (let i = 0; i < WARMUP + INTERACTIONS; i++) {
      const payload = askCommand(QUESTIONS[i % QUESTIONS.length] as string);
      const body = JSON.stringify(payload);
      const headers = signedHeaders(keys, body);
      const sentAt = process.hrtime.bigint();
      const res = await fetch(url, { method: 'POST', headers, body });
      const ackAt = process.hrtime.bigint();
      await res.arrayBuffer();
      if (res.status !== 202) throw new Error(`expected 202, got ${res.status}`);
      const callback = await bot.fake.waitForCallback(payload.id, 3_000);
      if (i >= WARMUP) {
        toCallback.push(Number(callback.receivedAt - sentAt) / 1e6);
        toAck.push(Number(ackAt - sentAt) / 1e6);
      }
    }
    toCallback.sort((a, b) => a - b);
    toAck.sort((a, b) => a - b);
    const fmt = (s: number[]) => `p50 ${percentile(s, 50).toFixed(2)} ms, p99 ${percentile(s, 99).toFixed(2)} ms, max ${(s.at(-1) ?? Number.NaN).toFixed(2)} ms`;
    process.stdout.write(
      `discord HTTP interaction over loopback (${INTERACTIONS} asks, ${WARMUP} warm-up): → callback ${fmt(toCallback)}; → 202 ${fmt(toAck)}\n`,
    );
  } finally {
    await server.close();
    await bot.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runDiscordHttpInteractionBench();
}
