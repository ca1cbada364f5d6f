/**
 * The bot's HTTP paths, in a file of their own so main.ts can name them
 * without loading discord.js or Bolt (the console never loads either).
 */
export const HEALTHZ_PATH = '/healthz';
export const READYZ_PATH = '/readyz';
export const METRICS_PATH = '/metrics';
/** The Interactions Endpoint URL is https://<host>/discord/interactions. */
export const DISCORD_INTERACTIONS_PATH = '/discord/interactions';
