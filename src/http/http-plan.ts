import type { Config } from '../config.js';

/**
 * Where the bot's HTTP routes (health, metrics, Discord interactions) are served:
 *   - Slack in HTTP mode: on Bolt's listener, PORT, beside /slack/events;
 *   - else Discord HTTP interactions: on our own server, PORT;
 *   - else HEALTH_PORT when set (Socket Mode, Discord gateway only): our own server;
 *   - else nowhere: nothing listens that the operator did not ask for.
 * One port per process in every case.
 */
export type HttpPlan =
  | { kind: 'bolt'; port: number }
  | { kind: 'own'; port: number; portVariable: 'PORT' | 'HEALTH_PORT' }
  | { kind: 'none' };

export function planHttp(config: Config): HttpPlan {
  if (config.slack?.mode === 'http') return { kind: 'bolt', port: config.slack.port };
  if (config.discord?.publicKey !== undefined) return { kind: 'own', port: config.http.port, portVariable: 'PORT' };
  if (config.http.healthPort !== undefined) return { kind: 'own', port: config.http.healthPort, portVariable: 'HEALTH_PORT' };
  return { kind: 'none' };
}
