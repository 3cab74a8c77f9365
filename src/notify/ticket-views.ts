import { ticketCard, ticketRelayCard, type TicketCardView } from '../../cards/ticket-card';
import type { AdaptiveCard } from '../../cards/adaptive';
import { displayDate, parisDate } from '../domain/calendar';
import { formatFiness } from '../domain/finess';
import type { SupportQueue } from '../domain/tickets/queues';
import type { Ticket, TicketCertificate, TicketEvent } from '../domain/tickets/ticket';
import type { Translate } from '../messages/translator';

/** How a ticket is worked: its queue, and whether certibot can e-mail it (SMTP) or only offer a mailto: link. */
export interface TicketContext {
  readonly queues: readonly SupportQueue[];
  readonly smtp: boolean;
}

/** "3 hours", "2 days": how long ago, in the reader's language. */
export function ageText(since: Date, now: Date, tr: Translate): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 60_000));
  if (minutes < 60) return tr('ticket.age.minutes', { n: minutes });
  if (minutes < 48 * 60) return tr('ticket.age.hours', { n: Math.floor(minutes / 60) });
  return tr('ticket.age.days', { n: Math.floor(minutes / (24 * 60)) });
}

/** "Non attribué", "Pris en charge par Dominique Bernard", "Clos": where a ticket stands, in the reader's language. */
export function ticketStateText(ticket: Ticket, tr: Translate): string {
  if (ticket.status === 'closed') return tr.plain('ticket.status.closed');
  if (ticket.assignee) return tr.plain('ticket.status.assigned', { name: ticket.assignee.name ?? tr.plain('ticket.someone') });
  return tr.plain('ticket.status.open');
}

/** The colour a ticket's state is shown in: waiting for an agent, being worked, done. */
export function ticketTone(ticket: Ticket): 'open' | 'assigned' | 'closed' {
  return ticket.status === 'closed' ? 'closed' : ticket.assignee ? 'assigned' : 'open';
}

export function queueName(ticket: Ticket, context: TicketContext): string {
  return context.queues.find((queue) => queue.id === ticket.queueId)?.name ?? ticket.queueId;
}

/** A certificate in one line: its name, subject, serial and expiry, as far as they are known. */
export function certificateLine(c: TicketCertificate): string {
  return [c.label, c.subject, c.serial && `n° ${c.serial}`, c.expiry].filter(Boolean).join(' · ');
}

function certificateText(ticket: Ticket): string | undefined {
  return ticket.certificate ? certificateLine(ticket.certificate) : undefined;
}

/** A mailto: link to the queue with the ticket number in the subject and the request in the body. */
export function mailtoOf(ticket: Ticket, email: string, tr: Translate): string {
  const subject = tr.plain('email.subject', { number: ticket.number, topic: tr.plain(`ticket.topic.${ticket.topic}`), structure: ticket.structure });
  return `mailto:${email}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(ticket.description)}`;
}

/** The ticket card of the support channel, as of `now`. */
export function ticketCardOf(ticket: Ticket, context: TicketContext, now: Date, locale: 'fr' | 'en', tr: Translate): AdaptiveCard {
  const queue = context.queues.find((q) => q.id === ticket.queueId);
  const view: TicketCardView = {
    id: ticket.id,
    number: ticket.number,
    version: ticket.version,
    status: ticket.status,
    topic: ticket.topic,
    urgency: ticket.urgency,
    queue: queueName(ticket, context),
    requester: ticket.requester ? (ticket.requester.name ?? tr.plain('ticket.someone')) : undefined,
    structure: ticket.structure,
    finess: ticket.finess ? formatFiness(ticket.finess) : undefined,
    description: ticket.description,
    certificate: certificateText(ticket),
    assignee: ticket.assignee?.name ?? (ticket.assignee ? tr.plain('ticket.someone') : undefined),
    openedOn: displayDate(parisDate(ticket.createdAt), locale),
    age: ageText(ticket.createdAt, now, tr),
    resolution: ticket.resolution,
    transfer: queue?.email ? (context.smtp ? { by: 'smtp' } : { by: 'mailto', url: mailtoOf(ticket, queue.email, tr) }) : undefined,
  };
  return ticketCard(view, tr);
}

/** What the requester is told of an event, or undefined for what is not theirs to see (internal notes…). */
export function relayOf(ticket: Ticket, event: TicketEvent, context: TicketContext, tr: Translate): AdaptiveCard | undefined {
  const name = event.actorName ?? tr.plain('ticket.someone');
  const number = ticket.number;
  const open = ticket.status !== 'closed';
  const relay = (heading: string, reply?: string) => ticketRelayCard({ id: ticket.id, number, heading, reply, canAnswer: open }, tr);
  switch (event.kind) {
    case 'agent-reply':
      return relay(tr('ticket.relay.reply', { number }), event.text);
    case 'taken':
      return relay(tr('ticket.relay.taken', { number, name }));
    case 'released':
      return relay(tr('ticket.relay.released', { number }));
    case 'closed':
      return relay(tr('ticket.relay.closed', { number, text: event.text ?? '' }));
    case 'reopened':
      return relay(tr('ticket.relay.reopened', { number }));
    case 'transferred':
      return relay(tr('ticket.relay.transferred', { number, queue: queueName(ticket, context) }));
    default:
      return undefined;
  }
}

/** The line an event adds to the ticket's thread in the support channel (Markdown, user text escaped). */
export function threadLineOf(event: TicketEvent, tr: Translate): string | undefined {
  const name = event.actorName ?? tr.plain('ticket.someone');
  const text = event.text ?? '';
  switch (event.kind) {
    case 'opened':
      return undefined;
    case 'requester-reply':
      return tr('ticket.thread.requester-reply', { text });
    case 'agent-reply':
      return tr('ticket.thread.agent-reply', { name, text });
    case 'note':
      return tr('ticket.thread.note', { name, text });
    case 'taken':
      return tr('ticket.thread.taken', { name });
    case 'released':
      return tr('ticket.thread.released', { name });
    case 'closed':
      return tr('ticket.thread.closed', { name, text });
    case 'reopened':
      return tr('ticket.thread.reopened', { name });
    case 'transferred':
      return tr('ticket.thread.transferred', { name });
    case 'rated':
      return tr('ticket.thread.rated', { text });
  }
}

/** A plain-text e-mail about a ticket: why it is sent, the facts, the whole history (internal notes excepted). */
export function emailOf(ticket: Ticket, events: readonly TicketEvent[], reason: TicketEvent, tr: Translate, locale: 'fr' | 'en'): { subject: string; text: string } {
  const p = tr.plain;
  const topic = p(`ticket.topic.${ticket.topic}`);
  const intro =
    reason.kind === 'transferred'
      ? p('email.transfer', { number: ticket.number, name: reason.actorName ?? p('ticket.someone') })
      : reason.kind === 'requester-reply'
        ? p('email.requester-reply', { number: ticket.number })
        : p('email.opened', { number: ticket.number });
  const facts = p('email.facts', {
    topic,
    urgency: p(`ticket.urgency.${ticket.urgency}`),
    structure: ticket.structure,
    finess: ticket.finess ? formatFiness(ticket.finess) : '—',
    email: ticket.contactEmail || '—',
  });
  const history = events
    .filter((event) => event.kind !== 'note')
    .map((event) =>
      p('email.event', {
        date: `${displayDate(parisDate(event.at), locale)}`,
        who: event.kind === 'requester-reply' || event.kind === 'opened' ? p('email.who.requester') : (event.actorName ?? p('ticket.someone')),
        what: event.kind === 'opened' ? ticket.description : (event.text ?? p(`ticket.thread.${event.kind}`, { name: event.actorName ?? '', text: '' })),
      }),
    );
  return {
    subject: p('email.subject', { number: ticket.number, topic, structure: ticket.structure }),
    text: [intro, '', facts, '', p('email.transcript'), ...history, '', p('email.footer', { number: ticket.number })].join('\n'),
  };
}
