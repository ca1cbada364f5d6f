import type { IncomingMessage, ServerResponse } from 'node:http';
import { READYZ_PATH } from './paths.js';
import { sendEmpty } from './routes.js';

/**
 * The process-wide "shutting down" switch. Once closed, /readyz answers 503
 * (so a load balancer stops sending) and every new HTTP request is refused
 * with 503 and `Connection: close`, while work already started finishes.
 */
export interface DrainGate {
  readonly draining: boolean;
  close(): void;
}

export function createDrainGate(): DrainGate {
  let draining = false;
  return {
    get draining() {
      return draining;
    },
    close() {
      draining = true;
    },
  };
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/** Wraps a request listener (ours or Bolt's) so it refuses new requests once the gate is closed. */
export function refuseWhileDraining(gate: DrainGate, next: Listener): Listener {
  return (req, res) => {
    // /readyz still answers, with its 503 and the reason, so an orchestrator can see why.
    if (gate.draining && new URL(req.url ?? '/', 'http://localhost').pathname !== READYZ_PATH) {
      sendEmpty(res, 503, true);
      return;
    }
    next(req, res);
  };
}
