import { format } from 'date-fns/format';
import { enGB } from 'date-fns/locale/en-GB';
import { fr } from 'date-fns/locale/fr';
import { PARIS } from './civil-date';
import type { Locale } from './locale';

/**
 * en-CA formats as YYYY-MM-DD; one formatter, built once, is far cheaper than a TZDate per call. Built at first use
 * rather than at load: the first time-zone formatter loads ICU's zone data, which a start need not wait for.
 */
let parisDay: Intl.DateTimeFormat | undefined;

/** The last minute asked and its date: turns come many per minute, and a minute never straddles two days. */
let lastMinute = Number.NaN;
let lastDate = '';

/** The calendar date of an instant in Europe/Paris, as YYYY-MM-DD. */
export function parisDate(instant: Date): string {
  const minute = Math.floor(instant.getTime() / 60_000);
  if (minute !== lastMinute) {
    lastDate = (parisDay ??= new Intl.DateTimeFormat('en-CA', { timeZone: PARIS, year: 'numeric', month: '2-digit', day: '2-digit' })).format(instant);
    lastMinute = minute;
  }
  return lastDate;
}

/** A YYYY-MM-DD date as people read it: "26 novembre 2026" / "26 November 2026". */
export function displayDate(isoDate: string, locale: Locale): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  const text = format(new Date(year ?? 1970, (month ?? 1) - 1, day ?? 1), 'd MMMM yyyy', { locale: locale === 'fr' ? fr : enGB });
  // French writes the first of the month as an ordinal: « 1er février ».
  return locale === 'fr' && day === 1 ? text.replace(/^1 /, '1er ') : text;
}

let parisClock: Intl.DateTimeFormat | undefined;

/** The time of day of an instant in Europe/Paris, "09:00". */
export function parisTime(instant: Date): string {
  return (parisClock ??= new Intl.DateTimeFormat('en-GB', { timeZone: PARIS, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })).format(instant);
}
