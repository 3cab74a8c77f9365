import type { Translate } from '../src/messages/translator';
import type { TicketStatus, TicketTopic, TicketUrgency } from '../src/domain/tickets/ticket';
import { card, execute, heading, openUrl, text, userText, type AdaptiveCard, type CardActionElement, type CardElement } from './adaptive';

/** A ticket as its support channel sees it: the same card for every viewer, every action decided on the server. */
export interface TicketCardView {
  readonly id: string;
  readonly number: string;
  readonly version: number;
  readonly status: TicketStatus;
  readonly topic: TicketTopic;
  readonly urgency: TicketUrgency;
  readonly queue: string;
  /** Undefined once the requester erased their data. */
  readonly requester: string | undefined;
  readonly structure: string;
  readonly finess: string | undefined;
  readonly description: string;
  readonly certificate: string | undefined;
  readonly assignee: string | undefined;
  readonly openedOn: string;
  readonly age: string;
  readonly resolution: string | undefined;
  /** The queue's e-mail, to transfer the ticket (with SMTP) or write by hand (a mailto: link). */
  readonly transfer: { readonly by: 'smtp' } | { readonly by: 'mailto'; readonly url: string } | undefined;
}

/** The ticket card in its support channel thread, with the agents' actions and one text box for replies and notes. */
export function ticketCard(view: TicketCardView, tr: Translate): AdaptiveCard {
  const status =
    view.status === 'closed'
      ? tr('ticket.status.closed')
      : view.assignee
        ? tr('ticket.status.assigned', { name: view.assignee })
        : tr('ticket.status.open');
  const body: CardElement[] = [
    heading(tr('ticket.card.title', { number: view.number, topic: tr.plain(`ticket.topic.${view.topic}`) })),
    text(status, { weight: 'bolder', color: view.status === 'closed' ? 'good' : view.assignee ? 'accent' : 'warning' }),
    {
      type: 'FactSet',
      facts: [
        { title: tr.plain('ticket.fact.requester'), value: view.requester ? tr('ticket.value', { value: view.requester }) : tr('ticket.requesterErased') },
        { title: tr.plain('ticket.fact.structure'), value: tr('ticket.value', { value: view.structure }) },
        ...(view.finess ? [{ title: tr.plain('ticket.fact.finess'), value: view.finess }] : []),
        { title: tr.plain('ticket.fact.urgency'), value: tr(`ticket.urgency.${view.urgency}`) },
        { title: tr.plain('ticket.fact.queue'), value: tr('ticket.value', { value: view.queue }) },
        { title: tr.plain('ticket.fact.opened'), value: tr('ticket.opened', { date: view.openedOn, age: view.age }) },
        ...(view.certificate ? [{ title: tr.plain('ticket.fact.certificate'), value: tr('ticket.value', { value: view.certificate }) }] : []),
      ],
    },
    userText(view.description),
  ];
  if (view.resolution) body.push(text(tr('ticket.card.resolution', { text: view.resolution }), { color: 'good' }));
  const data = { ticket: view.id, v: view.version };
  const actions: CardActionElement[] = [];
  if (view.status === 'closed') {
    actions.push(execute(tr('ticket.action.reopen'), { verb: 'ticket.reopen', ...data }));
  } else {
    body.push({ type: 'Input.Text', id: 'text', label: tr('ticket.field.text'), placeholder: tr('ticket.field.textHint'), isMultiline: true, maxLength: 4000 });
    actions.push(
      view.assignee ? execute(tr('ticket.action.release'), { verb: 'ticket.release', ...data }) : execute(tr('ticket.action.take'), { verb: 'ticket.take', ...data }, 'positive'),
      execute(tr('ticket.action.reply'), { verb: 'ticket.reply', ...data }),
      execute(tr('ticket.action.note'), { verb: 'ticket.note', ...data }),
      execute(tr('ticket.action.close'), { verb: 'ticket.close', ...data }),
    );
    if (view.transfer?.by === 'smtp') actions.push(execute(tr('ticket.action.transfer'), { verb: 'ticket.transfer', ...data }));
    if (view.transfer?.by === 'mailto') actions.push(openUrl(tr('ticket.action.mail'), view.transfer.url));
  }
  return card(body, actions, tr('ticket.card.title', { number: view.number, topic: tr.plain(`ticket.topic.${view.topic}`) }));
}

/** What the requester sees of an agent's reply or a change of their ticket, with an answer box when it is open. */
export interface TicketRelayView {
  readonly id: string;
  readonly number: string;
  readonly heading: string;
  /** The agent's reply (user text), if any. */
  readonly reply: string | undefined;
  readonly canAnswer: boolean;
}

export function ticketRelayCard(view: TicketRelayView, tr: Translate): AdaptiveCard {
  const body: CardElement[] = [heading(view.heading)];
  if (view.reply) body.push(userText(view.reply));
  const actions: CardActionElement[] = [];
  if (view.canAnswer) {
    body.push({ type: 'Input.Text', id: 'text', label: tr('ticket.relay.answer'), isMultiline: true, maxLength: 4000, isRequired: true, errorMessage: tr('ticket.error.text') });
    actions.push(execute(tr('ticket.relay.send'), { verb: 'ticket.answer', ticket: view.id }, 'positive'));
  }
  return card(body, actions, view.heading);
}

/** « mes demandes »: the requester's tickets with their state. */
export interface MyRequestsView {
  readonly tickets: ReadonlyArray<{ readonly number: string; readonly topic: TicketTopic; readonly state: string; readonly updated: string }>;
}

export function myRequestsCard(view: MyRequestsView, tr: Translate): AdaptiveCard {
  const body: CardElement[] = [heading(tr('ticket.mine.title'))];
  if (view.tickets.length === 0) body.push(text(tr('ticket.mine.none')));
  for (const ticket of view.tickets.slice(0, 20)) {
    body.push(text(tr('ticket.mine.line', { number: ticket.number, topic: tr.plain(`ticket.topic.${ticket.topic}`), state: ticket.state, updated: ticket.updated }), { separator: true }));
  }
  if (view.tickets.length > 20) body.push(text(tr('ticket.mine.more', { count: view.tickets.length - 20 }), { isSubtle: true }));
  return card(body, [execute(tr('ticket.form.open'), { verb: 'ticket.form' })], tr('ticket.mine.title'));
}

/** After a close: how did it go? One click (1 to 5) and an optional comment. */
export function surveyCard(view: { readonly id: string; readonly number: string }, tr: Translate): AdaptiveCard {
  return card(
    [
      heading(tr('ticket.survey.title', { number: view.number })),
      { type: 'Input.Text', id: 'text', label: tr('ticket.survey.comment'), isMultiline: true, maxLength: 1000 },
    ],
    [1, 2, 3, 4, 5].map((score) => execute('★'.repeat(score), { verb: 'ticket.rate', ticket: view.id, score })),
    tr('ticket.survey.title', { number: view.number }),
  );
}
