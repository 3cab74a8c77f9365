import type { ThresholdKey } from './delivery';

/**
 * What a delivery key stands for: days before expiry, a week after expiry, a snooze the user asked for, or a notice
 * that another target became unreachable.
 */
export type ThresholdKind = 'before' | 'weekly' | 'snooze' | 'notice';

const PREFIX: Record<ThresholdKind, 'd' | 'w' | 's' | 'u'> = { before: 'd', weekly: 'w', snooze: 's', notice: 'u' };
const KEY = /^([dwsu])(0|[1-9]\d{0,5})$/;

/** "d30" = 30 days before expiry. */
export const beforeKey = (days: number): ThresholdKey => `d${days}`;
/** "w2" = two weeks after expiry. */
export const weeklyKey = (week: number): ThresholdKey => `w${week}`;
/** "s1" = the first snooze of a (certificate, conversation) in one expiry cycle. */
export const snoozeKey = (n: number): ThresholdKey => `s${n}`;

/** "u1" = the first notice to an owner's conversation, in one expiry cycle, that another target is unreachable. */
export const noticeKey = (n: number): ThresholdKey => `u${n}`;

/** Whether a key is an owner notice rather than a reminder: notices are neither superseded nor listed as reminders. */
export const isNoticeKey = (key: string): boolean => key.startsWith('u');

/** Reads a stored key back; undefined for anything that is not one. */
export function parseThresholdKey(key: string): { readonly kind: ThresholdKind; readonly n: number } | undefined {
  const match = KEY.exec(key);
  if (!match) return undefined;
  const kind = (Object.keys(PREFIX) as ThresholdKind[]).find((k) => PREFIX[k] === match[1]);
  return kind && { kind, n: Number(match[2]) };
}

/** Narrows a stored string to a ThresholdKey, or throws: a malformed key in the table is a bug, not user input. */
export function asThresholdKey(key: string): ThresholdKey {
  if (!parseThresholdKey(key)) throw new Error(`Not a reminder threshold key: ${JSON.stringify(key)}`);
  return key as ThresholdKey;
}
