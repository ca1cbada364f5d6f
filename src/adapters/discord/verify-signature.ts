import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/**
 * Discord signs every request to the Interactions Endpoint URL with the
 * application's Ed25519 key: `X-Signature-Ed25519` (hex) over
 * `X-Signature-Timestamp + raw body`, checked against the Public Key on the
 * Developer Portal's General Information page. Discord itself probes the
 * endpoint with bad signatures and refuses to save a URL that accepts them.
 * (discord.com/developers/docs/interactions/overview, "Setting Up an Endpoint")
 */

/** Discord does not state a replay window; five minutes matches Slack's request signing and absorbs clock skew. */
export const MAX_SIGNATURE_AGE_SECONDS = 300;

/** The KeyObject for a hex public key (32 raw bytes), via JWK so no DER prefix is hand-built. */
export function discordPublicKey(hex: string): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(hex, 'hex').toString('base64url') }, format: 'jwk' });
}

export interface SignedRequest {
  signature: string | undefined;
  timestamp: string | undefined;
  body: Buffer;
}

/** True only for a well-formed, valid, fresh signature; anything else (missing, malformed, stale, wrong) is false. */
export function isValidDiscordSignature(key: KeyObject, request: SignedRequest, now: Date): boolean {
  const { signature, timestamp, body } = request;
  if (signature === undefined || timestamp === undefined) return false;
  if (!/^[0-9a-f]{128}$/i.test(signature) || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > MAX_SIGNATURE_AGE_SECONDS) return false;
  return verify(null, Buffer.concat([Buffer.from(timestamp, 'utf8'), body]), key, Buffer.from(signature, 'hex'));
}
