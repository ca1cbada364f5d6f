import type { RotationState } from '../core/storage.js';

/** A channel's rotation state as stored (JSON text, the same in both stores); undefined when unreadable. */
export function parseRotation(json: string): RotationState | undefined {
  try {
    const v = JSON.parse(json) as Partial<RotationState>;
    const ints = (a: unknown): a is number[] => Array.isArray(a) && a.every((n) => Number.isInteger(n));
    if (!ints(v.remaining) || !ints(v.shown)) return undefined;
    return {
      remaining: v.remaining,
      shown: v.shown,
      ...(Number.isInteger(v.last) && { last: v.last as number }),
      cycle: Number.isInteger(v.cycle) ? (v.cycle as number) : 1,
    };
  } catch {
    // An unreadable state only costs the rotation's memory; the next pick starts a fresh cycle.
    return undefined;
  }
}
