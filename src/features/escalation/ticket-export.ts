import { z } from 'zod';
import { EXPORT_STATES, type ExportState } from '../../../cards/ticket-export-card';
import { parisDate } from '../../domain/calendar';
import type { CalendarLinkRepository } from '../../domain/calendar-link';
import { daysBetween, isCivilDate } from '../../domain/civil-date';
import type { Clock } from '../../domain/clock';
import { hashLinkToken, LINK_TOKEN_PATTERN, newLinkToken } from '../../domain/link-token';
import type { Locale } from '../../domain/locale';
import type { Ticket, TicketEvent } from '../../domain/tickets/ticket';
import type { TicketRepository } from '../../domain/tickets/ticket-repository';
import { plainTranslator } from '../../messages/translator';
import { ticketsCsv } from '../../notify/ticket-csv';

/** What an export link gives: the tickets of these queues opened in a period (Paris dates), in one state. */
export interface ExportRequest {
  readonly queueIds: readonly string[];
  readonly from: string;
  readonly to: string;
  readonly state: ExportState;
  readonly locale: Locale;
}

/** The longest period one export covers. */
export const MAX_EXPORT_DAYS = 366;

const isoDate = z.string().refine(isCivilDate);
const payloadSchema = z.object({
  kind: z.literal('ticket-export'),
  queueIds: z.array(z.string().max(40)).min(1).max(50),
  from: isoDate,
  to: isoDate,
  state: z.enum(EXPORT_STATES),
  locale: z.enum(['fr', 'en']),
});

/** Whether a period can be exported: two real dates, the first not after the second, a year at most. */
export function exportPeriodError(from: string, to: string): boolean {
  return !isCivilDate(from) || !isCivilDate(to) || daysBetween(from, to) < 0 || daysBetween(from, to) > MAX_EXPORT_DAYS;
}

/** The tickets an export request selects, oldest first. */
export function selectForExport(tickets: readonly Ticket[], request: Pick<ExportRequest, 'from' | 'to' | 'state'>): Ticket[] {
  return tickets
    .filter((ticket) => {
      const opened = parisDate(ticket.createdAt);
      if (opened < request.from || opened > request.to) return false;
      return request.state === 'all' || (request.state === 'closed' ? ticket.status === 'closed' : ticket.status !== 'closed');
    })
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

/**
 * CSV exports of a queue's tickets behind links that expire like the calendar links (the same table: only the token's
 * hash is stored, with what to export — never the data, which is read when the link is opened, so an export shows the
 * tickets as they are then and an erased requester stays erased).
 */
export class TicketExports {
  constructor(
    private readonly deps: {
      readonly links: CalendarLinkRepository;
      readonly tickets: Pick<TicketRepository, 'allInQueue' | 'events'>;
      readonly queueName: (queueId: string) => string;
      readonly clock: Clock;
      readonly ttlMs: number;
    },
  ) {}

  /** A new link token for `request`, owned by the agent who asked (erased with their data), and how many tickets it has now. */
  async issue(ownerId: string, request: ExportRequest): Promise<{ readonly token: string; readonly expiresAt: Date; readonly count: number }> {
    const token = newLinkToken();
    const now = this.deps.clock.now();
    const expiresAt = new Date(now.getTime() + this.deps.ttlMs);
    await this.deps.links.purgeExpired(now);
    await this.deps.links.create({ tokenHash: hashLinkToken(token), ownerId, payload: JSON.stringify({ kind: 'ticket-export', ...request }), expiresAt, createdAt: now });
    return { token, expiresAt, count: (await this.select(request)).length };
  }

  /** The CSV of a live export link, and its file name; undefined for an unknown, malformed or expired one. */
  async file(token: string): Promise<{ readonly csv: string; readonly name: string } | undefined> {
    if (!LINK_TOKEN_PATTERN.test(token)) return undefined;
    const link = await this.deps.links.find(hashLinkToken(token), this.deps.clock.now());
    const parsed = link ? payloadSchema.safeParse(JSON.parse(link.payload)) : undefined;
    if (!parsed?.success) return undefined;
    const request = parsed.data;
    const tickets = await this.select(request);
    const histories = new Map<string, readonly TicketEvent[]>();
    for (const ticket of tickets) histories.set(ticket.id, await this.deps.tickets.events(ticket.id));
    const csv = ticketsCsv({ tickets, histories, queueName: this.deps.queueName, locale: request.locale, tr: plainTranslator(request.locale) });
    return { csv, name: `certibot-tickets-${request.from}-${request.to}.csv` };
  }

  private async select(request: ExportRequest): Promise<Ticket[]> {
    const all = (await Promise.all(request.queueIds.map((queueId) => this.deps.tickets.allInQueue(queueId)))).flat();
    return selectForExport(all, request);
  }
}
