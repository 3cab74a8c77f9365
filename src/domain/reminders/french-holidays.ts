import { addDays } from '../civil-date';

/** Fixed-date public holidays in metropolitan France (Code du travail, L3133-1), as MM-DD. */
const FIXED = ['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25'];

/** Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Holidays per year, computed once: a schedule asks about the same few years again and again. */
const byYear = new Map<number, ReadonlySet<string>>();

function holidaysOf(year: number): ReadonlySet<string> {
  let days = byYear.get(year);
  if (!days) {
    const easter = easterSunday(year);
    // Easter Monday, Ascension, Whit Monday. Alsace-Moselle's Good Friday and 26 December are not included.
    const movable = [1, 39, 50].map((offset) => addDays(easter, offset));
    days = new Set([...FIXED.map((md) => `${String(year).padStart(4, '0')}-${md}`), ...movable]);
    byYear.set(year, days);
  }
  return days;
}

/** Whether a YYYY-MM-DD date is a public holiday in metropolitan France. */
export function isFrenchPublicHoliday(isoDate: string): boolean {
  return holidaysOf(Number(isoDate.slice(0, 4))).has(isoDate);
}
