import { TICKET_TOPICS, type Ticket, type TicketEvent, type TicketStatus, type TicketTopic } from './ticket';

export interface TicketSummary {
  readonly byStatus: Readonly<Record<TicketStatus, number>>;
  readonly byTopic: Readonly<Record<TicketTopic, number>>;
  /** From opening to the first agent's reply, over the tickets that got one. */
  readonly medianFirstAnswerMs: number | undefined;
  /** From opening to the (last) close, over closed tickets. */
  readonly medianCloseMs: number | undefined;
  readonly ratings: number;
  readonly averageRating: number;
}

function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** « statistiques »: tickets by state and topic, median times to first answer and to close, satisfaction. */
export function summarizeTickets(tickets: readonly Ticket[], histories: ReadonlyMap<string, readonly TicketEvent[]>): TicketSummary {
  const byStatus: Record<TicketStatus, number> = { open: 0, assigned: 0, closed: 0 };
  const byTopic = Object.fromEntries(TICKET_TOPICS.map((topic) => [topic, 0])) as Record<TicketTopic, number>;
  const firstAnswers: number[] = [];
  const closes: number[] = [];
  const ratings: number[] = [];
  for (const ticket of tickets) {
    byStatus[ticket.status] += 1;
    byTopic[ticket.topic] += 1;
    const events = histories.get(ticket.id) ?? [];
    const opened = ticket.createdAt.getTime();
    const reply = events.find((event) => event.kind === 'agent-reply');
    if (reply) firstAnswers.push(reply.at.getTime() - opened);
    const closed = [...events].reverse().find((event) => event.kind === 'closed');
    if (ticket.status === 'closed' && closed) closes.push(closed.at.getTime() - opened);
    for (const event of events) {
      const score = event.kind === 'rated' ? Number.parseInt(event.text ?? '', 10) : Number.NaN;
      if (score >= 1 && score <= 5) ratings.push(score);
    }
  }
  return {
    byStatus,
    byTopic,
    medianFirstAnswerMs: median(firstAnswers),
    medianCloseMs: median(closes),
    ratings: ratings.length,
    averageRating: ratings.length > 0 ? ratings.reduce((sum, score) => sum + score, 0) / ratings.length : 0,
  };
}
