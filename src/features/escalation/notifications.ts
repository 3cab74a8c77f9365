import type { NewOutboxItem } from '../../domain/outbox/outbox-item';
import type { SupportQueue } from '../../domain/tickets/queues';
import type { Ticket, TicketEvent } from '../../domain/tickets/ticket';
import type { SupportChannel } from '../../domain/tickets/ticket-repository';

/** Events the requester is told of (never internal notes, nor their own answers). */
const RELAYED = new Set<TicketEvent['kind']>(['agent-reply', 'taken', 'released', 'closed', 'reopened', 'transferred']);

/** Where a queue is worked: its support channel, and whether certibot e-mails it itself. */
export interface Routing {
  readonly queue: SupportQueue | undefined;
  readonly channel: SupportChannel | undefined;
  readonly smtp: boolean;
  /** After a close, when the requester is asked how it went (a reopen cancels it); after an open, when a ticket
   *  nobody has taken is pointed out again in its thread. */
  readonly surveyDelayMs: number;
  readonly nudgeDelayMs: number;
}

const mail = (ticket: Ticket, seq: number, to: string, now: Date): NewOutboxItem => ({
  kind: 'email',
  topic: ticket.id,
  cycle: '',
  key: `e${seq}`,
  target: `mailto:${to}`,
  payload: { ticketId: ticket.id, seq, to },
  dueAt: now,
});

/**
 * What a new ticket sends, stored with it: its card as a new thread of the queue's support channel, or an e-mail to
 * the queue when it is worked by e-mail (with SMTP; otherwise the requester is offered a mailto: link).
 */
export function openedItems(ticket: Ticket, routing: Routing, now: Date): NewOutboxItem[] {
  if (routing.channel) {
    const target = routing.channel.conversationId;
    return [
      { kind: 'ticket-card', topic: ticket.id, cycle: '', key: 'card', target, payload: { ticketId: ticket.id }, dueAt: now },
      // Sent only if nobody has taken the ticket by then (the sender checks).
      { kind: 'ticket-thread', topic: ticket.id, cycle: '', key: 'n1', target, payload: { ticketId: ticket.id, seq: 1 }, dueAt: new Date(now.getTime() + routing.nudgeDelayMs) },
    ];
  }
  return routing.smtp && routing.queue ? [mail(ticket, 1, routing.queue.email, now)] : [];
}

/**
 * What a change sends, stored with it: the card updated in place and a line per event in the ticket's thread (when
 * the queue has a channel), the requester told in their chat, and e-mails (a transfer; a requester's answer to a
 * queue worked by e-mail).
 */
export function changedItems(ticket: Ticket, events: readonly TicketEvent[], routing: Routing, now: Date): NewOutboxItem[] {
  const items: NewOutboxItem[] = [];
  const { channel, queue } = routing;
  if (channel) {
    items.push({ kind: 'ticket-card', topic: ticket.id, cycle: '', key: `v${ticket.version}`, target: channel.conversationId, payload: { ticketId: ticket.id }, dueAt: now });
    for (const event of events) {
      items.push({ kind: 'ticket-thread', topic: ticket.id, cycle: '', key: `t${event.seq}`, target: channel.conversationId, payload: { ticketId: ticket.id, seq: event.seq }, dueAt: now });
    }
  }
  for (const event of events) {
    const requester = ticket.requester;
    /** An item of this event for the requester's chat: `r…` tells them now, `s…` asks them to rate later. */
    const toRequester = (key: string, dueAt: Date): NewOutboxItem | undefined =>
      requester && { kind: 'ticket-relay', topic: ticket.id, cycle: '', key, target: requester.conversationId, payload: { ticketId: ticket.id, seq: event.seq }, dueAt };
    const relay = RELAYED.has(event.kind) ? toRequester(`r${event.seq}`, now) : undefined;
    // An agent never rates their own ticket: no survey when the requester closed it themselves.
    const survey =
      event.kind === 'closed' && requester?.userId !== event.actorId ? toRequester(`s${event.seq}`, new Date(now.getTime() + routing.surveyDelayMs)) : undefined;
    for (const item of [relay, survey]) if (item) items.push(item);
    const byMail = event.kind === 'transferred' || (event.kind === 'requester-reply' && !channel);
    if (byMail && routing.smtp && queue) items.push(mail(ticket, event.seq, queue.email, now));
  }
  return items;
}
