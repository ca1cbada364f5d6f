import type { webApi } from '@slack/bolt';
import type { Logger } from '../../log.js';
import { describeSlackError } from './slack-errors.js';

/** Who may switch help-channel mode or remove any auto-reply: the sentence every refusal uses. */
export function whoMaySwitch(adminUserIds: readonly string[]): string {
  return adminUserIds.length > 0
    ? 'workspace admins and owners, and the people this bot lists as its admins (ADMIN_USER_IDS)'
    : 'workspace admins and owners';
}

/**
 * A workspace admin or owner (users.info, needs `users:read`), or a user id in
 * ADMIN_USER_IDS. The list is checked first, so those people need no API call;
 * when Slack cannot be asked, the answer is no (logged), never a guess.
 */
export async function isSlackAdmin(client: webApi.WebClient, userId: string, adminUserIds: readonly string[], log: Logger): Promise<boolean> {
  if (adminUserIds.includes(userId)) return true;
  try {
    const info = await client.users.info({ user: userId });
    const user = info.user;
    return user?.is_admin === true || user?.is_owner === true || user?.is_primary_owner === true;
  } catch (err) {
    const f = describeSlackError(err);
    log.warn({ code: f.code }, `could not check whether a user is a workspace admin (users.info): ${f.message}`);
    return false;
  }
}
