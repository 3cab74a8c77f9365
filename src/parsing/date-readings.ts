import { addDays, addMonths, addYears, civilDate } from '../domain/civil-date';
import type { Locale } from '../domain/locale';
import type { DateRole } from './date-roles';
import { alternation, AMOUNT_WORDS, DAY_OFFSET_BY_WORD, MONTH_BY_NAME, NO_LETTER_AFTER, NO_LETTER_BEFORE, UNIT_BY_WORD } from './date-words';

/**
 * Every way a date is written, as a pattern and how to read it: numeric (`15/03/2024`, `2024-03-15`), in words
 * (`1er février 2025`, `March 15, 2024`) and relative to today (`hier`, `il y a 2 ans`, `in 3 months`).
 */

/** Years a typed date may have; outside them the user mistyped (a certificate is neither medieval nor from 2300). */
const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

/** Words right before a dotted number that make it a version, not a date ("version 1.2.24"). */
const VERSION_PREFIX = /(?:^|[^\p{L}])(?:v|version|release|build|patch)\s*$/u;

/** Not glued to another number: "06.12.34.56.78" is a phone number, not 6 December 2034. */
const NOT_AFTER_NUMBER = '(?<![\\p{L}\\p{N}]|\\p{N}[.,/:\\-])';
const NOT_BEFORE_NUMBER = '(?!\\p{N}|[.,/:\\-]\\p{N})';

const MONTH = `(${alternation([...MONTH_BY_NAME.keys()])})${NO_LETTER_AFTER}\\.?`;
const DAY = '(\\d{1,2}|premier)(?:er|ere|re|eme|st|nd|rd|th|e)?';
const YEAR4 = '(\\d{4})(?!\\p{N})';
const AMOUNT = `(?:\\d{1,3}|${alternation(Object.keys(AMOUNT_WORDS))})`;
const UNIT = `(?:${alternation([...UNIT_BY_WORD.keys()])})`;
const HALF = '(?:et\\s+demie?|and\\s+a\\s+half)';
/** One amount of one unit: "2 ans", "un an et demi", "2 and a half years". */
const DURATION_PART = `(?<amount>${AMOUNT})\\s+(?<halfBefore>and\\s+a\\s+half\\s+)?(?<unit>${UNIT})${NO_LETTER_AFTER}(?<halfAfter>\\s+${HALF})?`;
const DURATION_PART_RE = new RegExp(DURATION_PART, 'gu');
/**
 * "2 ans", "1 year and 6 months", "2 years, 3 months". A group name may appear only once in a pattern, so the parts
 * lose theirs here (DURATION_PART_RE reads them one by one). At most four parts keeps matching linear.
 */
const DURATION_SOURCE = `${DURATION_PART}(?:\\s*(?:,|et|and)\\s*${DURATION_PART}){0,3}`.replace(/\(\?<\w+>/g, '(?:');
const DURATION = `(${NO_LETTER_BEFORE}${DURATION_SOURCE})`;

/** What one piece of date-shaped text means; undefined when, looked at closely, it is not a date after all. */
export type Reading =
  /** `role`: what the very form of the date says it is (a certificate's age is its issue date). */
  | { readonly kind: 'date'; readonly date: string; readonly role?: DateRole }
  | { readonly kind: 'ambiguous'; readonly options: readonly [string, string] }
  | { readonly kind: 'invalid'; readonly reason: 'impossible' | 'out-of-range' };

export interface ReadContext {
  /** The message's language; numeric dates are read day first unless it is 'en'. */
  readonly locale: Locale | undefined;
  /** Today, YYYY-MM-DD, checked. */
  readonly today: string;
  /** The folded text before the match. */
  readonly before: string;
}

export interface DatePattern {
  readonly name: string;
  readonly pattern: RegExp;
  readonly read: (match: RegExpMatchArray, context: ReadContext) => Reading | undefined;
}

/** A calendar date, or why it is not one. */
export function calendarDate(year: number, month: number, day: number): Reading {
  if (year < MIN_YEAR || year > MAX_YEAR) return { kind: 'invalid', reason: 'out-of-range' };
  const date = civilDate(year, month, day);
  return date === undefined ? { kind: 'invalid', reason: 'impossible' } : { kind: 'date', date };
}

/** A date computed from today, when its year is one a typed date may have. */
function inRange(date: string): Reading {
  const year = Number(date.slice(0, 4));
  return year < MIN_YEAR || year > MAX_YEAR ? { kind: 'invalid', reason: 'out-of-range' } : { kind: 'date', date };
}

function fourDigitYear(digits: string): number {
  // A two-digit year is this century's: certificates are all after 2000.
  return digits.length === 2 ? 2000 + Number(digits) : Number(digits);
}

/**
 * `a/b/yyyy`: day first, except in English where a reading that is impossible gives way to the other one, and
 * two possible, different readings are ambiguous.
 */
function readNumeric(match: RegExpMatchArray, context: ReadContext): Reading | undefined {
  const [, first = '', separator = '', second = '', yearDigits = ''] = match;
  const a = Number(first);
  const b = Number(second);
  if (separator !== '/' && VERSION_PREFIX.test(context.before)) return undefined;
  const year = fourDigitYear(yearDigits);
  const dayFirst = calendarDate(year, b, a);
  // Only what clearly is a date is worth calling impossible: "31/02/2024", "00/13/24". "12.50.00" or "2.58.10"
  // (a time, a version) is not a date at all.
  const looksLikeADate = yearDigits.length === 4 || (separator === '/' && a <= 31 && b <= 31);
  if (context.locale !== 'en') return dayFirst.kind === 'invalid' && !looksLikeADate ? undefined : dayFirst;
  const monthFirst = calendarDate(year, a, b);
  if (dayFirst.kind === 'date' && monthFirst.kind === 'date' && dayFirst.date !== monthFirst.date) {
    return { kind: 'ambiguous', options: [dayFirst.date, monthFirst.date] };
  }
  if (dayFirst.kind === 'date') return dayFirst;
  if (monthFirst.kind === 'date') return monthFirst;
  return looksLikeADate ? dayFirst : undefined;
}

/** `yyyy-mm-dd` (or with `/` or `.`): never ambiguous, nobody writes year, day, month. */
function readYearFirst(match: RegExpMatchArray): Reading {
  const [, year = '', , month = '', day = ''] = match;
  return calendarDate(Number(year), Number(month), Number(day));
}

function dayNumber(text: string): number {
  return text === 'premier' ? 1 : Number(text);
}

function monthNumber(name: string): number {
  return MONTH_BY_NAME.get(name) ?? 0;
}

/** `15 mars 2024`, `1er février 2025`, `15th of March, 2024`, `15-Mar-2024`. */
function readDayMonthYear(match: RegExpMatchArray): Reading {
  const [, day = '', month = '', year = ''] = match;
  return calendarDate(Number(year), monthNumber(month), dayNumber(day));
}

/** `March 15, 2024`, `Mar. 15th 2024`. */
function readMonthDayYear(match: RegExpMatchArray): Reading {
  const [, month = '', day = '', year = ''] = match;
  return calendarDate(Number(year), monthNumber(month), dayNumber(day));
}

/** `aujourd'hui`, `hier`, `avant-hier`, `tomorrow`... */
function readDayWord(match: RegExpMatchArray, context: ReadContext): Reading | undefined {
  const offset = DAY_OFFSET_BY_WORD.get((match[1] ?? '').replace(/\s+/g, ' '));
  return offset === undefined ? undefined : inRange(addDays(context.today, offset));
}

interface Duration {
  readonly years: number;
  readonly months: number;
  readonly days: number;
}

/** "2 ans et 3 mois" → { years: 2, months: 3, days: 0 }; undefined for a half month or half day, which no calendar has. */
function parseDuration(text: string): Duration | undefined {
  let years = 0;
  let months = 0;
  let days = 0;
  for (const part of text.matchAll(DURATION_PART_RE)) {
    const groups = part.groups ?? {};
    const amountText = groups['amount'] ?? '';
    const amount = /^\d+$/.test(amountText) ? Number(amountText) : (AMOUNT_WORDS[amountText] ?? 0);
    const unit = UNIT_BY_WORD.get((groups['unit'] ?? '').replace(/\s+/g, ' '));
    const half = groups['halfBefore'] !== undefined || groups['halfAfter'] !== undefined;
    if (half && unit !== 'year') return undefined;
    if (unit === 'year') {
      years += amount;
      if (half) months += 6;
    } else if (unit === 'month') months += amount;
    else if (unit === 'week') days += 7 * amount;
    else if (unit === 'day') days += amount;
  }
  return { years, months, days };
}

/** A relative date, in the past (`il y a 2 ans`, `3 months ago`) or the future (`dans 2 mois`, `in 2 months`). */
function relativeReader(direction: 1 | -1): DatePattern['read'] {
  return (match, context) => {
    const duration = parseDuration(match[1] ?? '');
    if (duration === undefined) return undefined;
    // Today is within the years a date may have, so this many years away is not, whatever the months and days: said
    // first, it also keeps the arithmetic within the calendar (four "999 ans" would reach before year 0).
    if (duration.years > MAX_YEAR - MIN_YEAR) return { kind: 'invalid', reason: 'out-of-range' };
    // Calendar arithmetic, largest unit first: a year ago from 29 February is 28 February (the end of the month).
    return inRange(
      addDays(addMonths(addYears(context.today, direction * duration.years), direction * duration.months), direction * duration.days),
    );
  };
}

/** A certificate's age (« notre certificat a 2 ans », "it is 18 months old"): the day it was obtained. */
const readAge: DatePattern['read'] = (match, context) => {
  const reading = relativeReader(-1)(match, context);
  return reading?.kind === 'date' ? { ...reading, role: 'issue' } : reading;
};

/** Every way a date is written, each with how to read it. Matches of different patterns may not overlap. */
export const DATE_PATTERNS: readonly DatePattern[] = [
  {
    name: 'year-first',
    pattern: new RegExp(`${NOT_AFTER_NUMBER}(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})${NOT_BEFORE_NUMBER}`, 'gu'),
    read: readYearFirst,
  },
  {
    name: 'numeric',
    pattern: new RegExp(`${NOT_AFTER_NUMBER}(\\d{1,2})([/.\\-])(\\d{1,2})\\2(\\d{4}|\\d{2})${NOT_BEFORE_NUMBER}`, 'gu'),
    read: readNumeric,
  },
  {
    name: 'day-month-year',
    pattern: new RegExp(`(?<![\\p{L}\\p{N}])${DAY}(?:\\s+of)?[\\s\\-]+${MONTH},?[\\s\\-]+${YEAR4}`, 'gu'),
    read: readDayMonthYear,
  },
  {
    name: 'month-day-year',
    pattern: new RegExp(`${NO_LETTER_BEFORE}${MONTH}[\\s\\-]+${DAY}(?!\\p{N})(?:,\\s*|\\s+)${YEAR4}`, 'gu'),
    read: readMonthDayYear,
  },
  {
    name: 'day-word',
    pattern: new RegExp(`${NO_LETTER_BEFORE}(${alternation([...DAY_OFFSET_BY_WORD.keys()])})${NO_LETTER_AFTER}`, 'gu'),
    read: readDayWord,
  },
  { name: 'il-y-a', pattern: new RegExp(`${NO_LETTER_BEFORE}il\\s+y\\s+a\\s+${DURATION}`, 'gu'), read: relativeReader(-1) },
  { name: 'ago', pattern: new RegExp(`${DURATION}\\s+ago${NO_LETTER_AFTER}`, 'gu'), read: relativeReader(-1) },
  { name: 'dans', pattern: new RegExp(`${NO_LETTER_BEFORE}(?:dans|in)\\s+${DURATION}`, 'gu'), read: relativeReader(1) },
  { name: 'age-en', pattern: new RegExp(`${DURATION}(?=\\s+old${NO_LETTER_AFTER})`, 'gu'), read: readAge },
  {
    name: 'age-fr',
    // « il a 3 ans de validité » is a validity, not an age.
    pattern: new RegExp(
      `(?<=${NO_LETTER_BEFORE}(?:certificat|certif|cert|il|elle)\\s+a\\s+(?:maintenant\\s+|deja\\s+|presque\\s+|bientot\\s+|environ\\s+)?)${DURATION}(?!\\s+(?:de\\s+(?:validite|vie|duree)|pour))`,
      'gu',
    ),
    read: readAge,
  },
];
