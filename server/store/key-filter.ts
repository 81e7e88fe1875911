/**
 * A Bloom filter of the keys (source, source id) of one event's items. "No" is certain, so intake's dedupe skips
 * its SQLite lookup for a new item, nearly every item (about a tenth of an item's cost, bench/intake); "maybe" is
 * settled in the database, so a collision or the key of a purged item costs only that lookup, never a wrong answer.
 */

/** Bits per key and probes per key: about 1% of new keys answered "maybe". */
const BITS_PER_KEY = 10;
const PROBES = 7;

export interface KeyFilter {
  add(key: string): void;
  /** False when `key` was certainly never added. */
  mightHave(key: string): boolean;
  /** True once it holds more keys than it was sized for (its answers get vaguer: build a bigger one). */
  readonly full: boolean;
}

/** A filter sized for `capacity` keys. */
export function createKeyFilter(capacity: number): KeyFilter {
  const bitCount = Math.max(64, Math.ceil(capacity * BITS_PER_KEY));
  const bits = new Uint32Array(Math.ceil(bitCount / 32));
  let added = 0;
  // Double hashing (Kirsch and Mitzenmacher): probe i is h1 + i·h2, two FNV-1a style hashes of the key.
  let h1 = 0;
  let h2 = 0;
  const hash = (key: string): void => {
    h1 = 0x811c9dc5;
    h2 = 0x01000193;
    for (let i = 0; i < key.length; i++) {
      const code = key.charCodeAt(i);
      h1 = Math.imul(h1 ^ code, 0x01000193);
      h2 = Math.imul(h2 ^ code, 0x5bd1e995);
    }
    h2 |= 1; // odd, so the probes never all land on one bit
  };
  const probe = (i: number): number => ((h1 + Math.imul(i, h2)) >>> 0) % bitCount;

  return {
    add(key) {
      hash(key);
      for (let i = 0; i < PROBES; i++) {
        const bit = probe(i);
        bits[bit >>> 5]! |= 1 << (bit & 31);
      }
      added += 1;
    },
    mightHave(key) {
      hash(key);
      for (let i = 0; i < PROBES; i++) {
        const bit = probe(i);
        if ((bits[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
      }
      return true;
    },
    get full() {
      return added > capacity;
    },
  };
}
