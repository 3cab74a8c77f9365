/**
 * From a message to the features the intent classifier reads, in one deterministic pass:
 *
 * 1. truncate early (a 10,000-character paste costs the same as a 1,000-character one), normalize;
 * 2. tokenize, recognizing dates (`12/09/2024`, `2024-06-30`, `12 mars 2026`), numbers, e-mail addresses;
 * 3. map words and phrases to canonical concept tokens with the concept lexicon (longest phrase first), repairing
 *    typos on words of 6+ letters within one edit (insertion, deletion, substitution or swap of two neighbours);
 * 4. emit unigrams of the concept/word sequence (plus a "mentions the domain" flag), its bigrams, the unigrams
 *    crossed with "names a certificate topic", and character trigrams of the words as written (which is what
 *    still catches an unseen typo or an inflection the lexicon does not list), as 32-bit hashed keys.
 *
 * Everything is deterministic and cached per distinct word, so training on the corpus and reading a message
 * both stay cheap. Steps 1–3 are message-tokens.ts (with lexicon-lookup.ts for the lexicon and typo repair); step 4
 * is here, with the keys of feature-hashing.ts.
 */
import { BIGRAM_TAG, hashPair, hashString, SEED_UNIGRAM } from './feature-hashing';
import { CACHE_LIMIT } from './lexicon-lookup';
import type { Analysis } from './message-tokens';

/** Concepts that only a question about ANS software certificates would use. */
const DOMAIN_CONCEPTS = new Set([
  '#cert', '#igc', '#ans', '#pfc', '#svc', '#renew', '#expiry', '#expired', '#validity', '#share', '#finess', '#techadmin',
  '#guide', '#grades', '#certtype', '#remind', '#alert', '#date', '#issued', '#warn', '#order', '#sites', '#legal',
  '#geo', '#generic', '#mailbox', '#advice', '#support', '#ticket', '#escalate', '#human', '#contact', '#sheet',
  '#lifetime', '#howlong', '#track',
]);

export interface FeatureWeights {
  readonly unigram: number;
  readonly bigram: number;
  readonly chars: number;
  /** Unigrams crossed with "the message names a certificate topic" (see TOPIC_CONCEPTS). */
  readonly topic: number;
}

export const DEFAULT_FEATURE_WEIGHTS: FeatureWeights = { unigram: 1, bigram: 0.6, chars: 0.6, topic: 0.6 };

/** A message's features: 32-bit keys and their weights. */
export interface Features {
  readonly keys: number[];
  readonly values: number[];
  /** The first `words` keys are unigrams of words and concepts (what "the model knows something here" means). */
  readonly words: number;
}

const tokenKeys = new Map<string, number>();

function tokenKey(token: string): number {
  let key = tokenKeys.get(token);
  if (key === undefined) {
    key = hashString(token, SEED_UNIGRAM);
    if (tokenKeys.size >= CACHE_LIMIT) tokenKeys.clear();
    tokenKeys.set(token, key);
  }
  return key;
}

/**
 * Concepts that name the object of the question as an ANS software certificate (or its platform, services, people):
 * "bonnes pratiques" with one of these is kb.goodPractice; without, it may be hand washing.
 */
const TOPIC_CONCEPTS = new Set(['#cert', '#igc', '#ans', '#pfc', '#svc', '#certtype', '#finess', '#techadmin', '#grades', '#cn', '#csr']);
const TOPIC_TAG = 0x27d4eb2f;
const NO_TOPIC_TAG = 0x165667b1;

const DOMAIN_KEY = hashString('#domain', SEED_UNIGRAM ^ 1);
const NO_DOMAIN_KEY = hashString('#nodomain', SEED_UNIGRAM ^ 1);

/**
 * The weighted features of an analysis: unigrams (plus a "has a domain concept" flag), bigrams and character
 * trigrams, each group deduplicated and scaled to unit length, then weighted.
 */
export function featuresOf(analysis: Analysis, weights: FeatureWeights = DEFAULT_FEATURE_WEIGHTS): Features {
  const keys: number[] = [];
  const values: number[] = [];
  const group = (set: ReadonlySet<number> | readonly number[], weight: number) => {
    const size = 'size' in set ? set.size : set.length;
    if (size === 0 || weight === 0) return;
    const value = weight / Math.sqrt(size);
    for (const key of set) {
      keys.push(key);
      values.push(value);
    }
  };
  const { tokens, grams } = analysis;
  const unigrams = new Set<number>();
  const bigrams = new Set<number>();
  const crossed = new Set<number>();
  let domain = false;
  let topic = false;
  for (const token of tokens) {
    if (!domain && DOMAIN_CONCEPTS.has(token)) domain = true;
    if (!topic && TOPIC_CONCEPTS.has(token)) topic = true;
  }
  const tag = topic ? TOPIC_TAG : NO_TOPIC_TAG;
  let previous = 0;
  for (let k = 0; k < tokens.length; k += 1) {
    const token = tokens[k] as string;
    const key = tokenKey(token);
    if (weights.topic > 0) crossed.add(hashPair(key, tag));
    unigrams.add(key);
    if (k > 0) bigrams.add(hashPair(previous ^ BIGRAM_TAG, key));
    previous = key;
  }
  const words = unigrams.size;
  unigrams.add(domain ? DOMAIN_KEY : NO_DOMAIN_KEY);
  group(unigrams, weights.unigram);
  group(bigrams, weights.bigram);
  group(crossed, weights.topic);
  // Trigrams are not deduplicated: a trigram that occurs twice simply weighs twice (and costs no set).
  group(grams, weights.chars);
  return { keys, values, words: weights.unigram === 0 ? 0 : words };
}
