import type { RotationState } from '../core/storage.js';

/**
 * Tip rotation for one channel, pure: the state in, the pick and the new state
 * out, randomness from `random` (0 ≤ x < 1).
 *
 * - Every tip once per cycle, in a shuffled order, before any repeats.
 * - Never the same tip twice in a row, also across a cycle boundary.
 * - A tip whose post failed comes round again at the end of its cycle.
 * - Tips added to the knowledge join the current cycle at a random later
 *   place; removed tips are skipped.
 * - The next cycle is shuffled as soon as one ends, so the next tip is always
 *   known in advance (`peekNextTip`, for `vmvc tips status`).
 */
export interface TipPick {
  tipId: number;
  state: RotationState;
}

export function nextTip(state: RotationState | undefined, tipIds: readonly number[], random: () => number): TipPick | undefined {
  const ids = [...new Set(tipIds)];
  if (ids.length === 0) return undefined;
  const current = new Set(ids);
  const shown = state?.shown ?? [];
  let cycle = state?.cycle ?? 1;
  let remaining = stillCurrent(state, current);

  const known = new Set([...remaining, ...shown]);
  const added = state === undefined ? [] : ids.filter((id) => !known.has(id));
  remaining = insertLater(remaining, added, random);

  let thisCycleShown = shown;
  if (remaining.length === 0) {
    // First pick ever, or every tip left in the cycle was removed.
    if (state !== undefined) cycle += 1;
    remaining = shuffleCycle(ids, state?.last, random);
    thisCycleShown = [];
  }
  const [tipId, ...rest] = remaining as [number, ...number[]];
  if (rest.length > 0) {
    return { tipId, state: { remaining: rest, shown: [...thisCycleShown, tipId], last: tipId, cycle } };
  }
  return { tipId, state: { remaining: shuffleCycle(ids, tipId, random), shown: [], last: tipId, cycle: cycle + 1 } };
}

/**
 * The state once the post of `tipId` failed: nobody saw it, so it leaves
 * `shown` and goes to the end of the cycle. A failure is learned after the
 * claim saved the state, so the next pick (and `vmvc tips status`) applies it;
 * a tip not in this cycle's `shown` (already moved, or its cycle ended) is left as is.
 */
export function withFailedPost(state: RotationState | undefined, tipId: number | undefined): RotationState | undefined {
  if (state === undefined || tipId === undefined || !state.shown.includes(tipId)) return state;
  return { ...state, shown: state.shown.filter((id) => id !== tipId), remaining: [...state.remaining.filter((id) => id !== tipId), tipId] };
}

/**
 * The tip the next `nextTip` call will pick, without picking it; undefined
 * when that pick is random (no state yet, or every remaining tip was removed).
 */
export function peekNextTip(state: RotationState | undefined, tipIds: readonly number[]): number | undefined {
  if (state === undefined) return undefined;
  return stillCurrent(state, new Set(tipIds))[0];
}

/**
 * The cycle's remaining tips that still exist. A removal can bring the tip
 * just posted (which a fresh cycle holds further back) to the front; it then
 * swaps with the one behind it, so there is still no back-to-back repeat.
 */
function stillCurrent(state: RotationState | undefined, current: ReadonlySet<number>): number[] {
  const remaining = (state?.remaining ?? []).filter((id) => current.has(id));
  if (remaining.length > 1 && remaining[0] === state?.last) {
    [remaining[0], remaining[1]] = [remaining[1] as number, remaining[0] as number];
  }
  return remaining;
}

/** Fisher–Yates, then moves `avoidFirst` away from the front so a cycle never starts with the tip that ended the last one. */
export function shuffleCycle(ids: readonly number[], avoidFirst: number | undefined, random: () => number): number[] {
  const order = [...ids];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  if (order.length > 1 && order[0] === avoidFirst) {
    const j = 1 + Math.floor(random() * (order.length - 1));
    [order[0], order[j]] = [order[j] as number, order[0] as number];
  }
  return order;
}

/** New tips go at random places after the front, so the already-announced next tip stays next. */
function insertLater(remaining: number[], added: number[], random: () => number): number[] {
  const out = [...remaining];
  for (const id of added) {
    const from = out.length === 0 ? 0 : 1;
    const at = from + Math.floor(random() * (out.length - from + 1));
    out.splice(at, 0, id);
  }
  return out;
}

/**
 * `nextTip`, but a tip in `avoid` (its topic was answered in the channel in
 * the last day) waits: the first tip after it in the cycle that is not
 * avoided is posted, and the skipped ones keep their places for the next
 * days. When the cycle ends with the avoided tip, or every remaining tip is
 * avoided, the plain pick stands: a tip on a fresh topic is not worth a
 * missed day.
 */
export function nextTipAvoiding(state: RotationState | undefined, tipIds: readonly number[], random: () => number, avoid: ReadonlySet<number>): TipPick | undefined {
  const plain = nextTip(state, tipIds, random);
  if (!plain || !avoid.has(plain.tipId) || plain.state.shown.length === 0) return plain;
  const rest = plain.state.remaining;
  const at = rest.findIndex((id) => !avoid.has(id) && id !== state?.last);
  if (at < 0) return plain;
  const tipId = rest[at] as number;
  const remaining = [plain.tipId, ...rest.filter((_, i) => i !== at)];
  const shown = plain.state.shown.map((id) => (id === plain.tipId ? tipId : id));
  return { tipId, state: { ...plain.state, remaining, shown, last: tipId } };
}
