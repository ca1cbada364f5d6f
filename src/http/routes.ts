import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * One route of the bot's own HTTP surface. The shape is Bolt's `customRoutes`
 * entry, so the same routes mount on Bolt's HTTPReceiver (Slack HTTP mode) or
 * on our own node:http server (src/http/http-server.ts).
 */
export interface HttpRoute {
  method: 'GET' | 'POST';
  path: string;
  handler(req: IncomingMessage, res: ServerResponse): void;
}

/** Why a body could not be read; the caller picks the status. */
export class BodyError extends Error {
  constructor(
    readonly reason: 'too-large' | 'aborted',
    message: string,
  ) {
    super(message);
    this.name = 'BodyError';
  }
}

/**
 * Reads the whole request body, refusing more than `limit` bytes: a declared
 * Content-Length over the limit is refused before a byte is read, and a body
 * that grows past it (chunked) is cut off, so nobody can make the bot buffer
 * an unbounded body.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > limit) {
      reject(new BodyError('too-large', `body of ${declared} bytes is over the ${limit}-byte limit`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.resume(); // drain the rest without keeping it
        reject(new BodyError('too-large', `body over the ${limit}-byte limit`));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('aborted', () => reject(new BodyError('aborted', 'the client went away mid-body')));
    req.once('error', (err) => reject(new BodyError('aborted', err.message)));
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** A status with no body; `close` also ends the keep-alive connection (a refused or oversized request). */
export function sendEmpty(res: ServerResponse, status: number, close = false): void {
  res.writeHead(status, { 'content-length': '0', ...(close && { connection: 'close' }) });
  res.end();
}
