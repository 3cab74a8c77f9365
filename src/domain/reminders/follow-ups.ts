import type { MessageSpec } from '../outbox/outbox-item';
import type { CertificateRecord } from './certificate';
import type { Delivery } from './delivery';

/** What became of a reminder, as its copies in the other conversations are to show it. */
export type CopyState =
  | { readonly kind: 'acknowledged'; readonly by: string; readonly at: Date }
  | { readonly kind: 'stopped'; readonly by: string }
  /** `newExpiry`: YYYY-MM-DD. */
  | { readonly kind: 'renewed'; readonly by: string; readonly newExpiry: string }
  /** Snoozed from the tab, where no card answers the click: `until` is YYYY-MM-DD. */
  | { readonly kind: 'snoozed'; readonly by: string; readonly until: string };

/**
 * Replaces the cards of reminders already posted (the copies of one reminder in the other targets), so that every
 * conversation shows who acknowledged it or stopped the reminders. The updates are stored in the outbox before this
 * resolves, and sent from there with its retries.
 */
export interface ReminderCardRefresher {
  refresh(copies: readonly Delivery[], certificate: CertificateRecord, state: CopyState): Promise<void>;
}

/** Tells another conversation something, in its own language: stored in the outbox before this resolves. */
export interface Messenger {
  /** `topic`: what the message is about (a certificate id), so that it goes with it when that is deleted. */
  post(conversationId: string, topic: string, message: MessageSpec): Promise<void>;
}
