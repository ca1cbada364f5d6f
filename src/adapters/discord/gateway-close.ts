import { GatewayCloseCodes } from 'discord.js';

/**
 * The gateway close codes after which discord.js (14.x, via @discordjs/ws)
 * stops reconnecting for good: it emits `shardDisconnect` for exactly these
 * (UNRECOVERABLE_CLOSE_CODES in its WebSocketManager) and nothing else, so a
 * bot that only logged "reconnecting" would sit there deaf. Each cause says
 * what the operator has to change, because a restart alone fixes none of them.
 */
const FATAL_CLOSE_CAUSES: ReadonlyMap<number, string> = new Map([
  [
    GatewayCloseCodes.AuthenticationFailed,
    'authentication failed (4004): DISCORD_TOKEN was reset or revoked; copy a new token from the Bot page of the Developer Portal',
  ],
  [GatewayCloseCodes.InvalidShard, 'invalid shard (4010)'],
  [GatewayCloseCodes.ShardingRequired, 'sharding required (4011): the bot is in too many servers for one gateway connection'],
  [GatewayCloseCodes.InvalidAPIVersion, 'invalid API version (4012): upgrade vmvc (its discord.js speaks a gateway version Discord no longer accepts)'],
  [GatewayCloseCodes.InvalidIntents, 'invalid intents (4013)'],
  [
    GatewayCloseCodes.DisallowedIntents,
    'disallowed intents (4014): the bot asked for a privileged intent that is off on the Bot page of the Developer Portal',
  ],
]);

/** Why Discord ended the gateway session for good; a code newer than this table still gets a line naming it. */
export function describeFatalClose(code: number): string {
  return FATAL_CLOSE_CAUSES.get(code) ?? `gateway closed with code ${code}, which discord.js does not reconnect after`;
}
