import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { enGB, fr } from 'date-fns/locale';
import type { Locale } from './locale';

/** certibot's users are in France: calendar dates are Europe/Paris dates. */
export const PARIS = 'Europe/Paris';

/** The calendar date of an instant in Europe/Paris, as YYYY-MM-DD. */
export function parisDate(instant: Date): string {
  return format(new TZDate(instant.getTime(), PARIS), 'yyyy-MM-dd');
}

/** A YYYY-MM-DD date as people read it: "26 novembre 2026" / "26 November 2026". */
export function displayDate(isoDate: string, locale: Locale): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return format(new Date(year ?? 1970, (month ?? 1) - 1, day ?? 1), 'd MMMM yyyy', { locale: locale === 'fr' ? fr : enGB });
}
