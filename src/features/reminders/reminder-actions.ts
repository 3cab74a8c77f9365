import { reminderCard, type ReminderView } from '../../../cards/reminder-card';
import type { ReminderRenewalDialog } from '../../../dialogs/reminder-renewal-dialog';
import { displayDate, parisDate } from '../../domain/calendar';
import type { Clock } from '../../domain/clock';
import type { Delivery } from '../../domain/reminders/delivery';
import type { CopyState, ReminderCardRefresher } from '../../domain/reminders/follow-ups';
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
  /** Updates the clicked reminder card for everyone, and its copies posted to the certificate's other targets. */
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
 * The clicked reminder as the card update should find it: the message Teams says was clicked (what everyone sees
 * there), else the one certibot posted.
 */
export function clickedCard(turn: Turn, delivery: Delivery): Delivery {
  return { ...delivery, activityId: turn.request.replyToId ?? delivery.activityId };
}

/**
 * The buttons of a reminder card. Each carries a delivery id only: the delivery is loaded and the actor checked —
 * anyone in the conversation the reminder was posted to may acknowledge, snooze or report the renewal; only an owner
 * may stop the reminders. What changes is shown to everyone: the clicked message and the reminder's copies are updated
 * (outbox card updates), and the answer gives the clicker their own view of the card at once.
 */
export function createReminderActions(
  deps: ReminderActionDeps,
): Pick<VerbTable, 'reminder.ack' | 'reminder.snooze' | 'reminder.renewed' | 'reminder.renewal' | 'reminder.stop' | 'reminder.view'> {
  /** The delivery and its certificate, if the actor may do `action` on it; else the reply that says why not. */
  const load = async (turn: Turn, deliveryId: string, action: ReminderAction): Promise<Loaded | { refusal: TurnOutcome }> => {
    const delivery = await deps.reminders.getDelivery(deliveryId);
    const registered = delivery ? await deps.reminders.get(delivery.certificateId) : undefined;
    const refusal = reminderRefusal(action, delivery, registered, turn.request);
    if (refusal || !delivery || !registered) return { refusal: refused(refusalText(refusal ?? { kind: 'unknown' }, registered, turn)) };
    return { delivery, registered };
  };

  /** The clicker's own view of the card, in the state everyone now sees. */
  const ownView = (turn: Turn, loaded: Loaded, state: ReminderView['state']): TurnOutcome => {
    const audience = { conversationKind: turn.request.conversationKind, viewer: turn.request };
    const view = reminderViewOf(loaded.delivery, loaded.registered, turn.locale, parisDate(turn.request.now), audience, deps.tabLink);
    return { replies: [cardReply(reminderCard({ ...view, state }, turn.tr))] };
  };
  const shown = (turn: Turn, state: CopyState): ReminderView['state'] => {
    switch (state.kind) {
      case 'acknowledged':
        return { ...state, at: displayDate(parisDate(state.at), turn.locale) };
      case 'snoozed':
        return { ...state, until: displayDate(state.until, turn.locale) };
      case 'renewed':
        return { ...state, newExpiry: displayDate(state.newExpiry, turn.locale) };
      case 'stopped':
        return state;
    }
  };
  /** Stores the card updates (the clicked message, then the copies), then answers the clicker's own view. */
  const changed = async (turn: Turn, loaded: Loaded, cards: readonly Delivery[], state: CopyState): Promise<TurnOutcome> => {
    await deps.copies.refresh(cards, loaded.registered.certificate, state);
    const acknowledgedBy = state.kind === 'acknowledged' ? turn.request.userId : loaded.delivery.acknowledgedBy;
    return ownView(turn, { ...loaded, delivery: { ...loaded.delivery, acknowledgedBy } }, shown(turn, state));
  };
  const actor = (turn: Turn) => turn.request.userName ?? turn.tr('reminder.someone');
  /** What a card says of its reminder from the store alone: acknowledged by whom, or nothing yet. */
  const storedState = (turn: Turn, delivery: Delivery): ReminderView['state'] => {
    if (!delivery.acknowledgedAt) return { kind: 'active' };
    const by = delivery.acknowledgedBy === turn.request.userId ? actor(turn) : (delivery.acknowledgedByName ?? turn.tr('history.by.member'));
    return { kind: 'acknowledged', by, at: displayDate(parisDate(delivery.acknowledgedAt), turn.locale) };
  };

  return {
    'reminder.ack': async (turn, action) => {
      const loaded = await load(turn, action.delivery, 'acknowledge');
      if ('refusal' in loaded) return loaded.refusal;
      const now = deps.clock.now();
      const [clicked, ...copies] = await deps.reminders.acknowledge(action.delivery, { userId: turn.request.userId, name: turn.request.userName }, now);
      // Acknowledged already (by someone else, or in another conversation): the card says by whom, unchanged.
      if (!clicked) return ownView(turn, loaded, storedState(turn, loaded.delivery));
      return changed(turn, loaded, [clickedCard(turn, clicked), ...copies], { kind: 'acknowledged', by: actor(turn), at: now });
    },
    'reminder.snooze': async (turn, action) => {
      const loaded = await load(turn, action.delivery, 'snooze');
      if ('refusal' in loaded) return loaded.refusal;
      const now = deps.clock.now();
      const { day, at: until } = snoozedUntil(loaded.registered.certificate, now, action.days);
      await deps.reminders.snooze(loaded.delivery.certificateId, loaded.delivery.conversationId, until, now);
      // A snooze is this conversation's: the copies elsewhere keep their own state.
      return changed(turn, loaded, [clickedCard(turn, loaded.delivery)], { kind: 'snoozed', by: actor(turn), until: day });
    },
    'reminder.stop': async (turn, action) => {
      const loaded = await load(turn, action.delivery, 'stop');
      if ('refusal' in loaded) return loaded.refusal;
      await deps.reminders.stop(loaded.delivery.certificateId, deps.clock.now());
      const { delivery } = loaded;
      const copies = (await deps.reminders.deliveryStatus(delivery.certificateId)).filter(
        (d) => d.id !== delivery.id && d.status === 'sent' && d.expiryDate === delivery.expiryDate && d.threshold === delivery.threshold,
      );
      return changed(turn, loaded, [clickedCard(turn, delivery), ...copies], { kind: 'stopped', by: actor(turn) });
    },
    'reminder.renewed': async (turn, action) => {
      const loaded = await load(turn, action.delivery, 'renewed');
      if ('refusal' in loaded) return loaded.refusal;
      return deps.renewal.start(turn, loaded.delivery, loaded.registered.certificate.label);
    },
    // The date input of the question « C'est renouvelé » asks in a channel or group chat.
    'reminder.renewal': async (turn, action) => {
      const loaded = await load(turn, action.delivery, 'renewed');
      if ('refusal' in loaded) return loaded.refusal;
      const result = await deps.renewal.renewFromCard(turn, loaded.registered, clickedCard(turn, loaded.delivery), (action.expiry ?? '').trim());
      if ('refusal' in result) return result.refusal;
      return ownView(turn, loaded, { kind: 'renewed', by: actor(turn), newExpiry: displayDate(result.renewed, turn.locale) });
    },
    // A client asks for its user's own view (Universal Actions refresh): the state everyone sees, the buttons theirs.
    'reminder.view': async (turn, action) => {
      const delivery = await deps.reminders.getDelivery(action.delivery);
      const registered = delivery ? await deps.reminders.get(delivery.certificateId) : undefined;
      if (!delivery || !registered) return refused(turn.tr('reminder.unknown'));
      const state = await deps.copies.shownState(delivery);
      return ownView(turn, { delivery, registered }, state ? shown(turn, state) : storedState(turn, delivery));
    },
  };
}
