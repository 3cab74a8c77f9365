import type { CertificateRecord, DeliveryPolicy } from './certificate';
import { addDays, dayOfWeek, daysBetween, isCivilDate, parisInstant } from '../civil-date';
import type { ThresholdKey } from './delivery';
import { isFrenchPublicHoliday } from './french-holidays';
import { beforeKey, weeklyKey } from './threshold-key';

/** What a schedule is computed from. */
export type ScheduleInput = Pick<CertificateRecord, 'expiryDate' | 'thresholds' | 'weeklyAfterExpiry' | 'delivery'>;

/** One reminder to plan for each target of a certificate. */
export interface PlannedDelivery {
  readonly threshold: ThresholdKey;
  readonly dueAt: Date;
}

/**
 * At registration (or any re-plan), the most recent reminder whose time has already passed is still planned — due at
 * once — if it passed less than this long ago; older ones are not created. Registering a certificate that expires in
 * 5 days thus reminds at once (d7), while one registered 80 days before expiry waits for d60 rather than repeating d90.
 */
export const RECENT_WINDOW_MS = 7 * 86_400_000;

/** Thresholds further than this from expiry are refused: ten years is longer than any certificate lives. */
export const MAX_THRESHOLD_DAYS = 3650;

/** A schedule that cannot be computed from what it was given. */
export class ScheduleError extends Error {
  constructor(
    readonly reason: 'invalid-date' | 'invalid-threshold' | 'invalid-hour',
    readonly value: unknown,
  ) {
    super(`Cannot plan reminders: ${reason} (${JSON.stringify(value)}).`);
    this.name = 'ScheduleError';
  }
}

const isWorkingDay = (isoDate: string): boolean => {
  const weekday = dayOfWeek(isoDate);
  return weekday !== 0 && weekday !== 6 && !isFrenchPublicHoliday(isoDate);
};

function checkDelivery(expiryDate: string, delivery: DeliveryPolicy): void {
  if (!isCivilDate(expiryDate)) throw new ScheduleError('invalid-date', expiryDate);
  if (!Number.isInteger(delivery.hour) || delivery.hour < 0 || delivery.hour > 23) throw new ScheduleError('invalid-hour', delivery.hour);
}

/**
 * The Paris date a reminder goes on: `daysBefore` days before expiry (negative = after), moved back to the previous
 * working day (Monday–Friday, not a French public holiday) when the policy says so — earlier, never later, than asked.
 */
export function deliveryDate(expiryDate: string, daysBefore: number, delivery: DeliveryPolicy): string {
  checkDelivery(expiryDate, delivery);
  if (!Number.isInteger(daysBefore) || Math.abs(daysBefore) > 100 * 366) throw new ScheduleError('invalid-threshold', daysBefore);
  let date = addDays(expiryDate, -daysBefore);
  while (delivery.workingDaysOnly && !isWorkingDay(date)) date = addDays(date, -1);
  return date;
}

/** The instant a reminder `daysBefore` days before expiry is due: the policy's hour, Paris time, on its delivery date. */
export function dueInstant(expiryDate: string, daysBefore: number, delivery: DeliveryPolicy): Date {
  return parisInstant(deliveryDate(expiryDate, daysBefore, delivery), delivery.hour);
}

/** The days-before thresholds, checked, without duplicates, furthest first. Empty means reminders are off. */
function thresholdDays(thresholds: readonly number[]): number[] {
  for (const days of thresholds) {
    if (!Number.isInteger(days) || days < 0 || days > MAX_THRESHOLD_DAYS) throw new ScheduleError('invalid-threshold', days);
  }
  return [...new Set(thresholds)].sort((a, b) => b - a);
}

const weekly = (certificate: ScheduleInput, week: number): PlannedDelivery => ({
  threshold: weeklyKey(week),
  dueAt: dueInstant(certificate.expiryDate, -7 * week, certificate.delivery),
});

/**
 * The weekly reminder after week `afterN` (0 = none sent yet): w(afterN+1), or with `notBefore` the first later week
 * due at or after it, so that a long downtime resumes with this week's reminder instead of a string of stale ones.
 * Undefined when reminders are off or do not continue after expiry.
 */
export function nextWeekly(certificate: ScheduleInput, afterN: number, notBefore?: Date): PlannedDelivery | undefined {
  if (!certificate.weeklyAfterExpiry || thresholdDays(certificate.thresholds).length === 0) return undefined;
  checkDelivery(certificate.expiryDate, certificate.delivery);
  let week = Math.max(afterN, 0) + 1;
  if (notBefore) {
    // Jump close to the right week first: a certificate left expired for years must not loop week by week.
    const elapsed = daysBetween(certificate.expiryDate, notBefore.toISOString().slice(0, 10));
    week = Math.max(week, Math.floor(elapsed / 7) - 1);
    while (weekly(certificate, week).dueAt < notBefore) week += 1;
  }
  return weekly(certificate, week);
}

/**
 * The reminders to plan for a certificate at `now`, earliest first:
 * - every days-before threshold due at or after `now` (two thresholds moved onto the same working day make one, the
 *   one closest to expiry);
 * - the most recent reminder already due, if it came due less than RECENT_WINDOW_MS ago (it goes at once);
 * - after expiry, only the next weekly one: each weekly reminder plans the following one when it is done.
 * Empty thresholds mean reminders are off, weekly ones included.
 */
export function plannedDeliveries(certificate: ScheduleInput, now: Date): PlannedDelivery[] {
  const days = thresholdDays(certificate.thresholds);
  if (days.length === 0) return [];
  const before: PlannedDelivery[] = [];
  for (const n of days) {
    const planned = { threshold: beforeKey(n), dueAt: dueInstant(certificate.expiryDate, n, certificate.delivery) };
    // Thresholds only move back, never past one another, so equal instants are neighbours.
    if (before[before.length - 1]?.dueAt.getTime() === planned.dueAt.getTime()) before.pop();
    before.push(planned);
  }
  const upcomingWeekly = nextWeekly(certificate, 0, now);
  const weekOfUpcoming = upcomingWeekly ? Number(upcomingWeekly.threshold.slice(1)) : 0;
  const lastWeeklyDue = weekOfUpcoming > 1 ? weekly(certificate, weekOfUpcoming - 1) : undefined;
  const recent = lastWeeklyDue ?? before.filter((p) => p.dueAt < now).pop();
  const plan = recent && now.getTime() - recent.dueAt.getTime() < RECENT_WINDOW_MS ? [recent] : [];
  plan.push(...before.filter((p) => p.dueAt >= now));
  // A weekly reminder planned as the recent one already heads the chain; otherwise the chain starts with the next week.
  const weeklyHeadsPlan = lastWeeklyDue !== undefined && plan[0] === lastWeeklyDue;
  if (upcomingWeekly && !weeklyHeadsPlan) plan.push(upcomingWeekly);
  return plan;
}
