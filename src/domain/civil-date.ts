/**
 * Civil dates: calendar days written YYYY-MM-DD (years 0000–9999), as certibot's users in France live them, and the
 * instants a Paris wall clock shows on them. Every function takes valid dates and throws a RangeError otherwise.
 *
 * Day arithmetic runs on UTC midnights, where every day has exactly 24 hours, so it is plain and exact (and cheap:
 * reminder schedules count days in loops). Months and years go through date-fns in UTC, which clamps to the end of
 * the month (31 January + 1 month = 28 or 29 February). Which days exist, 29 February included, is the Gregorian
 * calendar of the platform's Date: no leap-year rule is written here.
 */
import { tz, tzOffset } from '@date-fns/tz';
import { addMonths as addCalendarMonths } from 'date-fns/addMonths';
import { addYears as addCalendarYears } from 'date-fns/addYears';

/** certibot's users are in France: civil dates are Europe/Paris dates. */
export const PARIS = 'Europe/Paris';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const UTC = tz('UTC');

/** The UTC midnight of a year, month (1–12) and day, rolled over as Date does (2025-02-30 → 2 March). */
function utcMidnight(year: number, month: number, day: number): Date {
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
  date.setUTCFullYear(year, month - 1, day);
  return date;
}

/** The YYYY-MM-DD date of a year, month (1–12) and day, or undefined when that day does not exist (2025-02-29). */
export function civilDate(year: number, month: number, day: number): string | undefined {
  if (![year, month, day].every(Number.isInteger) || year < 0 || year > 9999) return undefined;
  const date = utcMidnight(year, month, day);
  // A day that does not exist rolls over into another month: it does not come back as itself.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return isoOf(date);
}

/** Whether a text is a YYYY-MM-DD date that exists. */
export function isCivilDate(text: string): boolean {
  return midnightOf(text) !== undefined;
}

function midnightOf(text: string): Date | undefined {
  const match = ISO_DATE.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return civilDate(year, month, day) === undefined ? undefined : utcMidnight(year, month, day);
}

function checked(date: string): Date {
  const midnight = midnightOf(date);
  if (midnight === undefined) throw new RangeError(`Not a YYYY-MM-DD date that exists: "${date}".`);
  return midnight;
}

function isoOf(date: Date): string {
  const year = date.getUTCFullYear();
  if (!(year >= 0 && year <= 9999)) throw new RangeError(`A civil date has a year from 0000 to 9999, not ${year}.`);
  return date.toISOString().slice(0, 10);
}

/** The date `days` after `date` (before it when negative). */
export function addDays(date: string, days: number): string {
  return isoOf(new Date(checked(date).getTime() + days * DAY_MS));
}

/** The date `months` after `date` (before it when negative), on the last day of the month when the day is missing. */
export function addMonths(date: string, months: number): string {
  return isoOf(addCalendarMonths(checked(date), months, { in: UTC }));
}

/** The date `years` after `date` (before it when negative): 29 February becomes 28 February in a common year. */
export function addYears(date: string, years: number): string {
  return isoOf(addCalendarYears(checked(date), years, { in: UTC }));
}

/** Whole days from one date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((checked(to).getTime() - checked(from).getTime()) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday, as Date.getDay. */
export function dayOfWeek(date: string): number {
  return checked(date).getUTCDay();
}

/**
 * The instant a Paris wall clock shows `hour`:00 on a date. On the spring-forward day 02:00 does not exist and
 * becomes 03:00 CEST; on the fall-back day 02:00 happens twice and the second one (CET) is taken. Computed from
 * Paris's offsets alone, so the answer does not depend on the time zone of the machine.
 */
export function parisInstant(date: string, hour: number): Date {
  // The wall-clock reading as if it were UTC; the instant is that minus the offset in force at the instant.
  const wall = checked(date).getTime() + hour * HOUR_MS;
  // Paris changes its clocks at most once around a given hour: the offsets a day either side are the only candidates.
  const offsets = [tzOffset(PARIS, new Date(wall - DAY_MS)), tzOffset(PARIS, new Date(wall + DAY_MS))];
  const readings = offsets
    .map((offset) => wall - offset * MINUTE_MS)
    .filter((instant) => tzOffset(PARIS, new Date(instant)) * MINUTE_MS === wall - instant);
  // Two readings when the clocks go back: the later. None when they go forward: the offset before the change, which
  // reads the missing hour as the one after it.
  return new Date(readings.length > 0 ? Math.max(...readings) : wall - (offsets[0] ?? 0) * MINUTE_MS);
}
