/**
 * Which entry a message's words point to, learned by `npm run fit` from the
 * knowledge's phrasings and the earlier questions: a multinomial logistic
 * regression over canonical tokens and bigrams. Where the phrasing cosine asks
 * "is this worded like one phrasing of the entry?", this asks "which words
 * tell this entry from the others?" (uname and distro for kernel sharing,
 * base image for why an image holds an OS).
 */
export interface EntryWordsModel {
  /** Entry ids, in the order of each weight row. */
  ids: readonly string[];
  bias: readonly number[];
  /** token or bigram → [slot, weight, slot, weight, …] for the entries it moves. */
  weights: Readonly<Record<string, readonly number[]>>;
}

/** The model read for one knowledge: per entry (in knowledge order) its row, and a buffer reused by every message. */
export interface EntryWords {
  /** Per entry of the knowledge, the probability for the last message scored (0 for an entry the model does not know). */
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
        // Own keys only: a message saying "constructor" must not read Object.prototype's.
        if (!Object.hasOwn(model.weights, f)) continue;
        const row = model.weights[f] as readonly number[];
        for (let i = 0; i + 1 < row.length; i += 2) z[row[i] as number] = (z[row[i] as number] as number) + (row[i + 1] as number);
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
