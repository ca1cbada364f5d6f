import { sortedIndexOf } from './sorted-lookup.js';

/**
 * Which entry a message's words point to, learned by `npm run fit` from the
 * knowledge's phrasings and the earlier questions: a multinomial logistic
 * regression over canonical tokens and bigrams. Where the phrasing cosine asks
 * "is this worded like one phrasing of the entry?", this asks "which words
 * tell this entry from the others?" (uname and distro for kernel sharing,
 * base image for why an image holds an OS).
 */
export interface EntryWordsModel {
  /** Entry ids, in the order of `bias` and of the slots below. */
  ids: readonly string[];
  bias: readonly number[];
  /** Tokens and bigrams with weights, sorted (see sorted-lookup.ts); feature i's are slots/weights[offsets[i] .. offsets[i + 1]). */
  features: readonly string[];
  offsets: readonly number[];
  slots: readonly number[];
  weights: readonly number[];
}

/** The model read for one knowledge, with a buffer reused by every message. */
export interface EntryWords {
  /** Per entry of the knowledge (its order), the probability that a message (tokens and bigrams) asks for it; 0 for an entry the model does not know. Reused: read it before the next call. */
  probabilities(features: readonly string[]): Float64Array;
}

export function entryWordsFor(model: EntryWordsModel, entryIds: readonly string[]): EntryWords {
  const slotOf = new Map(model.ids.map((id, i) => [id, i]));
  const entrySlot = entryIds.map((id) => slotOf.get(id) ?? -1);
  const z = new Float64Array(model.ids.length);
  const out = new Float64Array(entryIds.length);
  return {
    probabilities(features) {
      out.fill(0);
      if (model.ids.length === 0) return out;
      z.set(model.bias);
      for (const f of features) {
        const row = sortedIndexOf(model.features, f);
        if (row < 0) continue;
        for (let i = model.offsets[row] as number; i < (model.offsets[row + 1] as number); i++) {
          const slot = model.slots[i] as number;
          z[slot] = (z[slot] as number) + (model.weights[i] as number);
        }
      }
      let max = -Infinity;
      for (let k = 0; k < z.length; k++) max = Math.max(max, z[k] as number);
      let sum = 0;
      for (let k = 0; k < z.length; k++) {
        z[k] = Math.exp((z[k] as number) - max);
        sum += z[k] as number;
      }
      entrySlot.forEach((slot, entry) => {
        if (slot >= 0) out[entry] = (z[slot] as number) / sum;
      });
      return out;
    },
  };
}
