import { addDays, addMonths, addYears, civilDate } from '../domain/civil-date';
import { NUMBER_WORDS } from './structure-lexicon';

/**
 * Dates as people write them in chat, French and English: numeric (`15/03/2024`, `2024-03-15`), in words
 * (`1er février 2025`, `March 15, 2024`) and relative to today (`hier`, `il y a 2 ans`, `in 3 months`).
 *
 * Matching runs on a folded copy of the message (lower case, no accents, one kind of apostrophe) that keeps, for
 * every folded character, its place in the original, so each date reports the text the user actually typed.
 */

/** What a date is in the message: the day the certificate was obtained, or the day it expires. */
export type DateRole = 'issue' | 'expiry';

/** One date read from a message. */
export interface FoundDate {
  /** The calendar date, YYYY-MM-DD. */
  readonly date: string;
  /** What nearby words say the date is, or undefined when they say nothing. */
  readonly role: DateRole | undefined;
  /** The source text the date was read from, as typed. */
  readonly text: string;
}

/** What a message says about dates. */
export type DateParse =
  | { readonly kind: 'none' }
  /** One or more different valid dates, in order of appearance (the same date written twice is listed once). */
  | { readonly kind: 'found'; readonly dates: readonly FoundDate[] }
  /** An English `03/04/2024` that reads both ways: options are [day first, month first], to ask back. */
  | { readonly kind: 'ambiguous'; readonly text: string; readonly options: readonly [string, string] }
  /** Something shaped like a date that is not one: `31/02/2024` (impossible) or a year outside 1900–2199. */
  | { readonly kind: 'invalid'; readonly text: string; readonly reason: 'impossible' | 'out-of-range' };

export interface DateParseOptions {
  /** The message's language; numeric dates are read day first unless it is 'en'. */
  readonly locale: 'fr' | 'en' | undefined;
  /** Today in Europe/Paris, YYYY-MM-DD: the origin of relative dates (`hier`, `3 months ago`). */
  readonly today: string;
}

/** Years a typed date may have; outside them the user mistyped (a certificate is neither medieval nor from 2300). */
const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

// --- Vocabulary, as data ------------------------------------------------------------------------------------------

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
  { words: ["aujourd'hui", 'aujourd hui', 'aujourdhui', 'today'], days: 0 },
  { words: ['hier', 'yesterday'], days: -1 },
  { words: ['avant-hier', 'avant hier', 'day before yesterday'], days: -2 },
  { words: ['demain', 'tomorrow'], days: 1 },
  { words: ['apres-demain', 'apres demain', 'day after tomorrow'], days: 2 },
];

type DurationUnit = 'year' | 'month' | 'week' | 'day';

/** Units of a relative date ("il y a 2 ans", "3 months ago"). */
const DURATION_UNITS: ReadonlyArray<{ readonly unit: DurationUnit; readonly words: readonly string[] }> = [
  { unit: 'year', words: ['annees', 'annee', 'ans', 'an', 'years', 'year'] },
  { unit: 'month', words: ['mois', 'months', 'month'] },
  { unit: 'week', words: ['semaines', 'semaine', 'weeks', 'week'] },
  { unit: 'day', words: ['jours', 'jour', 'days', 'day'] },
];

/** Amounts written as words: the shared number words plus the English articles ("a year ago"). */
const AMOUNT_WORDS: Readonly<Record<string, number>> = { ...NUMBER_WORDS, a: 1, an: 1 };

/**
 * Words that say what a date is, folded. A trailing `*` matches any ending (`expir*`: expire, expiré, expiration).
 * The nearest cue before the date wins; failing that, the first one after it in the same clause.
 */
const ROLE_CUES: ReadonlyArray<{ readonly role: DateRole; readonly cues: readonly string[] }> = [
  {
    role: 'issue',
    cues: [
      'delivr*', 'emis', 'emise', 'emises', 'emission', 'obten*', 'recu', 'recue', 'recus', 'recues',
      'commande', 'commandee', 'commandes', 'commandees', 'cree', 'creee', 'crees', 'creees', 'creation',
      'genere', 'generee', 'generes', 'generees', 'generation', 'depuis le', 'valable depuis', 'valide depuis',
      'valable a partir', 'valide a partir', 'issued', 'issue date', 'date of issue', 'issuance', 'obtained', 'got',
      'received', 'delivered', 'created', 'generated', 'ordered', 'since', 'valid from', 'not before', 'notbefore',
    ],
  },
  {
    role: 'expiry',
    cues: [
      'expir*', 'echean*', 'echoit', 'perim*', 'fin de validite', 'date de fin', 'prend fin', 'se termine', 'jusqu',
      'jusque', 'until', 'till', 'ends', 'ending', 'end date', 'valid through', 'not after', 'notafter',
    ],
  },
];

/** Words right before a dotted number that make it a version, not a date ("version 1.2.24"). */
const VERSION_PREFIX = /(?:^|[^\p{L}])(?:v|version|release|build|patch)\s*$/u;

// --- Regular expressions built from the vocabulary ----------------------------------------------------------------

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** An alternation of phrases, longest first so that "avant-hier" wins over "hier"; spaces match any spacing. */
function alternation(phrases: readonly string[]): string {
  return [...phrases]
    .sort((a, b) => b.length - a.length)
    .map((phrase) => escapeRegExp(phrase).replace(/ /g, '\\s+'))
    .join('|');
}

const MONTH_BY_NAME: ReadonlyMap<string, number> = new Map(
  MONTH_NAMES.flatMap(({ month, names }) => names.map((name) => [name, month] as const)),
);
const DAY_OFFSET_BY_WORD: ReadonlyMap<string, number> = new Map(
  DAY_WORDS.flatMap(({ words, days }) => words.map((word) => [word, days] as const)),
);
const UNIT_BY_WORD: ReadonlyMap<string, DurationUnit> = new Map(
  DURATION_UNITS.flatMap(({ unit, words }) => words.map((word) => [word, unit] as const)),
);

const NO_LETTER_BEFORE = '(?<![\\p{L}])';
const NO_LETTER_AFTER = '(?![\\p{L}])';
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

// --- Readings -----------------------------------------------------------------------------------------------------

/** What one piece of date-shaped text means; undefined when, looked at closely, it is not a date after all. */
type Reading =
  | { readonly kind: 'date'; readonly date: string }
  | { readonly kind: 'ambiguous'; readonly options: readonly [string, string] }
  | { readonly kind: 'invalid'; readonly reason: 'impossible' | 'out-of-range' };

interface ReadContext {
  readonly locale: DateParseOptions['locale'];
  /** Today, YYYY-MM-DD, checked. */
  readonly today: string;
  /** The folded text before the match. */
  readonly before: string;
}

interface DatePattern {
  readonly name: string;
  readonly pattern: RegExp;
  readonly read: (match: RegExpMatchArray, context: ReadContext) => Reading | undefined;
}

/** A calendar date, or why it is not one. */
function calendarDate(year: number, month: number, day: number): Reading {
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

/** Every way a date is written, each with how to read it. Matches of different patterns may not overlap. */
const DATE_PATTERNS: readonly DatePattern[] = [
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
];

// --- Folding, with a way back to the source -----------------------------------------------------------------------

interface FoldedText {
  /** Lower case, accents removed, curly apostrophes straightened, non-breaking spaces made plain. */
  readonly text: string;
  /** For each folded index (and one past the end), the index in the source it came from. */
  readonly origin: readonly number[];
}

function foldChar(char: string): string {
  return char
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/[\u00a0\u202f]/g, ' ');
}

function fold(source: string): FoldedText {
  let text = '';
  const origin: number[] = [];
  let index = 0;
  for (const char of source) {
    const folded = foldChar(char);
    text += folded;
    for (let unit = 0; unit < folded.length; unit += 1) origin.push(index);
    index += char.length;
  }
  origin.push(source.length);
  return { text, origin };
}

// --- Roles --------------------------------------------------------------------------------------------------------

function cuePattern(cues: readonly string[]): RegExp {
  const parts = cues.map((cue) =>
    cue.endsWith('*') ? `${escapeRegExp(cue.slice(0, -1))}\\p{L}*` : `${escapeRegExp(cue).replace(/ /g, '\\s+')}`,
  );
  return new RegExp(`${NO_LETTER_BEFORE}(?:${parts.join('|')})${NO_LETTER_AFTER}`, 'gu');
}

const ROLE_PATTERNS: ReadonlyArray<{ readonly role: DateRole; readonly pattern: RegExp }> = ROLE_CUES.map(({ role, cues }) => ({
  role,
  pattern: cuePattern(cues),
}));

/** Where a clause starts or ends: sentence punctuation, a line break; a full stop only when a space follows. */
const CLAUSE_END = /[;!?\n]|\.(?=\s|$)/gu;
const CLAUSE_END_AFTER = /[,;!?\n]|\.(?=\s|$)/u;

/** The role of the cue nearest the end of `text` (`last`) or nearest its start. */
function cueIn(text: string, last: boolean): DateRole | undefined {
  let best: { readonly role: DateRole; readonly at: number } | undefined;
  for (const { role, pattern } of ROLE_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const at = last ? (match.index ?? 0) + match[0].length : -(match.index ?? 0);
      if (best === undefined || at > best.at) best = { role, at };
    }
  }
  return best?.role;
}

/**
 * The role nearby words give a date: the nearest cue before it in its clause ("délivré le 15/03/2024"), else the
 * first after it before a comma or the next date ("15/03/2024, date d'expiration").
 */
function roleOf(folded: string, start: number, end: number, nextStart: number): DateRole | undefined {
  const clauseStart = Math.max(-1, ...[...folded.slice(0, start).matchAll(CLAUSE_END)].map((m) => m.index ?? -1)) + 1;
  const before = cueIn(folded.slice(clauseStart, start), true);
  if (before !== undefined) return before;
  const after = folded.slice(end, nextStart);
  const clauseEnd = after.search(CLAUSE_END_AFTER);
  return cueIn(clauseEnd < 0 ? after : after.slice(0, clauseEnd), false);
}

// --- Parsing ------------------------------------------------------------------------------------------------------

interface Candidate {
  readonly start: number;
  readonly end: number;
  readonly reading: Reading;
}

function checkedToday(today: string): string {
  const [year, month, day] = today.split('-').map(Number);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || calendarDate(year ?? 0, month ?? 0, day ?? 0).kind !== 'date') {
    throw new RangeError(`today must be a YYYY-MM-DD date, got "${today}"`);
  }
  return today;
}

/** Every date-shaped piece of the folded text, in order, without overlaps (the earlier, then the longer, wins). */
function candidatesIn(folded: string, context: Omit<ReadContext, 'before'>): Candidate[] {
  const matches = DATE_PATTERNS.flatMap(({ pattern, read }) =>
    [...folded.matchAll(pattern)].map((match) => ({ match, read })),
  ).sort((x, y) => (x.match.index ?? 0) - (y.match.index ?? 0) || y.match[0].length - x.match[0].length);
  const candidates: Candidate[] = [];
  let consumed = 0;
  for (const { match, read } of matches) {
    const start = match.index ?? 0;
    if (start < consumed) continue;
    const reading = read(match, { ...context, before: folded.slice(0, start) });
    if (reading === undefined) continue;
    candidates.push({ start, end: start + match[0].length, reading });
    consumed = start + match[0].length;
  }
  return candidates;
}

/**
 * Reads the dates in a chat message, French or English, numeric, in words or relative to `today`.
 *
 * The first impossible or ambiguous date decides the answer, so the bot asks about it rather than compute from a
 * typo; otherwise every different date is returned with the role its nearby words give it, for the caller to choose.
 * Throws a RangeError when `today` is not a YYYY-MM-DD date (a programming error, not the user's).
 */
/** A cheap first look: can this text hold a date at all? */
export const MAY_HOLD_DATE =
  /\d|aujourd|hier|today|yesterday|demain|tomorrow|\b(?:ans?|mois|jours?|semaines?|years?|months?|days?|weeks?)\b/i;

export function parseDates(text: string, options: DateParseOptions): DateParse {
  // Every date form needs a digit, a day word or a unit of time: most questions have none, and skip the work.
  if (!MAY_HOLD_DATE.test(text)) return { kind: 'none' };
  const today = checkedToday(options.today);
  const folded = fold(text);
  const candidates = candidatesIn(folded.text, { locale: options.locale, today });
  const source = (candidate: Candidate): string =>
    text.slice(folded.origin[candidate.start] ?? 0, folded.origin[candidate.end] ?? text.length);

  const dates: FoundDate[] = [];
  for (const [index, candidate] of candidates.entries()) {
    const { reading } = candidate;
    if (reading.kind === 'invalid') return { kind: 'invalid', text: source(candidate), reason: reading.reason };
    if (reading.kind === 'ambiguous') return { kind: 'ambiguous', text: source(candidate), options: reading.options };
    const nextStart = candidates[index + 1]?.start ?? folded.text.length;
    const role = roleOf(folded.text, candidate.start, candidate.end, nextStart);
    const seen = dates.findIndex((found) => found.date === reading.date);
    const earlier = dates[seen];
    if (earlier === undefined) dates.push({ date: reading.date, role, text: source(candidate) });
    // The same date written twice is one date; a role said at its second mention still counts.
    else if (earlier.role === undefined) dates[seen] = { ...earlier, role };
  }
  return dates.length === 0 ? { kind: 'none' } : { kind: 'found', dates };
}
