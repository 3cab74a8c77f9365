import { summarizeTickets, type TicketSummary } from '../../domain/tickets/statistics';
import type { Ticket, TicketEvent } from '../../domain/tickets/ticket';

/** The statistics of a queue's tickets, their histories read one by one (a queue's tickets are few). */
export async function summarize(tickets: readonly Ticket[], events: (ticketId: string) => Promise<TicketEvent[]>): Promise<TicketSummary> {
  const histories = new Map<string, readonly TicketEvent[]>();
  for (const ticket of tickets) histories.set(ticket.id, await events(ticket.id));
  return summarizeTickets(tickets, histories);
}
