import type { ScheduleInput, PlannedDelivery } from './schedule';
import { nextWeekly } from './schedule';
import { parseThresholdKey } from './threshold-key';

/** A weekly reminder already in the queue for one certificate, conversation and cycle. */
export interface WeeklyLink {
  readonly key: string;
  /** Still to go: pending, or in a dispatcher's hands. */
  readonly toGo: boolean;
}

/**
 * After expiry, weekly reminders form a chain: one waits at a time, and each one that is done (sent, failed, skipped)
 * hands on to the next. Answers the reminder to plan so that one waits, not before `notBefore` — or undefined when
 * one is waiting already, or the certificate has no weekly reminders.
 */
export function nextWeeklyLink(certificate: ScheduleInput, chain: readonly WeeklyLink[], notBefore: Date): PlannedDelivery | undefined {
  if (chain.some((link) => link.toGo)) return undefined;
  const last = Math.max(0, ...chain.map((link) => parseThresholdKey(link.key)?.n ?? 0));
  return nextWeekly(certificate, last, notBefore);
}
