import type { OutboxStatus } from '../outbox/outbox-item';

/** A reminder's state is its outbox item's. */
export type DeliveryStatus = OutboxStatus;

/**
 * "d90" … "d0" before and on the expiry day; "w1", "w2"… weekly after expiry; "s1", "s2"… snoozes the user asked
 * for; "u1", "u2"… notices to an owner that another target of the certificate can no longer be reached. Keys are
 * unique per (certificate, conversation, expiry date): a renewal starts a new cycle of the same keys.
 */
export type ThresholdKey = `d${number}` | `w${number}` | `s${number}` | `u${number}`;

/** Why a delivery was skipped, kept in `lastError` so that the owner can be told. */
export type SkipReason =
  /** The expiry date changed (renewal): the reminders of the old date no longer apply. */
  | 'renewed'
  /** The thresholds, delivery hour or targets changed and this reminder is no longer planned. */
  | 'unplanned'
  /** Reminders were switched off for the certificate. */
  | 'stopped'
  /** The conversation is no longer a target of the certificate. */
  | 'target-removed'
  /** A later reminder for the same conversation came due at the same time (catch-up after downtime). */
  | 'superseded'
  /** The user snoozed past it. */
  | 'snoozed';

/** Skips that a new plan may undo (reminders switched back on, a target added again); the others are final. */
export const REPLANNABLE_SKIPS: readonly SkipReason[] = ['renewed', 'unplanned', 'stopped', 'target-removed'];

/**
 * A reminder (or an owner notice) for one target, as the reminders domain sees its outbox item: exactly one per
 * (certificate, target, expiry date, threshold), so a reminder is never sent twice, and its state says whether it went.
 */
export interface Delivery {
  readonly id: string;
  readonly certificateId: string;
  readonly conversationId: string;
  /** The expiry date (YYYY-MM-DD) this reminder was planned for: its cycle. */
  readonly expiryDate: string;
  readonly threshold: ThresholdKey;
  readonly dueAt: Date;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly nextAttemptAt: Date;
  readonly sentAt: Date | undefined;
  /** The Teams activity id of the posted card, to update it in place (acknowledged, snoozed…). */
  readonly activityId: string | undefined;
  /** The last failure, or for a skipped delivery its SkipReason. */
  readonly lastError: string | undefined;
  /** Until when the claiming dispatcher holds it (status 'claimed'). */
  readonly leaseUntil: Date | undefined;
  readonly acknowledgedBy: string | undefined;
  /** The display name of who acknowledged, to show "acknowledged by …" to the owners; erased with their data. */
  readonly acknowledgedByName: string | undefined;
  readonly acknowledgedAt: Date | undefined;
  /** For a notice ("u" key): the conversation that could not be reached. */
  readonly aboutConversationId: string | undefined;
}
