import type { KeyObject } from 'node:crypto';
import { RESTEvents, type REST } from 'discord.js';
import type { Logger } from '../../log.js';
import { DISCORD_INTERACTIONS_PATH } from '../../http/paths.js';
import { BodyError, readBody, sendEmpty, sendJson, type HttpRoute } from '../../http/routes.js';
import { isValidDiscordSignature } from './verify-signature.js';

export { DISCORD_INTERACTIONS_PATH };

/**
 * An interaction payload is one user's command, click or message command with
 * its resolved message (at most 4,000 characters of content, 10 embeds); a
 * quarter of a megabyte is several times the largest one and still small to hold.
 */
export const MAX_INTERACTION_BODY_BYTES = 256 * 1024;

/**
 * How long the HTTP request waits for the handler's callback before answering
 * anyway. Discord gives an interaction 3 s for its first response; past that
 * the token is dead and waiting longer only holds a connection.
 */
export const ACK_WAIT_MS = 2_800;

const PING = 1;
const PONG = 1;

/** A verified interaction as Discord sent it (API v10); discord.js reads the rest. */
export type InteractionPayload = Record<string, unknown> & { id: string; type: number };

/** Turns a verified payload into a discord.js Interaction and runs it through the one handler set. */
export interface InteractionDispatch {
  /** The handler run, or undefined when discord.js has no Interaction class for the payload. */
  (payload: InteractionPayload): Promise<void> | undefined;
}

/**
 * Tells when Discord has answered the interaction callback a handler sent
 * (POST /interactions/{id}/{token}/callback) through this REST client.
 */
export function trackCallbacks(rest: REST): (interactionId: string) => { done: Promise<void>; cancel(): void } {
  const waiters = new Map<string, () => void>();
  rest.on(RESTEvents.Response, (request) => {
    const id = /^\/interactions\/(\d+)\/[^/]+\/callback$/.exec(request.path)?.[1];
    if (id === undefined) return;
    waiters.get(id)?.();
    waiters.delete(id);
  });
  return (interactionId) => {
    let resolve!: () => void;
    const done = new Promise<void>((r) => (resolve = r));
    waiters.set(interactionId, resolve);
    return { done, cancel: () => waiters.delete(interactionId) };
  };
}

export interface InteractionsRouteOptions {
  publicKey: KeyObject;
  dispatch: InteractionDispatch;
  callbackSent: ReturnType<typeof trackCallbacks>;
  log: Logger;
  now?: () => Date;
}

/**
 * POST /discord/interactions. The reply itself travels the way it does on the
 * gateway path: the handler's interaction.reply() POSTs the interaction
 * callback over REST. Discord's documentation for that case ("Interaction
 * Callback" in discord.com/developers/docs/interactions/receiving-and-responding):
 * "If you send this request for an interaction received over HTTP, respond to
 * the original HTTP request with a 202 and no body." So this route answers
 * 202 once Discord has answered the callback (or the handler ended without
 * one, or ACK_WAIT_MS passed), never a second response in the body. A failed
 * callback is not sent again, by the handler or here.
 */
export function discordInteractionsRoute(options: InteractionsRouteOptions): HttpRoute {
  const { log } = options;
  const now = options.now ?? (() => new Date());
  return {
    method: 'POST',
    path: DISCORD_INTERACTIONS_PATH,
    handler: (req, res) =>
      void (async () => {
        let body: Buffer;
        try {
          body = await readBody(req, MAX_INTERACTION_BODY_BYTES);
        } catch (err) {
          if (err instanceof BodyError && err.reason === 'too-large') {
            log.warn(`refused a Discord interaction request: ${err.message} (413)`);
            sendEmpty(res, 413, true);
          } else res.destroy();
          return;
        }
        const signed = { signature: header(req.headers['x-signature-ed25519']), timestamp: header(req.headers['x-signature-timestamp']), body };
        if (!isValidDiscordSignature(options.publicKey, signed, now())) {
          // Discord probes the endpoint with bad signatures on purpose, so this is routine, not an alarm.
          log.debug('refused a Discord interaction request: missing, stale or invalid signature (401)');
          sendEmpty(res, 401);
          return;
        }
        const payload = parsePayload(body);
        if (payload === undefined) {
          sendEmpty(res, 400);
          return;
        }
        if (payload.type === PING) {
          sendJson(res, 200, { type: PONG });
          return;
        }
        const callback = options.callbackSent(payload.id);
        let run: Promise<void> | undefined;
        try {
          run = options.dispatch(payload);
        } catch (err) {
          // discord.js reads fields it expects (a command without `data`); a signed but malformed payload must not go unanswered.
          callback.cancel();
          log.warn({ interactionId: payload.id, type: payload.type, err }, `could not read a Discord interaction payload (type ${payload.type}); answered 400`);
          sendEmpty(res, 400);
          return;
        }
        if (run === undefined) {
          callback.cancel();
          log.warn({ interactionId: payload.id, type: payload.type }, `Discord sent an interaction of a kind the bot does not handle (type ${payload.type}); answered 400`);
          sendEmpty(res, 400);
          return;
        }
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([callback.done, run, new Promise<void>((resolve) => (timer = setTimeout(resolve, ACK_WAIT_MS)))]);
        clearTimeout(timer);
        callback.cancel();
        sendEmpty(res, 202);
      })(),
  };
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** A signed body that is not an interaction object is Discord's bug or a replayed oddity: 400, never a crash. */
function parsePayload(body: Buffer): InteractionPayload | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  return typeof record.id === 'string' && typeof record.type === 'number' ? (record as InteractionPayload) : undefined;
}
