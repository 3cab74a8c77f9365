import { civilDate } from '../domain/civil-date';
import { MONTH_BY_NAME } from './date-words';
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

export function dayMonthIn(text: string, today: string, role: 'issue' | 'expiry' | undefined): DayMonth | undefined {
  const words = normalizeText(text);
  const dayFirst = DAY_FIRST.exec(words);
  const monthFirst = dayFirst ? undefined : MONTH_FIRST.exec(words);
  const match = dayFirst ?? monthFirst;
  if (!match) return undefined;
  const dayText = (dayFirst ? dayFirst[1] : monthFirst?.[2]) ?? '';
  const month = MONTH_BY_NAME.get((dayFirst ? dayFirst[2] : monthFirst?.[1]) ?? '');
  const day = /^\d+$/.test(dayText) ? Number(dayText) : 1;
  if (!month) return undefined;
  const year = Number(today.slice(0, 4));
  const occurrence = role === 'issue' ? 'last' : 'next';
  // The same day in the years around today (29 February exists only every four years), nearest first either way.
  const dates = [-4, -3, -2, -1, 0, 1, 2, 3, 4]
    .map((offset) => civilDate(year + offset, month, day))
    .filter((date): date is string => date !== undefined);
  const date = occurrence === 'next' ? dates.find((d) => d >= today) : dates.filter((d) => d <= today).pop();
  if (!date) return undefined;
  return { date, text: match[0], occurrence };
}
