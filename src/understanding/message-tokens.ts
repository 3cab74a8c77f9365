/**
 * A message as the classifier reads it: truncated, normalized, split into words with dates, numbers, FINESS numbers
 * and e-mail addresses typed, then mapped to concept tokens (longest phrase first, typos repaired).
 */
import { normalizeText } from '../parsing/normalize';
import { infoOf, singleTokens, type ConceptLexicon } from './lexicon-lookup';

/** Characters read from a message; anything beyond is ignored before any work is done. */
export const MAX_INPUT_CHARS = 1000;
/** Tokens read from a message after normalization. */
const MAX_TOKENS = 160;

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
