import type { ThresholdKey } from './delivery';

/** What a delivery key stands for: days before expiry, a week after expiry, or a snooze the user asked for. */
export type ThresholdKind = 'before' | 'weekly' | 'snooze';

const PREFIX: Record<ThresholdKind, 'd' | 'w' | 's'> = { before: 'd', weekly: 'w', snooze: 's' };
const KEY = /^([dws])(0|[1-9]\d{0,5})$/;

/** "d30" = 30 days before expiry. */
export const beforeKey = (days: number): ThresholdKey => `d${days}`;
/** "w2" = two weeks after expiry. */
export const weeklyKey = (week: number): ThresholdKey => `w${week}`;
/** "s1" = the first snooze of a (certificate, conversation) in one expiry cycle. */
export const snoozeKey = (n: number): ThresholdKey => `s${n}`;

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
