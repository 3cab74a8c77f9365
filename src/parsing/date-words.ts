import { NUMBER_WORDS } from './structure-lexicon';

/**
 * The words of dates as people write them in chat, French and English, folded (lower case, no accents), and the
 * pieces of regular expression built from them.
 */

/** Month names and abbreviations, folded (no accents), French and English. */
const MONTH_NAMES: ReadonlyArray<{ readonly month: number; readonly names: readonly string[] }> = [
  { month: 1, names: ['janvier', 'janv', 'january', 'jan'] },
  { month: 2, names: ['fevrier', 'fevr', 'fev', 'february', 'feb'] },
  { month: 3, names: ['mars', 'march', 'mar'] },
  { month: 4, names: ['avril', 'avr', 'april', 'apr'] },
  { month: 5, names: ['mai', 'may'] },
  { month: 6, names: ['juin', 'june', 'jun'] },
  { month: 7, names: ['juillet', 'juil', 'july', 'jul'] },
  { month: 8, names: ['aout', 'august', 'aug'] },
  { month: 9, names: ['septembre', 'september', 'sept', 'sep'] },
  { month: 10, names: ['octobre', 'october', 'oct'] },
  { month: 11, names: ['novembre', 'november', 'nov'] },
  { month: 12, names: ['decembre', 'december', 'dec'] },
];

/** Single words for a day near today, with their offset in days. */
const DAY_WORDS: ReadonlyArray<{ readonly words: readonly string[]; readonly days: number }> = [
  { words: ["aujourd'hui", 'aujourd hui', 'aujourdhui', 'today', 'ce matin', 'cet apres-midi', 'cet apres midi', 'ce soir', 'this morning', 'this afternoon', 'this evening', 'tonight'], days: 0 },
  { words: ['hier', 'yesterday'], days: -1 },
  { words: ['avant-hier', 'avant hier', 'day before yesterday'], days: -2 },
  { words: ['demain', 'tomorrow'], days: 1 },
  { words: ['apres-demain', 'apres demain', 'day after tomorrow'], days: 2 },
];

/**
 * Where in a month a date falls, as people say it: « fin mars », « début juin », « mi-avril », "end of March",
 * "early June", "mid-April" — the last day, the first, the 15th. A regular expression piece that captures the word.
 */
export const MONTH_PART = String.raw`(fin|debut|mi|milieu|courant|end|beginning|start|early|late|mid|middle)(?:\s+(?:de|d|of|du mois de))?`;

/** The day of the month a part-of-month word means (« fin » → the last day, « mi » → the 15th, « début » → the 1st). */
export function dayForMonthPart(word: string, lastDay: number): number {
  if (/^(?:fin|end|late)$/.test(word)) return lastDay;
  if (/^(?:mi|milieu|mid|middle|courant)$/.test(word)) return 15;
  return 1;
}

export type DurationUnit = 'year' | 'month' | 'week' | 'day';

/** Units of a relative date ("il y a 2 ans", "3 months ago"). */
const DURATION_UNITS: ReadonlyArray<{ readonly unit: DurationUnit; readonly words: readonly string[] }> = [
  { unit: 'year', words: ['annees', 'annee', 'ans', 'an', 'years', 'year'] },
  { unit: 'month', words: ['mois', 'months', 'month'] },
  { unit: 'week', words: ['semaines', 'semaine', 'weeks', 'week'] },
  { unit: 'day', words: ['jours', 'jour', 'days', 'day'] },
];

/** Amounts written as words: the shared number words plus the English articles ("a year ago"). */
export const AMOUNT_WORDS: Readonly<Record<string, number>> = { ...NUMBER_WORDS, a: 1, an: 1 };

/** A text as a regular expression that matches it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** An alternation of phrases, longest first so that "avant-hier" wins over "hier"; spaces match any spacing. */
export function alternation(phrases: readonly string[]): string {
  return [...phrases]
    .sort((a, b) => b.length - a.length)
    .map((phrase) => escapeRegExp(phrase).replace(/ /g, '\\s+'))
    .join('|');
}

/** Month number (1–12) by name or abbreviation. */
export const MONTH_BY_NAME: ReadonlyMap<string, number> = new Map(
  MONTH_NAMES.flatMap(({ month, names }) => names.map((name) => [name, month] as const)),
);
/** Days from today by day word ("hier" → -1). */
export const DAY_OFFSET_BY_WORD: ReadonlyMap<string, number> = new Map(
  DAY_WORDS.flatMap(({ words, days }) => words.map((word) => [word, days] as const)),
);
/** Unit of time by word ("mois" → month). */
export const UNIT_BY_WORD: ReadonlyMap<string, DurationUnit> = new Map(
  DURATION_UNITS.flatMap(({ unit, words }) => words.map((word) => [word, unit] as const)),
);

/** Word boundaries that know accented letters (`\b` only knows ASCII ones). */
export const NO_LETTER_BEFORE = '(?<![\\p{L}])';
export const NO_LETTER_AFTER = '(?![\\p{L}])';
