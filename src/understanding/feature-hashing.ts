/**
 * Feature keys: tokens and character trigrams hashed to signed 32-bit integers (FNV-1a, Murmur3's finalizer for
 * pairs), so the classifier never handles string keys on its hot path.
 */

/**
 * FNV-1a over a string's UTF-16 code units, 32 bits, from a seed. Keys are signed 32-bit integers on purpose: V8
 * keeps those unboxed, so sets and tables of keys allocate nothing.
 */
export function hashString(text: string, seed: number): number {
  let h = seed | 0;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h | 0;
}

/** Murmur3's finalizer over two keys: a well-spread 32-bit key for a pair. */
export function hashPair(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** Seeds that keep the feature groups apart: the unigram "cert" and the trigram "cer" never share a key. */
export const SEED_UNIGRAM = 0x811c9dc5;
const SEED_TRIGRAM = 0x2f6b1c3d;
export const BIGRAM_TAG = 0x5bd1e995;

/** Character trigrams of a word with its boundaries ("<ce", "cer", …, "at>"), as feature keys (FNV-1a, as above). */
export function charGrams(word: string): number[] {
  const grams: number[] = [];
  if (word.length < 3 || /\d/.test(word)) return grams;
  const last = word.length + 1;
  const code = (k: number) => (k === 0 ? 60 : k === last ? 62 : word.charCodeAt(k - 1)); // "<" word ">"
  for (let k = 0; k + 2 <= last; k += 1) {
    let h = Math.imul(SEED_TRIGRAM ^ code(k), 0x01000193);
    h = Math.imul(h ^ code(k + 1), 0x01000193);
    grams.push(Math.imul(h ^ code(k + 2), 0x01000193) | 0);
  }
  return grams;
}
