import { format } from 'date-fns';
import { enGB, fr } from 'date-fns/locale';
import type { Locale } from './locale';

/** certibot's users are in France: calendar dates are Europe/Paris dates. */
export const PARIS = 'Europe/Paris';

/** en-CA formats as YYYY-MM-DD; one formatter, built once, is far cheaper than a TZDate per call. */
const PARIS_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: PARIS, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date of an instant in Europe/Paris, as YYYY-MM-DD. */
export function parisDate(instant: Date): string {
  return PARIS_DAY.format(instant);
}

/** A YYYY-MM-DD date as people read it: "26 novembre 2026" / "26 November 2026". */
export function displayDate(isoDate: string, locale: Locale): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  const text = format(new Date(year ?? 1970, (month ?? 1) - 1, day ?? 1), 'd MMMM yyyy', { locale: locale === 'fr' ? fr : enGB });
  // French writes the first of the month as an ordinal: « 1er février ».
  return locale === 'fr' && day === 1 ? text.replace(/^1 /, '1er ') : text;
}
