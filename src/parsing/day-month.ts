import { civilDate } from '../domain/civil-date';
import { dayForMonthPart, MONTH_BY_NAME, MONTH_PART } from './date-words';
import { normalizeText } from './normalize';

/**
 * A day and a month without the year, as people write a date they know by heart: « expire le 12 janvier », "expires
 * on March 3rd". Which year is meant follows from what the date is: an expiry is the next time that day comes (today
 * included), an issue date the last time it went by. Answers the date (YYYY-MM-DD) and the text as typed.
 */
export interface DayMonth {
  readonly date: string;
  readonly text: string;
  /** Which occurrence was taken: the next one (an expiry) or the last one (an issue date). */
  readonly occurrence: 'next' | 'last';
}

const NAMES = [...MONTH_BY_NAME.keys()].filter((name) => name.length >= 3).sort((a, b) => b.length - a.length).join('|');
/** Not followed by a year: « 12 janvier 2027 » is a whole date, read elsewhere. */
const NO_YEAR = String.raw`(?!\s*,?\s*(?:de\s+|of\s+)?\d{2,4}\b)`;
const DAY_FIRST = new RegExp(String.raw`\b(1er|premier|\d{1,2})(?:er|st|nd|rd|th)?\s+(?:of\s+)?(${NAMES})\b${NO_YEAR}`);
const MONTH_FIRST = new RegExp(String.raw`\b(${NAMES})\s+(\d{1,2})(?:st|nd|rd|th)?\b${NO_YEAR}`);
/** « fin juin », "end of June", « mi-avril »: a part of a month, without the year. */
const PART_OF_MONTH = new RegExp(String.raw`\b${MONTH_PART}[\s-]+(${NAMES})\b${NO_YEAR}`);

/** The last day of a month (28 to 31). */
function lastDayOf(year: number, month: number): number {
  return [31, 30, 29, 28].find((day) => civilDate(year, month, day) !== undefined) ?? 28;
}

export function dayMonthIn(text: string, today: string, role: 'issue' | 'expiry' | undefined): DayMonth | undefined {
  const words = normalizeText(text);
  const dayFirst = DAY_FIRST.exec(words);
  const monthFirst = dayFirst ? undefined : MONTH_FIRST.exec(words);
  const part = dayFirst || monthFirst ? undefined : PART_OF_MONTH.exec(words);
  const match = dayFirst ?? monthFirst ?? part;
  if (!match) return undefined;
  const dayText = (dayFirst ? dayFirst[1] : monthFirst?.[2]) ?? '';
  const month = MONTH_BY_NAME.get((dayFirst ? dayFirst[2] : monthFirst ? monthFirst[1] : part?.[2]) ?? '');
  if (!month) return undefined;
  /** The day meant in a given year: as written, or where the part of the month falls (the end depends on the year). */
  const dayIn = (year: number): number => (part?.[1] ? dayForMonthPart(part[1], lastDayOf(year, month)) : /^\d+$/.test(dayText) ? Number(dayText) : 1);
  const year = Number(today.slice(0, 4));
  const occurrence = role === 'issue' ? 'last' : 'next';
  // The same day in the years around today (29 February exists only every four years), nearest first either way.
  const dates = [-4, -3, -2, -1, 0, 1, 2, 3, 4]
    .map((offset) => civilDate(year + offset, month, dayIn(year + offset)))
    .filter((date): date is string => date !== undefined);
  const date = occurrence === 'next' ? dates.find((d) => d >= today) : dates.filter((d) => d <= today).pop();
  if (!date) return undefined;
  return { date, text: match[0], occurrence };
}
