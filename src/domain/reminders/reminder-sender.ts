import type { Locale } from '../locale';
import type { CertificateRecord } from './certificate';
import type { Delivery, SendOutcome } from './delivery';

/**
 * Posts one reminder to its conversation (the Teams edge implements it). It maps the connector's answer onto a
 * SendOutcome and should not throw; a throw is taken as a transport failure and retried with backoff.
 */
export interface ReminderSender {
  send(delivery: Delivery, certificate: CertificateRecord): Promise<SendOutcome>;
}

/** What became of a reminder, as its copies in the other conversations are to show it. */
export type CopyState =
  | { readonly kind: 'acknowledged'; readonly by: string; readonly at: Date }
  | { readonly kind: 'stopped'; readonly by: string }
  /** `newExpiry`: YYYY-MM-DD. */
  | { readonly kind: 'renewed'; readonly by: string; readonly newExpiry: string };

/**
 * Replaces the cards of reminders already posted (the copies of one reminder in the other targets), so that every
 * conversation shows who acknowledged it or stopped the reminders. Best effort: a failure is logged, never retried —
 * the database, not the card, is the record.
 */
export interface ReminderCardRefresher {
  refresh(copies: readonly Delivery[], certificate: CertificateRecord, state: CopyState): void;
}

/** Tells another conversation something, in its own language, after this turn (best effort, like the refresher). */
export interface Messenger {
  post(conversationId: string, textIn: (locale: Locale) => string): void;
}
