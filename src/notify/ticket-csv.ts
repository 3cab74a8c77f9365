import { formatFiness } from '../domain/finess';
import type { Locale } from '../domain/locale';
import type { Ticket, TicketEvent } from '../domain/tickets/ticket';
import type { Translate } from '../messages/translator';
import { certificateLine } from './ticket-views';

/**
 * The CSV export of a queue's tickets for its support team: one line per ticket with its facts and its whole thread
 * (internal notes marked as such) in the last column. Opened in a spreadsheet, nothing in it is a formula: a cell that
 * a spreadsheet would read as one (=, +, -, @, tab, carriage return first) is prefixed with an apostrophe. French
 * spreadsheets expect ";" between fields, English ones ","; the byte order mark makes them read UTF-8.
 */
/** Made when first needed: an Intl format costs milliseconds that a start need not spend. */
let parisMinute: Intl.DateTimeFormat | undefined;

/** "2026-12-07 10:00", Paris time: sortable, and read as a date by spreadsheets. */
export function csvDateTime(instant: Date): string {
  parisMinute ??= new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  return parisMinute.format(instant);
}

/** One CSV field: quoted, quotes doubled, never a formula. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

const COLUMNS = [
  'number',
  'queue',
  'state',
  'topic',
  'urgency',
  'structure',
  'finess',
  'requester',
  'email',
  'assignee',
  'opened',
  'closed',
  'resolution',
  'rating',
  'certificate',
  'thread',
] as const;

export interface TicketCsvInput {
  readonly tickets: readonly Ticket[];
  readonly histories: ReadonlyMap<string, readonly TicketEvent[]>;
  readonly queueName: (queueId: string) => string;
  readonly locale: Locale;
  readonly tr: Translate;
}

function threadOf(ticket: Ticket, events: readonly TicketEvent[], tr: Translate): string {
  return events
    .map((event) => {
      const who = event.kind === 'opened' || event.kind === 'requester-reply' || event.kind === 'rated' ? tr.plain('export.who.requester') : (event.actorName ?? tr.plain('ticket.someone'));
      const what = event.kind === 'opened' ? ticket.description : (event.text ?? '');
      return tr.plain('export.event', { date: csvDateTime(event.at), who, kind: tr.plain(`export.kind.${event.kind}`), text: what }).trimEnd();
    })
    .join('\n');
}

function lastRating(events: readonly TicketEvent[]): string {
  return [...events].reverse().find((event) => event.kind === 'rated')?.text ?? '';
}

export function ticketsCsv(input: TicketCsvInput): string {
  const { tr } = input;
  const separator = input.locale === 'fr' ? ';' : ',';
  const header = COLUMNS.map((column) => csvField(tr.plain(`export.column.${column}`)));
  const lines = input.tickets.map((ticket) => {
    const events = input.histories.get(ticket.id) ?? [];
    const state = ticket.status === 'closed' ? tr.plain('ticket.status.closed') : ticket.assignee ? tr.plain('export.state.assigned') : tr.plain('ticket.status.open');
    const values: Record<(typeof COLUMNS)[number], string> = {
      number: ticket.number,
      queue: input.queueName(ticket.queueId),
      state,
      topic: tr.plain(`ticket.topic.${ticket.topic}`),
      urgency: tr.plain(`ticket.urgency.${ticket.urgency}`),
      structure: ticket.structure,
      finess: ticket.finess ? formatFiness(ticket.finess) : '',
      requester: ticket.requester ? (ticket.requester.name ?? '') : tr.plain('export.erased'),
      email: ticket.contactEmail,
      assignee: ticket.assignee?.name ?? '',
      opened: csvDateTime(ticket.createdAt),
      closed: ticket.closedAt && ticket.status === 'closed' ? csvDateTime(ticket.closedAt) : '',
      resolution: ticket.resolution ?? '',
      rating: lastRating(events),
      certificate: ticket.certificate ? certificateLine(ticket.certificate) : '',
      thread: threadOf(ticket, events, tr),
    };
    return COLUMNS.map((column) => csvField(values[column]));
  });
  return `\uFEFF${[header, ...lines].map((fields) => fields.join(separator)).join('\r\n')}\r\n`;
}
