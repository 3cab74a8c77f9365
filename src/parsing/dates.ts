/**
 * Dates as people write them in chat, French and English: numeric (`15/03/2024`, `2024-03-15`), in words
 * (`1er février 2025`, `March 15, 2024`) and relative to today (`hier`, `il y a 2 ans`, `in 3 months`).
 *
 * Matching runs on a folded copy of the message (lower case, no accents, one kind of apostrophe) that keeps, for
 * every folded character, its place in the original, so each date reports the text the user actually typed.
 */
import { calendarDate, DATE_PATTERNS, type ReadContext, type Reading } from './date-readings';
import { roleOf, type DateRole } from './date-roles';

export type { DateRole };

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

/** A cheap first look: can this text hold a date at all? */
export const MAY_HOLD_DATE =
  /\d|aujourd|hier|today|yesterday|demain|tomorrow|matin|morning|afternoon|apres.midi|soir|evening|tonight|\b(?:ans?|mois|jours?|semaines?|years?|months?|days?|weeks?)\b/i;

/**
 * Reads the dates in a chat message, French or English, numeric, in words or relative to `today`.
 *
 * The first impossible or ambiguous date decides the answer, so the bot asks about it rather than compute from a
 * typo; otherwise every different date is returned with the role its nearby words give it, for the caller to choose.
 * Throws a RangeError when `today` is not a YYYY-MM-DD date (a programming error, not the user's).
 */
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
    const role = reading.role ?? roleOf(folded.text, candidate.start, candidate.end, nextStart);
    const seen = dates.findIndex((found) => found.date === reading.date);
    const earlier = dates[seen];
    if (earlier === undefined) dates.push({ date: reading.date, role, text: source(candidate) });
    // The same date written twice is one date; a role said at its second mention still counts.
    else if (earlier.role === undefined) dates[seen] = { ...earlier, role };
  }
  return dates.length === 0 ? { kind: 'none' } : { kind: 'found', dates };
}
