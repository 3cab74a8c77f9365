import { addDays, addMonths } from '../domain/civil-date';
import { MONTH_BY_NAME } from './date-words';
import { normalizeText } from './normalize';

/**
 * A month without its day, as people write it when they do not have the certificate at hand: « mars 2027 »,
 * "June 2027", « 03/2027 », « 2027-03 ». Answers the month's first and last days (YYYY-MM-DD), and the text as typed.
 */
export interface MonthOnly {
  readonly first: string;
  readonly last: string;
  readonly text: string;
}

const NAMES = [...MONTH_BY_NAME.keys()].sort((a, b) => b.length - a.length).join('|');
const BY_NAME = new RegExp(`\\b(${NAMES})\\.?\\s+(?:de\\s+|d\\s+|of\\s+)?((?:19|20|21)\\d{2})\\b`);
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
  return { first, last: addDays(addMonths(first, 1), -1), text: typed };
}
