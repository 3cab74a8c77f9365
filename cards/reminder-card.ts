import { MAX_OWN_VIEWS } from '../src/domain/reminders/ownership';
import type { MessageKey, Translate } from '../src/messages/translator';
import { card, execute, openUrl, text, type AdaptiveCard, type CardActionElement, type CardElement, type Container } from './adaptive';

/** A reminder as the card shows it; texts already in the reader's language where they come from data. */
export interface ReminderView {
  readonly deliveryId: string;
  /** The certificate, for « Demander à un conseiller » on an expired one. */
  readonly certificateId?: string | undefined;
  readonly label: string;
  /** Display form, e.g. "15 mars 2027". */
  readonly expiry: string;
  /** Days from today to the expiry; negative once expired. */
  readonly daysLeft: number;
  readonly finess: string | undefined;
  readonly usage: string | undefined;
  /** « Ouvrir dans Mes certificats »: the certificate in the personal tab, when there is a tab to open. */
  readonly openInTab?: string | undefined;
  readonly state:
    | { readonly kind: 'active' }
    | { readonly kind: 'acknowledged'; readonly by: string; readonly at: string }
    | { readonly kind: 'snoozed'; readonly until: string; readonly by: string }
    | { readonly kind: 'renewed'; readonly newExpiry: string; readonly by: string }
    | { readonly kind: 'stopped'; readonly by: string };
  /**
   * Whether this rendering offers « Arrêter les rappels », which only owners may use: in a personal chat (its one member
   * owns the certificate), and in an owner's own view of a shared card.
   */
  readonly canStop: boolean;
  /**
   * Teams user ids whose clients ask for a view of their own (the owners, who see « Arrêter », and whoever
   * acknowledged), at most 60; empty where everyone sees the same card.
   */
  readonly ownViewsFor: readonly string[];
}


function headline(view: ReminderView): { key: MessageKey; style: Container['style'] } {
  if (view.daysLeft < 0) return { key: 'reminder.expired', style: 'attention' };
  if (view.daysLeft === 0) return { key: 'reminder.today', style: 'attention' };
  return { key: view.daysLeft <= 30 ? 'reminder.soon' : 'reminder.ahead', style: view.daysLeft <= 30 ? 'warning' : 'accent' };
}

/**
 * The proactive reminder: what expires and when, what to do, and Universal Action buttons (acknowledge, snooze,
 * renewed, stop) that update this very card for everyone. Actions carry the delivery id only; the bot loads it and
 * checks who acts. In a channel or group chat the card as posted has no « Arrêter »: the owners' clients fetch their
 * own view, which has it (`ownViewsFor`).
 */
export function reminderCard(view: ReminderView, tr: Translate): AdaptiveCard {
  const { key, style } = headline(view);
  const days = Math.abs(view.daysLeft);
  const body: CardElement[] = [
    text(tr('reminder.title', { label: view.label }), { size: 'medium', weight: 'bolder', style: 'heading' }),
    { type: 'Container', style, items: [text(tr(key, { days, expiry: view.expiry }), { weight: 'bolder' })] },
    {
      type: 'FactSet',
      facts: [
        { title: tr('reminder.fact.expiry'), value: view.expiry },
        ...(view.finess ? [{ title: 'FINESS', value: view.finess }] : []),
        ...(view.usage ? [{ title: tr('reminder.fact.usage'), value: view.usage }] : []),
      ],
    },
    text(tr(view.daysLeft < 0 ? 'reminder.todo.expired' : 'reminder.todo.renew')),
  ];
  const state = view.state;
  if (state.kind === 'acknowledged') body.push(text(tr('reminder.state.acknowledged', { by: state.by, at: state.at }), { color: 'good' }));
  if (state.kind === 'snoozed') body.push(text(tr('reminder.state.snoozed', { by: state.by, until: state.until }), { color: 'accent' }));
  if (state.kind === 'renewed') body.push(text(tr('reminder.state.renewed', { by: state.by, expiry: state.newExpiry }), { color: 'good' }));
  if (state.kind === 'stopped') body.push(text(tr('reminder.state.stopped', { by: state.by }), { isSubtle: true }));

  const done = state.kind === 'renewed' || state.kind === 'stopped';
  const id = view.deliveryId;
  const actions: CardActionElement[] = done
    ? []
    : [
        ...(state.kind === 'acknowledged' ? [] : [execute(tr('reminder.action.ack'), { verb: 'reminder.ack', delivery: id }, 'positive')]),
        execute(tr('reminder.action.snoozeDay'), { verb: 'reminder.snooze', delivery: id, days: 1 }),
        execute(tr('reminder.action.snoozeWeek'), { verb: 'reminder.snooze', delivery: id, days: 7 }),
        execute(tr('reminder.action.renewed'), { verb: 'reminder.renewed', delivery: id }),
        ...(view.canStop ? [execute(tr('reminder.action.stop'), { verb: 'reminder.stop', delivery: id }, 'destructive')] : []),
        // Expired and not renewed: exchanges are blocked, a person can help.
        ...(view.daysLeft < 0 && view.certificateId
          ? [execute(tr('ticket.form.title'), { verb: 'ticket.form', topic: 'expired', certificate: view.certificateId })]
          : []),
      ];
  if (!done) body.push(text(tr(view.canStop ? 'reminder.howToStop' : 'reminder.howToStopOwners'), { isSubtle: true, size: 'small' }));
  // Last, so that the buttons that act on the reminder keep their places.
  if (view.openInTab && !done) actions.push(openUrl(tr('tab.open'), view.openInTab));
  // A card that is done shows the same to everyone: no view of one's own to fetch.
  const refresh = done ? undefined : { action: { type: 'Action.Execute' as const, verb: 'reminder.view', data: { verb: 'reminder.view', delivery: id } }, userIds: view.ownViewsFor.slice(0, MAX_OWN_VIEWS) };
  return card(body, actions, tr(key, { days, expiry: view.expiry }), { refresh });
}
