/**
 * Button payloads shared by every adapter, so a click means the same thing on
 * Slack, Discord and in the console. Encoded as short strings because Discord
 * caps custom_id at 100 characters and Slack action values at 2,000.
 */
export type CardAction =
  | { type: 'show'; entryId: string }
  | { type: 'vote'; entryId: string; vote: 'up' | 'down' }
  | { type: 'share'; entryId: string }
  | { type: 'compare'; dimensionId: string }
  /** 👍/👎 on a tip card: recorded per tip, not per FAQ entry. */
  | { type: 'tipvote'; tipId: number; vote: 'up' | 'down' };

const PREFIX = 'vmvc';
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function encodeAction(action: CardAction): string {
  switch (action.type) {
    case 'show':
      return `${PREFIX}:show:${action.entryId}`;
    case 'vote':
      return `${PREFIX}:vote:${action.entryId}:${action.vote}`;
    case 'share':
      return `${PREFIX}:share:${action.entryId}`;
    case 'compare':
      return `${PREFIX}:compare:${action.dimensionId}`;
    case 'tipvote':
      return `${PREFIX}:tipvote:${action.tipId}:${action.vote}`;
  }
}

/** Parses a payload from a button; undefined for anything we did not produce. */
export function decodeAction(value: string): CardAction | undefined {
  const parts = value.split(':');
  if (parts[0] !== PREFIX || parts.length < 3) return undefined;
  const [, type, id, extra] = parts;
  if (id === undefined || !SLUG.test(id)) return undefined;
  if (type === 'show' && parts.length === 3) return { type, entryId: id };
  if (type === 'share' && parts.length === 3) return { type, entryId: id };
  if (type === 'compare' && parts.length === 3) return { type, dimensionId: id };
  if (type === 'tipvote' && parts.length === 4 && /^\d{1,9}$/.test(id) && (extra === 'up' || extra === 'down')) {
    return { type, tipId: Number(id), vote: extra };
  }
  if (type === 'vote' && parts.length === 4 && (extra === 'up' || extra === 'down')) {
    return { type, entryId: id, vote: extra };
  }
  return undefined;
}
