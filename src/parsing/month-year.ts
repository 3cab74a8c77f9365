import { addDays, addMonths } from '../domain/civil-date';
import { dayForMonthPart, MONTH_BY_NAME, MONTH_PART } from './date-words';
import { normalizeText } from './normalize';

/**
 * A month without its day, as people write it when they do not have the certificate at hand: « mars 2027 »,
 * "June 2027", « 03/2027 », « 2027-03 ». Answers the month's first and last days (YYYY-MM-DD), and the text as typed.
 */
export interface MonthOnly {
  readonly first: string;
  readonly last: string;
  readonly text: string;
  /** The day said with a part of the month (« fin mars 2027 » → the 31st), when one was. */
  readonly day?: string;
}

const NAMES = [...MONTH_BY_NAME.keys()].sort((a, b) => b.length - a.length).join('|');
const BY_NAME = new RegExp(`\\b(${NAMES})\\.?\\s+(?:de\\s+|d\\s+|of\\s+)?((?:19|20|21)\\d{2})\\b`);
/** « fin mars 2027 », "end of March 2027": the part of the month just before its name. */
const PART_BEFORE = new RegExp(`\\b${MONTH_PART}[\\s-]+$`);
const NUMERIC = /(?<![\d/.-])(0?[1-9]|1[0-2])[/.-]((?:19|20|21)\d{2})(?![\d/.-])|(?<![\d/.-])((?:19|20|21)\d{2})-(0[1-9]|1[0-2])(?![\d/.-])/;

export function monthOnlyIn(text: string): MonthOnly | undefined {
  const words = normalizeText(text);
  const named = BY_NAME.exec(words);
  let year: number | undefined;
  let month: number | undefined;
  let typed: string | undefined;
  if (named) {
    month = MONTH_BY_NAME.get(named[1] ?? '');
    year = Number(named[2]);
    typed = named[0];
  } else {
    const numeric = NUMERIC.exec(text);
    if (numeric) {
      month = Number(numeric[1] ?? numeric[4]);
      year = Number(numeric[2] ?? numeric[3]);
      typed = numeric[0];
    }
  }
  if (!month || !year || !typed) return undefined;
  const first = `${year}-${String(month).padStart(2, '0')}-01`;
  const last = addDays(addMonths(first, 1), -1);
  const part = named ? PART_BEFORE.exec(words.slice(0, named.index)) : null;
  if (!part?.[1] || !named) return { first, last, text: typed };
  const day = `${first.slice(0, 8)}${String(dayForMonthPart(part[1], Number(last.slice(8)))).padStart(2, '0')}`;
  return { first, last, day, text: `${part[0]}${named[0]}` };
}
