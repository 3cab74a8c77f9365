/**
 * One scheduled reminder for one target: exactly one row per (certificate, threshold, target) and expiry date, so a
 * reminder is never sent twice, and its state says whether it went.
 */
export type DeliveryStatus =
  /** Waiting for its time (or for its next attempt). */
  | 'pending'
  /** Claimed by a dispatcher that holds a lease; a lease that runs out makes it claimable again. */
  | 'claimed'
  | 'sent'
  /** Superseded before it went: a later threshold came due at the same time (catch-up), or the certificate was renewed. */
  | 'skipped'
  /** The target blocked or removed the bot (403/404). */
  | 'unreachable'
  /** Gave up after the last retry, or refused by the connector for good. */
  | 'failed';

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

/** What a send attempt came to, as the dispatcher acts on it. */
export type SendOutcome =
  | { readonly kind: 'sent'; readonly activityId: string | undefined }
  /** 429 (with Retry-After) or 412/502/503/504: try again later. */
  | { readonly kind: 'retry'; readonly afterMs: number | undefined; readonly status: number }
  /** 403 blocked/uninstalled, 404 conversation gone: stop sending there until it speaks again. */
  | { readonly kind: 'unreachable'; readonly reason: string }
  /** Anything else: not retried. */
  | { readonly kind: 'failed'; readonly reason: string };

/**
 * What the dispatcher decided after an attempt, as the repository records it. The retry policy (backoff, the last
 * attempt) is the dispatcher's; the repository only applies the decision.
 */
export type DeliveryCompletion =
  | { readonly kind: 'sent'; readonly activityId: string | undefined }
  /** Attempted and refused for now: try again at `at`. */
  | { readonly kind: 'retry'; readonly at: Date; readonly error: string }
  /** Not attempted (rate limit pause, lease running out): back to pending at `at`, no attempt counted. */
  | { readonly kind: 'deferred'; readonly at: Date; readonly reason: string }
  | { readonly kind: 'unreachable'; readonly reason: string }
  | { readonly kind: 'failed'; readonly reason: string };
