import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * One tiny local server standing in for both platforms' REST APIs:
 *   Slack   POST /api/chat.postMessage (form or JSON body)
 *   Discord POST /api/v10/channels/:id/messages (JSON body)
 * Each request is recorded; `script` queues scripted answers per route key.
 */
export interface Recorded {
  route: string;
  body: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
}

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

export class FakePlatforms {
  readonly requests: Recorded[] = [];
  private readonly scripted = new Map<string, Answer[]>();
  private server: Server | undefined;
  private port = 0;
  private n = 0;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const url = req.url ?? '/';
        const body = parse(raw, String(req.headers['content-type'] ?? ''));
        const route = routeOf(url, body);
        this.requests.push({ route, body, headers: req.headers });
        const answer = this.scripted.get(route)?.shift() ?? this.ok(route);
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(JSON.stringify(answer.body));
      });
    });
    this.server.keepAliveTimeout = 500;
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** SLACK_API_URL */
  get slackApiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** DISCORD_API_URL (the client appends /v10) */
  get discordApiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /** Route keys: `slack:<channel>` or `discord:<channel>`. */
  script(route: string, ...answers: Answer[]): void {
    this.scripted.set(route, answers);
  }

  of(route: string): Recorded[] {
    return this.requests.filter((r) => r.route === route);
  }

  private ok(route: string): Answer {
    const id = ++this.n;
    return route.startsWith('slack:')
      ? { status: 200, body: { ok: true, channel: route.slice(6), ts: `1700000000.00000${id}` } }
      : { status: 200, body: { id: `90000000000000000${id}`, channel_id: route.slice(8) } };
  }
}

function routeOf(url: string, body: Record<string, unknown>): string {
  const discord = /^\/api\/v10\/channels\/([^/]+)\/messages/.exec(url);
  if (discord) return `discord:${discord[1]}`;
  if (url.startsWith('/api/chat.postMessage')) return `slack:${String(body.channel)}`;
  return `other:${url}`;
}

function parse(raw: string, type: string): Record<string, unknown> {
  if (raw === '') return {};
  if (type.includes('json')) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    try {
      out[k] = k === 'blocks' || k === 'attachments' ? JSON.parse(v) : v;
    } catch {
      out[k] = v;
    }
  }
  return out;
}
