import { defaultBodyLimit, HTTPModuleFunctions, type BufferedIncomingMessage, type HTTPReceiver, type Logger as BoltLogger } from '@slack/bolt';

/**
 * Bolt 5's HTTPReceiver reads `body.ssl_check` from whatever the body parsed
 * to, outside its try blocks, so a signed `payload=null` (or a JSON body of
 * `null`, `42`, `"x"`) ends in an unhandled rejection and the request is never
 * answered. This guard reads and verifies the body first, with Bolt's own
 * functions, and answers 400 when a correctly signed body is not a JSON
 * object. Every other request goes on to Bolt as before: Bolt reuses the
 * buffered body, and answers bad signatures (401) and oversized bodies (413)
 * itself.
 */
export function guardBodyShape(receiver: HTTPReceiver, endpoint: string, signingSecret: string, logger: BoltLogger): void {
  const next = receiver.requestListener;
  receiver.requestListener = (req, res) => {
    if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://localhost').pathname !== endpoint) {
      next(req, res);
      return;
    }
    void (async () => {
      let reject = false;
      try {
        reject = isNonObjectBody(await HTTPModuleFunctions.parseAndVerifyHTTPRequest({ signingSecret, bodyLimit: defaultBodyLimit }, req));
      } catch {
        // Unsigned, stale or too large: Bolt gives its usual answer below.
      }
      if (!reject) {
        next(req, res);
        return;
      }
      logger.warn('Rejected a signed Slack request whose body is not a JSON object (400)');
      HTTPModuleFunctions.buildNoBodyResponse(res, 400);
    })();
  };
}

function isNonObjectBody(req: BufferedIncomingMessage): boolean {
  let body: unknown;
  try {
    body = HTTPModuleFunctions.parseHTTPRequestBody(req);
  } catch {
    return false; // not JSON at all: Bolt already answers that with 400
  }
  return body === null || typeof body !== 'object';
}
