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
 * both stay cheap.
 */
import { CONCEPTS, FUZZY_STOPLIST } from './concept-lexicon';
import { normalizeText } from '../parsing/normalize';

/** Characters read from a message; anything beyond is ignored before any work is done. */
export const MAX_INPUT_CHARS = 1000;
/** Tokens read from a message after normalization. */
const MAX_TOKENS = 160;

interface Phrase {
  readonly words: readonly string[];
  readonly tokens: readonly string[];
}

/** What the lexicon says about one word as written; computed once per distinct word, then cached. */
interface WordInfo {
  /** The word, or the lexicon word it is a typo of. */
  readonly word: string;
  /** Phrases of two words or more that start with `word`, longest first. */
  readonly phrases: readonly Phrase[];
  /** The concept tokens of `word` alone (or of its singular / masculine form), when it is a one-word term. */
  readonly single: readonly string[] | undefined;
  /** The token for a word the lexicon does not know: its light stem. */
  readonly fallback: string;
  /** Feature keys (hashes) of the character trigrams of the word as written. */
  readonly grams: readonly number[];
}

export interface ConceptLexicon {
  /** Every phrase (one word or more), grouped by first word, longest first. */
  readonly byFirstWord: ReadonlyMap<string, readonly Phrase[]>;
  /** Every word that appears in some term: lexicon words are never "repaired" into something else. */
  readonly words: ReadonlySet<string>;
  /**
   * The typo-repair targets (see repairTargets), indexed by themselves and by each of their one-letter deletions
   * ("certficat" is under "certificat" minus its "i"): two words within one edit share a key, so typo repair only
   * verifies the few words filed under the typo's own keys (symmetric-delete lookup).
   */
  readonly deletions: ReadonlyMap<string, readonly string[]>;
  /** Word analyses already computed (words repeat a lot), bounded. */
  readonly cache: Map<string, WordInfo>;
}

/** Bound on the per-word cache, so a stream of unusual words cannot grow memory without limit. */
const CACHE_LIMIT = 50_000;

function termWords(term: string): string[] {
  return normalizeText(term).replace(/[-./_]/g, ' ').split(' ').filter(Boolean);
}

/** Builds the lexicon once; throws when one term is given two different concepts (a data error). */
export function buildConceptLexicon(entries = CONCEPTS): ConceptLexicon {
  const seen = new Map<string, string>();
  const byFirstWord = new Map<string, Phrase[]>();
  const words = new Set<string>();
  for (const { concept, terms } of entries) {
    const tokens = concept.split(' ');
    for (const term of terms.split(',')) {
      const phraseWords = termWords(term);
      if (phraseWords.length === 0) continue;
      const key = phraseWords.join(' ');
      const previous = seen.get(key);
      if (previous !== undefined && previous !== concept) {
        throw new Error(`Concept lexicon: "${key}" is both ${previous} and ${concept}.`);
      }
      if (previous !== undefined) continue;
      seen.set(key, concept);
      const first = phraseWords[0] as string;
      const list = byFirstWord.get(first) ?? [];
      list.push({ words: phraseWords, tokens });
      byFirstWord.set(first, list);
      for (const word of phraseWords) words.add(word);
    }
  }
  for (const list of byFirstWord.values()) list.sort((a, b) => b.words.length - a.words.length);
  const deletions = new Map<string, string[]>();
  for (const word of [...repairTargets(byFirstWord)].sort()) {
    for (const key of deletionKeys(word)) {
      const list = deletions.get(key);
      if (list === undefined) deletions.set(key, [word]);
      else if (list[list.length - 1] !== word) list.push(word);
    }
  }
  return { byFirstWord, words, deletions, cache: new Map() };
}

/** True when `a` and `b` are within one edit: insertion, deletion, substitution or swap of two neighbours. */
export function withinOneEdit(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (la === lb) {
    let i = 0;
    while (i < la && a.charCodeAt(i) === b.charCodeAt(i)) i += 1;
    if (i === la) return true;
    let j = la - 1;
    while (j > i && a.charCodeAt(j) === b.charCodeAt(j)) j -= 1;
    // One substitution (the only difference is at i), or one swap of neighbours i and i + 1.
    if (j === i) return true;
    return j === i + 1 && a.charCodeAt(i) === b.charCodeAt(j) && a.charCodeAt(j) === b.charCodeAt(i);
  }
  if (la - lb !== 1 && lb - la !== 1) return false;
  const short = la < lb ? a : b;
  const long = la < lb ? b : a;
  let i = 0;
  while (i < short.length && short.charCodeAt(i) === long.charCodeAt(i)) i += 1;
  for (let k = i; k < short.length; k += 1) if (short.charCodeAt(k) !== long.charCodeAt(k + 1)) return false;
  return true;
}

/** Shortest word typo repair reads: 5-letter words have too many ordinary neighbours (moins/mois, think/thank). */
export const MIN_REPAIR_LENGTH = 6;

/**
 * Concepts a typo is never "repaired" into: they only describe what is out of scope, and their words are everyday
 * words whose neighbours are other everyday words (manager/manger, demain/domain, nearly/yearly).
 */
const NO_REPAIR_INTO = new Set(['#itnoise', '#lifenoise', '#web', '#othercert', '#otherobject', '#clinical', '#room', '#year', '#timeunit', '#monthname']);

/**
 * The words typo repair may land on: one-word terms of the concepts that matter (a typo of "renouveler" is fixed,
 * a word close to "lunch" is left alone), and the long, distinctive words inside phrases ("pratique", "technique").
 */
function repairTargets(byFirstWord: ReadonlyMap<string, readonly Phrase[]>): Set<string> {
  const targets = new Set<string>();
  for (const phrases of byFirstWord.values()) {
    for (const phrase of phrases) {
      if (phrase.words.length === 1) {
        const word = phrase.words[0] as string;
        if (word.length >= MIN_REPAIR_LENGTH - 1 && !/\d/.test(word) && !phrase.tokens.some((t) => NO_REPAIR_INTO.has(t))) targets.add(word);
      } else {
        for (const word of phrase.words) if (word.length >= 8 && !/\d/.test(word)) targets.add(word);
      }
    }
  }
  return targets;
}

/** A word and each of its one-letter deletions. */
function deletionKeys(word: string): string[] {
  const keys = [word];
  for (let i = 0; i < word.length; i += 1) keys.push(word.slice(0, i) + word.slice(i + 1));
  return keys;
}

/**
 * The lexicon word a typo stands for: the alphabetically first repair target within one edit of a word of
 * MIN_REPAIR_LENGTH+ letters (deterministic); undefined when there is none, or when the word is itself a lexicon
 * word or a known ordinary word (FUZZY_STOPLIST).
 */
export function repairTypo(lexicon: ConceptLexicon, word: string): string | undefined {
  if (word.length < MIN_REPAIR_LENGTH || lexicon.words.has(word) || FUZZY_STOPLIST.has(word) || /\d/.test(word)) return undefined;
  let best: string | undefined;
  for (const key of deletionKeys(word)) {
    for (const target of lexicon.deletions.get(key) ?? NONE) {
      if ((best === undefined || target < best) && withinOneEdit(word, target)) best = target;
    }
  }
  return best;
}

const NONE: readonly string[] = [];

/** Light, language-agnostic stemming for words the lexicon does not know: plural endings. */
function stem(word: string): string {
  return word.length > 4 && (word.endsWith('s') || word.endsWith('x')) ? word.slice(0, -1) : word;
}

function singleTokens(lexicon: ConceptLexicon, word: string): readonly string[] | undefined {
  return lexicon.byFirstWord.get(word)?.find((phrase) => phrase.words.length === 1)?.tokens;
}

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
function hashPair(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** Seeds that keep the feature groups apart: the unigram "cert" and the trigram "cer" never share a key. */
const SEED_UNIGRAM = 0x811c9dc5;
const SEED_TRIGRAM = 0x2f6b1c3d;
const BIGRAM_TAG = 0x5bd1e995;

/** Character trigrams of a word with its boundaries ("<ce", "cer", …, "at>"), as feature keys (FNV-1a, as above). */
function charGrams(word: string): number[] {
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

function infoOf(lexicon: ConceptLexicon, written: string): WordInfo {
  const cached = lexicon.cache.get(written);
  if (cached) return cached;
  const word = repairTypo(lexicon, written) ?? written;
  const phrases = (lexicon.byFirstWord.get(word) ?? []).filter((phrase) => phrase.words.length > 1);
  let single = singleTokens(lexicon, word);
  if (!single) {
    // Plural or feminine forms of a one-word term: "renouvelees", "alertes".
    for (const base of [word.slice(0, -1), word.endsWith('es') ? word.slice(0, -2) : '']) {
      if (base.length >= 3 && /[sxe]$/.test(word)) single ??= singleTokens(lexicon, base);
    }
  }
  const info: WordInfo = { word, phrases, single, fallback: stem(word), grams: charGrams(written) };
  if (lexicon.cache.size >= CACHE_LIMIT) lexicon.cache.clear();
  lexicon.cache.set(written, info);
  return info;
}

const DATE = /^(?:\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?|\d{4}[/.-]\d{1,2}[/.-]\d{1,2})$/;
const YEAR = /^(?:19|20)\d{2}$/;
const NUMBER = /^\d{1,3}(?:er|ere|e|eme|st|nd|rd|th)?$|^\d+$/;
const FINESS = /^(?:\d{9}|2[ab]\d{7})$/;
const NUMBER_WORDS = new Set(
  'un une deux trois quatre cinq six sept huit neuf dix douze quinze vingt trente soixante one two three four five six seven eight nine ten twelve fifteen twenty thirty sixty quelques plusieurs few several combien'.split(
    ' ',
  ),
);

/** Words around a month name that make it a date. */
const MONTH_BEFORE = new Set(['#num', 'en', 'in', 'fin', 'debut', 'mi', 'since', 'depuis', 'de', 'of', 'end', 'early', 'late', 'last']);
const MONTH_AFTER = new Set(['#yearnum', 'dernier', 'derniere', 'prochain', 'prochaine', 'last', 'next', '#num']);
/** A count before a unit of time: "2 ans", "deux mois", "three years". */
const COUNT = new Set(['#num', ...NUMBER_WORDS, 'a', 'an', 'one', 'un', 'une']);

/** The words of a normalized message; dates, years, numbers, FINESS numbers and e-mail addresses typed (`#date`). */
function rawTokens(normalized: string, lexicon: ConceptLexicon): string[] {
  const out: string[] = [];
  const push = (word: string) => {
    if (!word) return;
    const code = word.charCodeAt(0);
    if (code >= 48 && code <= 57) {
      if (DATE.test(word)) out.push('#date');
      else if (YEAR.test(word)) out.push('#yearnum');
      else if (FINESS.test(word)) out.push('#finessnum');
      else if (NUMBER.test(word)) out.push('#num');
      else out.push(word);
    } else {
      out.push(word);
    }
  };
  for (const token of normalized.split(' ')) {
    if (out.length >= MAX_TOKENS) break;
    if (!token) continue;
    if (token.includes('@')) {
      out.push('#email');
      for (const part of token.slice(0, token.indexOf('@')).split(/[-._]/)) push(part);
      continue;
    }
    if (!/[-./]/.test(token)) {
      push(token);
      continue;
    }
    const trimmed = token.replace(/^[-./]+|[-./]+$/g, '');
    if (!/[-./]/.test(trimmed) || DATE.test(trimmed)) {
      push(trimmed);
      continue;
    }
    // "e-cps", "turn-over", "igc-sante": the joined form when the lexicon knows it, else the parts.
    const joined = trimmed.replace(/[-./]/g, '');
    if (singleTokens(lexicon, joined)) push(joined);
    else for (const part of trimmed.split(/[-./]+/)) push(part);
  }
  return out.slice(0, MAX_TOKENS);
}

export interface Analysis {
  /** The message as read: concept tokens and stemmed words, in order. */
  readonly tokens: readonly string[];
  /** Feature keys of the character trigrams of the words as written. */
  readonly grams: readonly number[];
}

/** Concept mapping with phrases, typo repair and the "ans" (years) / "ANS" (the agency) distinction. */
export function analyze(text: string, lexicon: ConceptLexicon): Analysis {
  const normalized = normalizeText(text.length > MAX_INPUT_CHARS ? text.slice(0, MAX_INPUT_CHARS) : text);
  const raw = rawTokens(normalized, lexicon);
  const infos = raw.map((word) => (word.startsWith('#') ? undefined : infoOf(lexicon, word)));
  const tokens: string[] = [];
  const grams: number[] = [];
  let i = 0;
  while (i < raw.length) {
    const info = infos[i];
    if (!info) {
      tokens.push(raw[i] as string);
      i += 1;
      continue;
    }
    for (const gram of info.grams) grams.push(gram);
    const word = info.word;
    if (word === 'an' || word === 'ans') {
      // "3 ans", "deux ans" are years; "l'ANS" is the agency.
      const previous = raw[i - 1];
      const counted = previous !== undefined && (previous === '#num' || previous === 'd' || NUMBER_WORDS.has(previous));
      tokens.push(counted ? '#year' : word === 'ans' ? '#ans' : 'an');
      i += 1;
      continue;
    }
    let matched = 0;
    for (const phrase of info.phrases) {
      const n = phrase.words.length;
      if (i + n > raw.length) continue;
      let k = 1;
      while (k < n && infos[i + k]?.word === phrase.words[k]) k += 1;
      if (k < n) continue;
      for (const token of phrase.tokens) tokens.push(token);
      matched = n;
      break;
    }
    if (matched > 0) {
      for (let k = 1; k < matched; k += 1) for (const gram of infos[i + k]?.grams ?? []) grams.push(gram);
      i += matched;
      continue;
    }
    if (info.single) for (const token of info.single) tokens.push(token);
    else tokens.push(info.fallback);
    i += 1;
  }
  // "12 mars 2026", "March 2023", "en octobre dernier", "since last May": a date written in words; "il y a 2 ans",
  // "two years ago": a date counted back from today.
  const length = tokens.length;
  for (let k = 0; k < length; k += 1) {
    const token = tokens[k];
    if (token === '#monthname' && (MONTH_BEFORE.has(tokens[k - 1] ?? '') || MONTH_AFTER.has(tokens[k + 1] ?? ''))) {
      tokens.push('#date');
    } else if (token === 'il' && tokens[k + 1] === 'y' && tokens[k + 2] === 'a' && COUNT.has(tokens[k + 3] ?? '')) {
      tokens.push('#ago', '#date');
    } else if (token === '#ago' && COUNT.has(tokens[k - 2] ?? tokens[k - 1] ?? '')) {
      tokens.push('#date');
    }
  }
  return { tokens, grams };
}

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
