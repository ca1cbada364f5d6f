import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { buildTopicsCard } from '../../../core/build-cards.js';
import type { Knowledge } from '../../../core/knowledge/schema.js';
import { homeActionEntryId, renderSlackCardModal, renderSlackHome, renderSlackNoticeModal, type HomeViewInput } from '../../../render/slack-home.js';
import { buildCuratorSummary } from '../curator-summary.js';
import { isSlackAdmin } from '../slack-admins.js';
import { describeSlackError } from '../slack-errors.js';
import type { ListenerDeps } from './listener-deps.js';

const DAY_MS = 86_400_000;

export type AppHomeOpenedArgs = Pick<SlackEventMiddlewareArgs<'app_home_opened'>, 'event'> & Pick<AllMiddlewareArgs, 'client'>;
export type HomeActionArgs = Pick<SlackActionMiddlewareArgs<BlockAction<ButtonAction>>, 'ack' | 'body' | 'action'> & Pick<AllMiddlewareArgs, 'client'>;

/**
 * Today's tip: the same for everyone all (UTC) day, the next one tomorrow,
 * through every tip in id order. Deterministic so the tab does not change on
 * every opening, and independent of the channels' posting rotation.
 */
export function tipIdForDay(tips: Knowledge['tips'], now: Date): number {
  const ids = tips.map((t) => t.id).sort((a, b) => a - b);
  const day = Math.floor(now.getTime() / DAY_MS);
  const id = ids[((day % ids.length) + ids.length) % ids.length];
  if (id === undefined) throw new Error('the knowledge base has no tips'); // the schema requires at least one
  return id;
}

/** Opening the app's Home tab: publishes the tab for that user (views.publish). The Messages and About tabs send the event too; they are left alone. */
export async function handleAppHomeOpened({ event, client }: AppHomeOpenedArgs, deps: ListenerDeps): Promise<void> {
  if (event.tab !== 'home') return;
  const now = deps.clock();
  const tip = deps.core.tip(tipIdForDay(deps.core.knowledge.tips, now)).card;
  if (tip.kind !== 'tip') throw new Error(`tip of the day is a ${tip.kind} card`); // only a missing id gives another kind
  // The same rule as help-channel mode: a failed users.info (no users:read yet) means no summary, never a guess.
  const admin = await isSlackAdmin(client, event.user, deps.adminUserIds ?? [], deps.log);
  let curator: HomeViewInput['curator'];
  if (admin) {
    try {
      curator = deps.reports ? await buildCuratorSummary(deps.reports, deps.core, now) : 'unavailable';
    } catch (err) {
      deps.log.error({ err }, `could not read the curator summary from the store: ${err instanceof Error ? err.message : String(err)}`);
      curator = 'unavailable';
    }
  }
  const view = renderSlackHome({ tip, topics: buildTopicsCard(deps.core.knowledge), ...(curator !== undefined && { curator }) });
  try {
    await client.views.publish({ user_id: event.user, view });
  } catch (err) {
    const f = describeSlackError(err);
    deps.log.error({ user: event.user, code: f.code }, `Home tab publish failed: ${f.message}`);
  }
}

/** A topic (or the tip's "learn more") clicked in the Home tab: its card in a modal (views.open with the click's trigger_id). */
export async function handleHomeAction({ ack, body, action, client }: HomeActionArgs, deps: ListenerDeps): Promise<void> {
  await ack();
  const entryId = homeActionEntryId(action.action_id);
  const reply = entryId !== undefined ? deps.core.show(entryId) : undefined;
  const view = reply ? renderSlackCardModal(reply.card) : renderSlackNoticeModal('That topic is no longer in the knowledge base. Try /vmvc topics.');
  try {
    await client.views.open({ trigger_id: body.trigger_id, view });
  } catch (err) {
    const f = describeSlackError(err);
    deps.log.error({ user: body.user.id, code: f.code }, `opening a topic from the Home tab failed: ${f.message}`);
  }
}
