import { reminderCard, type ReminderView } from '../../../cards/reminder-card';
import type { ReminderRenewalDialog } from '../../../dialogs/reminder-renewal-dialog';
import { displayDate, parisDate } from '../../domain/calendar';
import type { Clock } from '../../domain/clock';
import type { Delivery } from '../../domain/reminders/delivery';
import type { ReminderCardRefresher } from '../../domain/reminders/follow-ups';
import type { RegisteredCertificate, CertificateRegister } from '../../domain/reminders/reminder-repository';
import type { CertificatesTabLink } from '../../domain/tab-link';
import { reminderRefusal, snoozedUntil, type ReminderAction, type ReminderRefusal } from '../../domain/reminders/reminder-rules';
import { reminderViewOf } from '../../notify/teams-outbox-sender';
import type { VerbTable } from '../../conversation/router';
import { cardReply, refused, type Turn, type TurnOutcome } from '../../conversation/turn';

export interface ReminderActionDeps {
  readonly reminders: CertificateRegister;
  readonly renewal: ReminderRenewalDialog;
  readonly clock: Clock;
  /** Updates the copies of a reminder posted to the certificate's other targets. */
  readonly copies: ReminderCardRefresher;
  /** « Ouvrir dans Mes certificats » on the card that answers a click. */
  readonly tabLink?: CertificatesTabLink;
}

interface Loaded {
  readonly delivery: Delivery;
  readonly registered: RegisteredCertificate;
}

/** What a refused action says to the person who clicked: nothing changed, and why. */
function refusalText(refusal: ReminderRefusal, registered: RegisteredCertificate | undefined, turn: Turn): string {
  const label = registered?.certificate.label ?? '';
  switch (refusal.kind) {
    case 'unknown':
      return turn.tr('reminder.unknown');
    case 'not-allowed':
      return turn.tr('reminder.notAllowed');
    case 'stale-cycle':
      return turn.tr('reminder.staleCycle', { label, old: displayDate(refusal.old, turn.locale), current: displayDate(refusal.current, turn.locale) });
    case 'stopped':
      return turn.tr('reminder.stoppedNoSnooze', { label });
  }
}

/**
 * The buttons of a reminder card. Each carries a delivery id only: the delivery is loaded and the actor checked —
 * anyone in the conversation the reminder was posted to may acknowledge, snooze or report the renewal; only an owner
 * may stop the reminders. The answer replaces the card in place.
 */
export function createReminderActions(
  deps: ReminderActionDeps,
): Pick<VerbTable, 'reminder.ack' | 'reminder.snooze' | 'reminder.renewed' | 'reminder.stop'> {
  /** The delivery and its certificate, if the actor may do `action` on it; else the reply that says why not. */
  const load = async (turn: Turn, deliveryId: string, action: ReminderAction): Promise<Loaded | { refusal: TurnOutcome }> => {
    const delivery = await deps.reminders.getDelivery(deliveryId);
    const registered = delivery ? await deps.reminders.get(delivery.certificateId) : undefined;
    const refusal = reminderRefusal(action, delivery, registered, turn.request);
    if (refusal || !delivery || !registered) return { refusal: refused(refusalText(refusal ?? { kind: 'unknown' }, registered, turn)) };
    return { delivery, registered };
  };

  const updated = (turn: Turn, loaded: Loaded, state: ReminderView['state']): TurnOutcome => {
    const view = reminderViewOf(loaded.delivery, loaded.registered.certificate, turn.locale, parisDate(turn.request.now), deps.tabLink);
    return { replies: [cardReply(reminderCard({ ...view, state }, turn.tr))] };
  };
  const actor = (turn: Turn) => turn.request.userName ?? turn.tr('reminder.someone');

  return {
    'reminder.ack': async (turn, action) => {
      const loaded = await load(turn, action.delivery, 'acknowledge');
      if ('refusal' in loaded) return loaded.refusal;
      const now = deps.clock.now();
      const [clicked, ...copies] = await deps.reminders.acknowledge(action.delivery, { userId: turn.request.userId, name: turn.request.userName }, now);
      if (!clicked) {
        // Acknowledged already (by someone else, or in another conversation): the card says by whom, unchanged.
        const { acknowledgedAt, acknowledgedBy, acknowledgedByName } = loaded.delivery;
        if (!acknowledgedAt) return updated(turn, loaded, { kind: 'active' });
        const by = acknowledgedBy === turn.request.userId ? actor(turn) : (acknowledgedByName ?? turn.tr('history.by.member'));
        return updated(turn, loaded, { kind: 'acknowledged', by, at: displayDate(parisDate(acknowledgedAt), turn.locale) });
      }
      await deps.copies.refresh(copies, loaded.registered.certificate, { kind: 'acknowledged', by: actor(turn), at: now });
      return updated(turn, loaded, { kind: 'acknowledged', by: actor(turn), at: displayDate(parisDate(now), turn.locale) });
    },
    'reminder.snooze': async (turn, action) => {
      const loaded = await load(turn, action.delivery, 'snooze');
      if ('refusal' in loaded) return loaded.refusal;
      const now = deps.clock.now();
      const { day, at: until } = snoozedUntil(loaded.registered.certificate, now, action.days);
      await deps.reminders.snooze(loaded.delivery.certificateId, loaded.delivery.conversationId, until, now);
      return updated(turn, loaded, { kind: 'snoozed', by: actor(turn), until: displayDate(day, turn.locale) });
    },
    'reminder.stop': async (turn, action) => {
      const loaded = await load(turn, action.delivery, 'stop');
      if ('refusal' in loaded) return loaded.refusal;
      await deps.reminders.stop(loaded.delivery.certificateId, deps.clock.now());
      const { delivery } = loaded;
      const copies = (await deps.reminders.deliveryStatus(delivery.certificateId)).filter(
        (d) => d.id !== delivery.id && d.status === 'sent' && d.expiryDate === delivery.expiryDate && d.threshold === delivery.threshold,
      );
      await deps.copies.refresh(copies, loaded.registered.certificate, { kind: 'stopped', by: actor(turn) });
      return updated(turn, loaded, { kind: 'stopped', by: actor(turn) });
    },
    'reminder.renewed': async (turn, action) => {
      const loaded = await load(turn, action.delivery, 'renewed');
      if ('refusal' in loaded) return loaded.refusal;
      return deps.renewal.start(turn, loaded.delivery.certificateId, loaded.registered.certificate.label, loaded.delivery.expiryDate);
    },
  };
}
