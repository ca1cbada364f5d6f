import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningDiscord } from '../../../src/adapters/discord/start-discord.js';
import { createDrainGate } from '../../../src/http/drain-gate.js';
import { startHttpServer, type RunningHttpServer } from '../../../src/http/http-server.js';
import { encodeAction } from '../../../src/core/card-actions.js';
import { createLogger } from '../../../src/log.js';
import { askCommand, autocompleteQuestion, buttonClick, messageCommand, nextInteractionId } from '../../fixtures/discord/interactions.js';
import { generateTestKeys, postInteraction, signedHeaders, type TestKeys } from '../../fixtures/discord/signed-interaction.js';
import { startBotAgainstFake, type BotHarness } from '../../fixtures/discord/start-bot.js';

/**
 * Discord HTTP interactions mode through real interfaces: the real discord.js
 * client (never logged in), the real handlers, our HTTP server on loopback,
 * requests signed with a key pair made here, and replies landing at the local
 * Discord fake as interaction callbacks. No gateway connection is opened.
 */
let keys: TestKeys;
let bot: BotHarness;
let server: RunningHttpServer;
let url: string;

beforeAll(async () => {
  keys = generateTestKeys();
  bot = await startBotAgainstFake({ env: { DISCORD_PUBLIC_KEY: keys.publicKeyHex } });
  const route = (bot.adapter as RunningDiscord).interactionsRoute;
  if (!route) throw new Error('HTTP mode did not hand back the interactions route');
  server = await startHttpServer({ host: '127.0.0.1', port: 0, routes: [route], gate: createDrainGate(), log: createLogger({ level: 'silent' }), portVariable: 'PORT' });
  url = `http://127.0.0.1:${server.address.port}/discord/interactions`;
});
afterAll(async () => {
  await server?.close();
  await bot?.close();
});

const callbacksFor = (id: string) => bot.fake.requests.filter((r) => r.method === 'POST' && r.path.startsWith(`/interactions/${id}/`) && r.path.endsWith('/callback'));

/** Posts a signed interaction and waits until its callback reached the fake. */
async function answered(payload: { id: string }) {
  const res = await postInteraction(url, keys, payload);
  const callback = await bot.fake.waitForCallback(payload.id);
  return { res, callback: callback.body as { type: number; data?: Record<string, unknown> } };
}

describe('Discord HTTP interactions', () => {
  it('opens no gateway connection', () => {
    expect(bot.fake.connections()).toBe(0);
    expect(bot.fake.requests.some((r) => r.path === '/gateway/bot')).toBe(false);
  });

  it('answers PING with PONG', async () => {
    const res = await postInteraction(url, keys, { id: nextInteractionId(), type: 1, application_id: '111111111111111111', token: 'x', version: 1 });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ type: 1 });
  });

  it('refuses a wrong key, a tampered body, a missing or stale signature with 401, and handles none of them', async () => {
    const payload = askCommand('why are containers lighter');
    const other = generateKeyPairSync('ed25519').privateKey;
    expect((await postInteraction(url, keys, payload, { key: other })).status).toBe(401);
    expect((await postInteraction(url, keys, payload, { signature: 'ab'.repeat(64) })).status).toBe(401);
    expect((await postInteraction(url, keys, payload, { signature: 'not hex' })).status).toBe(401);
    expect((await postInteraction(url, keys, payload, { timestamp: Math.floor(Date.now() / 1000) - 3600 })).status).toBe(401);
    const unsigned = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
    expect(unsigned.status).toBe(401);
    // Signed for one body, sent with another.
    const body = JSON.stringify(payload);
    const tampered = await fetch(url, { method: 'POST', headers: signedHeaders(keys, body), body: body.replace('lighter', 'heavier') });
    expect(tampered.status).toBe(401);
    expect(callbacksFor(payload.id)).toHaveLength(0);
  });

  it('refuses a body over the limit with 413 before reading it', async () => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(300 * 1024) });
    expect(res.status).toBe(413);
  });

  it('answers a slash command once, with the answer card, and the HTTP request with 202 and no body', async () => {
    const payload = askCommand('why are containers lighter than vms');
    const { res, callback } = await answered(payload);
    expect(res.status).toBe(202);
    expect(res.body).toBe('');
    expect(callback.type).toBe(4);
    expect((callback.data?.embeds as { title?: string }[])[0]?.title).toBe('Why are containers lighter than VMs?');
    expect(callbacksFor(payload.id)).toHaveLength(1);
  });

  it('answers autocomplete once with choices', async () => {
    const payload = autocompleteQuestion('hypervis');
    const { res, callback } = await answered(payload);
    expect(res.status).toBe(202);
    expect(callback.type).toBe(8);
    expect((callback.data?.choices as unknown[]).length).toBeGreaterThan(0);
    expect(callbacksFor(payload.id)).toHaveLength(1);
  });

  it('answers a button click once', async () => {
    const payload = buttonClick(encodeAction({ type: 'show', entryId: 'why-lighter' }));
    const { res, callback } = await answered(payload);
    expect(res.status).toBe(202);
    expect([4, 7]).toContain(callback.type);
    expect(callbacksFor(payload.id)).toHaveLength(1);
  });

  it('answers the "Answer with vmvc" message command once, privately', async () => {
    const payload = messageCommand({ content: 'why are containers lighter than VMs?' });
    const { res, callback } = await answered(payload);
    expect(res.status).toBe(202);
    expect(callback.type).toBe(4);
    expect(((callback.data?.flags as number) ?? 0) & 64).toBe(64);
    expect(callbacksFor(payload.id)).toHaveLength(1);
  });

  it('answers a signed body that is not an interaction, or one discord.js cannot read, with 400', async () => {
    expect((await postInteraction(url, keys, [1, 2, 3])).status).toBe(400);
    expect((await postInteraction(url, keys, { id: nextInteractionId(), type: 2 })).status).toBe(400);
    expect((await postInteraction(url, keys, { id: nextInteractionId(), type: 99 })).status).toBe(400);
  });
});

describe('Discord HTTP interactions with help channels on', () => {
  it('keeps a gateway connection (help channels read messages) and says only one copy should hold it', async () => {
    const helpKeys = generateTestKeys();
    const withHelp = await startBotAgainstFake({ env: { DISCORD_PUBLIC_KEY: helpKeys.publicKeyHex, DISCORD_HELP_CHANNELS_ENABLED: 'true' } });
    try {
      expect((withHelp.adapter as RunningDiscord).interactionsRoute).toBeDefined();
      expect(withHelp.fake.connections()).toBe(1);
      const line = await withHelp.waitForLog((l) => l.msg.startsWith('DISCORD_HELP_CHANNELS_ENABLED keeps a gateway connection'));
      expect(line.msg).toMatch(/enable it on one copy only/);
    } finally {
      await withHelp.close();
    }
  });
});
