import type { MessageSpec } from '../outbox/outbox-item';
import type { CertificateRecord } from './certificate';
import type { Delivery } from './delivery';

/** What became of a reminder, as its copies in the other conversations are to show it. */
export type CopyState =
  | { readonly kind: 'acknowledged'; readonly by: string; readonly at: Date }
  | { readonly kind: 'stopped'; readonly by: string }
  /** `newExpiry`: YYYY-MM-DD. */
  | { readonly kind: 'renewed'; readonly by: string; readonly newExpiry: string }
  /** Only in the conversation it was snoozed in. `until`: YYYY-MM-DD. */
  | { readonly kind: 'snoozed'; readonly by: string; readonly until: string };

/**
 * Replaces the cards of reminders already posted — the message that was clicked and the copies of the reminder in the
 * other targets — so that everyone sees who acknowledged, snoozed or stopped it, and no one keeps buttons that no
 * longer apply. The updates are stored in the outbox before this resolves, and sent from there with its retries.
 */
export interface ReminderCardRefresher {
  /** Each reminder's card is the message `activityId` names in its conversation. */
  refresh(copies: readonly Delivery[], certificate: CertificateRecord, state: CopyState): Promise<void>;
  /** What a reminder's card shows now for everyone, as its last update set it; undefined if it was never updated. */
  shownState(reminder: Pick<Delivery, 'id' | 'certificateId' | 'conversationId'>): Promise<CopyState | undefined>;
}

/** Tells another conversation something, in its own language: stored in the outbox before this resolves. */
export interface Messenger {
  /** `topic`: what the message is about (a certificate id), so that it goes with it when that is deleted. */
  post(conversationId: string, topic: string, message: MessageSpec): Promise<void>;
}
