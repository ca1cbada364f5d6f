import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, scrubSecrets } from '../../src/log.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { stream, lines };
}

const SLACK = 'xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp';
const APP = 'xapp-1-A0123-456-abcdef';
const DISCORD = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GabcDE.abcdefghijklmnopqrstuvwxyz012345678';

describe('logger redaction', () => {
  it('never writes a token, whether in a field, a nested config, a message or an error', () => {
    const { stream, lines } = capture();
    const log = createLogger({ level: 'debug', destination: stream });
    log.info({ token: DISCORD, botToken: SLACK }, 'starting');
    log.info({ config: { slack: { botToken: SLACK, appToken: APP, signingSecret: 'deadbeefdeadbeef' }, discord: { token: DISCORD } } }, 'config');
    log.warn(`auth failed for ${SLACK}`);
    log.error({ err: new Error(`Discord rejected Bot ${DISCORD}`) }, 'login failed');
    log.child({ adapter: 'slack' }).info({ headers: { authorization: `Bearer ${SLACK}` } }, 'request');
    const out = lines.join('');
    expect(lines.length).toBe(5);
    for (const secret of [SLACK, APP, DISCORD, 'deadbeefdeadbeef']) expect(out).not.toContain(secret);
    expect(out).toContain('[Redacted]');
    expect(out).toContain('"adapter":"slack"');
  });

  it('honours the level', () => {
    const { stream, lines } = capture();
    const log = createLogger({ level: 'warn', destination: stream });
    log.info('hidden');
    log.warn('shown');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('shown');
  });

  it('scrubSecrets leaves ordinary text alone', () => {
    expect(scrubSecrets('docker vs vm startup time')).toBe('docker vs vm startup time');
    expect(scrubSecrets(`token ${APP} here`)).toBe('token [Redacted] here');
  });
});

describe('URLs that carry authority', () => {
  it('scrubs Slack response_url / webhook URLs and Discord interaction webhook tokens', () => {
    const responseUrl = 'https://hooks.slack.com/commands/T0001/123456/abcdefABCDEF123456';
    const webhook = '/webhooks/111111111111111111/aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDpzZWNyZXQ';
    const { stream, lines } = capture();
    createLogger({ destination: stream }).warn({ err: new Error(`POST ${responseUrl} failed`), path: webhook }, `respond failed: ${responseUrl}`);
    const out = lines.join('');
    expect(out).not.toContain('abcdefABCDEF123456');
    expect(out).not.toContain('aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDpzZWNyZXQ');
    expect(out).toContain('[Redacted]');
  });
});
