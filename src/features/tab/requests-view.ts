import { displayDate, parisDate } from '../../domain/calendar';
import type { Clock } from '../../domain/clock';
import type { ConversationRecord } from '../../domain/conversation';
import type { SupportQueue } from '../../domain/tickets/queues';
import type { Ticket, TicketEvent } from '../../domain/tickets/ticket';
import type { TicketRepository } from '../../domain/tickets/ticket-repository';
import type { Translate } from '../../messages/translator';
import { ageText, ticketStateText, ticketTone } from '../../notify/ticket-views';
import type { KnownPerson } from './tab-viewer';
import type { QueueView, RequestEventView, RequestView } from './tab-views';

export interface RequestViewsDeps {
  readonly tickets: Pick<TicketRepository, 'forRequester' | 'events' | 'queuesWorkedIn' | 'openInQueue'>;
  readonly queues: readonly SupportQueue[];
  readonly clock: Clock;
}

/** How many of a person's requests the tab shows (newest first), and how many open tickets per queue. */
const MAX_REQUESTS = 20;
const MAX_QUEUE_TICKETS = 100;

/**
 * The support requests in the tabs: a requester's own (« Mes certificats »), with what they were told in their chat —
 * never an internal note — and, in a support team's tab, the open tickets of the queues its channels work. Agents act
 * on the ticket cards in the channel; the tab is where the whole queue is seen at once.
 */
export class RequestViews {
  constructor(private readonly deps: RequestViewsDeps) {}

  /** The person's requests, newest first: only those that still carry their identity in their tenant. */
  async mine(person: KnownPerson, locale: 'fr' | 'en', tr: Translate): Promise<RequestView[]> {
    const tickets = (await this.deps.tickets.forRequester(person.userId))
      .filter((ticket) => ticket.requester?.userId === person.userId && sameTenant(ticket.requester.tenantId, person.tenantId))
      .slice(0, MAX_REQUESTS);
    return Promise.all(
      tickets.map(async (ticket): Promise<RequestView> => ({
        id: ticket.id,
        number: ticket.number,
        title: this.titleOf(ticket, tr),
        queue: this.queueName(ticket.queueId),
        state: ticketStateText(ticket, tr),
        tone: ticketTone(ticket),
        dates: tr('tab.request.dates', { opened: displayDate(parisDate(ticket.createdAt), locale), updated: displayDate(parisDate(ticket.updatedAt), locale) }),
        history: (await this.deps.tickets.events(ticket.id)).flatMap((event) => requesterLine(ticket, event, this.queueName(ticket.queueId), locale, tr) ?? []),
      })),
    );
  }

  /** The open tickets of every queue worked in these channels (a team's), oldest first, queue by queue. */
  async queuesOf(channels: readonly ConversationRecord[], tr: Translate): Promise<QueueView[]> {
    const queueIds = new Set<string>();
    for (const channel of channels) for (const queueId of await this.deps.tickets.queuesWorkedIn(channel.conversationId)) queueIds.add(queueId);
    const now = this.deps.clock.now();
    return Promise.all(
      [...queueIds].map(async (queueId): Promise<QueueView> => {
        const open = (await this.deps.tickets.openInQueue(queueId)).slice(0, MAX_QUEUE_TICKETS);
        const queue = this.queueName(queueId);
        return {
          id: queueId,
          title: tr('tab.queue.title', { queue, count: open.length }),
          empty: open.length === 0 ? tr('tab.queue.empty') : undefined,
          tickets: open.map((ticket) => ({
            id: ticket.id,
            number: ticket.number,
            title: this.titleOf(ticket, tr),
            urgency: tr(`ticket.urgency.${ticket.urgency}`),
            urgent: ticket.urgency === 'high',
            state: ticketStateText(ticket, tr),
            tone: ticketTone(ticket),
            age: tr('tab.queue.age', { age: ageText(ticket.createdAt, now, tr) }),
          })),
        };
      }),
    );
  }

  private titleOf(ticket: Ticket, tr: Translate): string {
    return tr('tab.request.title', { topic: tr(`ticket.topic.${ticket.topic}`), structure: ticket.structure });
  }

  private queueName(queueId: string): string {
    return this.deps.queues.find((queue) => queue.id === queueId)?.name ?? queueId;
  }
}

function sameTenant(ticketTenant: string | undefined, personTenant: string | undefined): boolean {
  return ticketTenant === undefined || personTenant === undefined || ticketTenant === personTenant;
}

/** What the requester reads of one event of their ticket: what their chat told them, internal notes never. */
function requesterLine(ticket: Ticket, event: TicketEvent, queue: string, locale: 'fr' | 'en', tr: Translate): RequestEventView | undefined {
  const when = displayDate(parisDate(event.at), locale);
  const agent = event.actorName ?? tr('ticket.someone');
  const you = tr('tab.request.you');
  const text = event.text ?? '';
  switch (event.kind) {
    case 'opened':
      return { when, who: you, text: ticket.description };
    case 'requester-reply':
      return { when, who: you, text };
    case 'agent-reply':
      return { when, who: agent, text };
    case 'taken':
      return { when, who: agent, text: tr('tab.request.event.taken') };
    case 'released':
      return { when, who: agent, text: tr('tab.request.event.released') };
    case 'transferred':
      return { when, who: agent, text: tr('tab.request.event.transferred', { queue }) };
    case 'closed':
      return { when, who: agent, text: text ? tr('tab.request.event.closed', { text }) : tr('tab.request.event.closedBare') };
    case 'reopened':
      return { when, who: event.actorId === ticket.requester?.userId ? you : agent, text: tr('tab.request.event.reopened') };
    case 'rated':
      return { when, who: you, text: tr('tab.request.event.rated', { text }) };
    case 'note':
      return undefined;
  }
}
