import { describe, expect, it } from 'vitest';
import type { RotationState } from '../../src/core/storage.js';
import { nextTip, peekNextTip, shuffleCycle } from '../../src/tips/rotation.js';
import { seeded } from './support.js';

function run(ids: number[], picks: number, seed: number, start?: RotationState) {
  const random = seeded(seed);
  let state = start;
  const out: number[] = [];
  for (let i = 0; i < picks; i++) {
    const pick = nextTip(state, ids, random);
    if (!pick) throw new Error('no pick');
    out.push(pick.tipId);
    state = pick.state;
  }
  return { out, state: state as RotationState };
}

describe('tip rotation', () => {
  it('shows every tip once per cycle, over many cycles and seeds, never twice in a row', () => {
    const ids = [1, 2, 3, 4, 5, 6, 7];
    for (let seed = 1; seed <= 50; seed++) {
      const { out } = run(ids, ids.length * 6, seed);
      for (let c = 0; c < 6; c++) {
        const cycle = out.slice(c * ids.length, (c + 1) * ids.length);
        expect([...cycle].sort((a, b) => a - b)).toEqual(ids);
      }
      for (let i = 1; i < out.length; i++) expect(out[i]).not.toBe(out[i - 1]);
    }
  });

  it('shuffles: different seeds give different orders', () => {
    const orders = new Set([1, 2, 3, 4, 5].map((seed) => run([1, 2, 3, 4, 5, 6, 7, 8], 8, seed).out.join(',')));
    expect(orders.size).toBeGreaterThan(1);
  });

  it('never starts a cycle with the tip that ended the last one, even when the shuffle puts it first', () => {
    const alwaysFirst = () => 0; // Fisher–Yates with 0 moves the last element to the front each step
    const order = shuffleCycle([1, 2, 3], undefined, alwaysFirst);
    const avoided = shuffleCycle([1, 2, 3], order[0], alwaysFirst);
    expect(avoided[0]).not.toBe(order[0]);
    expect([...avoided].sort()).toEqual([1, 2, 3]);
  });

  it('handles two tips and one tip', () => {
    const two = run([4, 9], 10, 3).out;
    for (let i = 1; i < two.length; i++) expect(two[i]).not.toBe(two[i - 1]);
    expect(run([5], 3, 1).out).toEqual([5, 5, 5]);
    expect(nextTip(undefined, [], Math.random)).toBeUndefined();
  });

  it('new tips join the current cycle; the announced next tip stays next', () => {
    const ids = [1, 2, 3, 4, 5];
    const { out, state } = run(ids, 2, 11);
    const announced = peekNextTip(state, [...ids, 6, 7]);
    const rest = run([...ids, 6, 7], 5, 12, state);
    expect(rest.out[0]).toBe(announced);
    // The cycle that was under way ends with every old and new tip exactly once.
    expect([...out, ...rest.out].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(rest.state.cycle).toBe(2);
  });

  it('removed tips are skipped, in the current cycle and later ones', () => {
    const ids = [1, 2, 3, 4, 5, 6];
    const { state } = run(ids, 2, 21);
    const remaining = state.remaining.slice(0, 2);
    const now = ids.filter((id) => !remaining.includes(id));
    const after = run(now, 12, 22, state).out;
    for (const gone of remaining) expect(after).not.toContain(gone);
    for (let i = 1; i < after.length; i++) expect(after[i]).not.toBe(after[i - 1]);
  });

  it('a removal that brings the last tip to the front of a fresh cycle does not repeat it', () => {
    const state: RotationState = { remaining: [3, 1, 2], shown: [], last: 1, cycle: 2 };
    expect(peekNextTip(state, [1, 2])).toBe(2);
    expect(nextTip(state, [1, 2], seeded(1))?.tipId).toBe(2);
  });

  it('starts a new cycle when every remaining tip was removed', () => {
    const state: RotationState = { remaining: [8, 9], shown: [1, 2], last: 2, cycle: 1 };
    expect(peekNextTip(state, [1, 2, 3])).toBeUndefined();
    const pick = nextTip(state, [1, 2, 3], seeded(5));
    expect(pick?.tipId).not.toBe(2);
    expect(pick?.state.cycle).toBe(2);
  });

  it('peek is undefined before the first pick and exact afterwards', () => {
    expect(peekNextTip(undefined, [1, 2])).toBeUndefined();
    const { state } = run([1, 2, 3, 4], 1, 9);
    const peeked = peekNextTip(state, [1, 2, 3, 4]);
    expect(nextTip(state, [1, 2, 3, 4], seeded(99))?.tipId).toBe(peeked);
  });
});
