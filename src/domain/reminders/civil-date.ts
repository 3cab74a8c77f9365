import { TZDate } from '@date-fns/tz';
import { PARIS } from '../calendar';

/** A calendar date as YYYY-MM-DD. Civil arithmetic runs in UTC, where every day has 24 hours. */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** The UTC midnight of a valid YYYY-MM-DD date, or undefined for anything else (2025-02-29, 2025-1-1…). */
export function utcMidnight(isoDate: string): number | undefined {
  const match = ISO_DATE.exec(isoDate);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  // Date.UTC rolls 2025-02-30 over to March: a date that does not round-trip does not exist.
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return undefined;
  return ms;
}

function isoOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The date `days` after (or before, when negative) a valid YYYY-MM-DD date. */
export function addDays(isoDate: string, days: number): string {
  return isoOf((utcMidnight(isoDate) ?? Number.NaN) + days * DAY_MS);
}

/** 0 = Sunday … 6 = Saturday, as Date.getDay. */
export function dayOfWeek(isoDate: string): number {
  return new Date(utcMidnight(isoDate) ?? Number.NaN).getUTCDay();
}

/** Whole days from one date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round(((utcMidnight(to) ?? Number.NaN) - (utcMidnight(from) ?? Number.NaN)) / DAY_MS);
}

/**
 * The instant a Paris wall clock shows `hour`:00 on a date. On the spring-forward day 02:00 does not exist and
 * becomes 03:00 CEST; on the fall-back day 02:00 happens twice and the second one (CET) is taken.
 */
export function parisInstant(isoDate: string, hour: number): Date {
  const ms = utcMidnight(isoDate) ?? Number.NaN;
  const day = new Date(ms);
  return new Date(new TZDate(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hour, 0, 0, PARIS).getTime());
}
