import { parisDate } from '../calendar';
import type { Identity } from '../user-preferences';
import type { CertificateRecord } from './certificate';
import type { Delivery } from './delivery';
import { isOwner } from './ownership';
import type { RegisteredCertificate } from './reminder-repository';
import { dueInstant } from './schedule';

/** What can be done with a reminder once it was sent: the buttons of its card, and of the tab. */
export type ReminderAction = 'acknowledge' | 'snooze' | 'renewed' | 'stop';

/** Why an action on a reminder is refused; then nothing changes. */
export type ReminderRefusal =
  /** The reminder or its certificate is gone (deleted). */
  | { readonly kind: 'unknown' }
  /** The person is neither an owner nor in the conversation the reminder was posted to (or stops without owning). */
  | { readonly kind: 'not-allowed' }
  /** The reminder was sent for an expiry date the certificate no longer has: it was renewed since. YYYY-MM-DD. */
  | { readonly kind: 'stale-cycle'; readonly old: string; readonly current: string }
  /** A snooze of stopped reminders: it would plan a reminder that is then really sent. */
  | { readonly kind: 'stopped' };

/** Who acts on a reminder, and from which conversation (the tab acts from the person's chat with certibot). */
export interface ReminderActor extends Pick<Identity, 'userId' | 'tenantId'> {
  readonly conversationId: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whether `actor` may do `action` on a sent reminder, or why not. One rule for the card's buttons and the tab:
 * an owner of the certificate may do everything; anyone in the conversation the reminder was posted to may
 * acknowledge it, snooze it or report the renewal, but only an owner may stop the reminders. A reminder acts only on
 * the expiry cycle it was sent for (a button left on the old certificate's card never acts on the renewed one), and
 * stopped reminders have nothing to snooze.
 */
export function reminderRefusal(
  action: ReminderAction,
  delivery: Delivery | undefined,
  registered: RegisteredCertificate | undefined,
  actor: ReminderActor,
): ReminderRefusal | undefined {
  if (!delivery || !registered) return { kind: 'unknown' };
  const here = actor.conversationId === delivery.conversationId;
  if (!isOwner(registered, actor) && (action === 'stop' || !here)) return { kind: 'not-allowed' };
  const { certificate } = registered;
  if (delivery.expiryDate !== certificate.expiryDate) return { kind: 'stale-cycle', old: delivery.expiryDate, current: certificate.expiryDate };
  if (action === 'snooze' && certificate.thresholds.length === 0) return { kind: 'stopped' };
  return undefined;
}

/**
 * When a reminder snoozed for `days` days at `now` comes back: that Paris day at the certificate's delivery hour,
 * whatever the day of the week (the person chose the day). `day` is YYYY-MM-DD.
 */
export function snoozedUntil(certificate: Pick<CertificateRecord, 'delivery'>, now: Date, days: number): { readonly day: string; readonly at: Date } {
  const day = parisDate(new Date(now.getTime() + days * DAY_MS));
  return { day, at: dueInstant(day, 0, { ...certificate.delivery, workingDaysOnly: false }) };
}
