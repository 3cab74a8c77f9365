/**
 * The concept lexicon compiled for reading messages: its phrases indexed by first word, typo repair within one edit
 * (symmetric-delete lookup), and what it says about each word as written, cached per distinct word.
 */
import { normalizeText } from '../parsing/normalize';
import { CONCEPTS, FUZZY_STOPLIST } from './concept-lexicon';
import { charGrams } from './feature-hashing';

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
export const CACHE_LIMIT = 50_000;

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

/** The concept tokens of a one-word term, or undefined when the word is not one. */
export function singleTokens(lexicon: ConceptLexicon, word: string): readonly string[] | undefined {
  return lexicon.byFirstWord.get(word)?.find((phrase) => phrase.words.length === 1)?.tokens;
}

/** What the lexicon says about a word as written: typo repaired, phrases it starts, its tokens or stem, its trigrams. */
export function infoOf(lexicon: ConceptLexicon, written: string): WordInfo {
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
