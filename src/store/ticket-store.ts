import { randomUUID } from 'node:crypto';
import type { NewOutboxItem } from '../domain/outbox/outbox-item';
import type { Actor, TicketDecision } from '../domain/tickets/lifecycle';
import {
  ticketNumber,
  type Requester,
  type Ticket,
  type TicketCertificate,
  type TicketDraft,
  type TicketEvent,
  type TicketEventKind,
  type TicketStatus,
  type TicketTopic,
  type TicketUrgency,
} from '../domain/tickets/ticket';
import type { Deflection, SupportChannel, TicketRepository } from '../domain/tickets/ticket-repository';
import { enqueueIn } from './outbox-store';
import { queryOne, type SqlDatabase, type SqlExecutor } from './sql';

const COLUMNS =
  'id, number, queue_id, topic, urgency, status, structure, finess, description, contact_email, certificate, requester_id, ' +
  'requester_name, requester_tenant_id, requester_conversation_id, requester_erased, assignee_id, assignee_name, resolution, ' +
  'thread_conversation_id, thread_activity_id, version, created_at, updated_at, closed_at';

interface TicketRow {
  id: string;
  number: string;
  queue_id: string;
  topic: string;
  urgency: string;
  status: string;
  structure: string;
  finess: string | null;
  description: string;
  contact_email: string;
  certificate: string | null;
  requester_id: string | null;
  requester_name: string | null;
  requester_tenant_id: string | null;
  requester_conversation_id: string | null;
  requester_erased: number;
  assignee_id: string | null;
  assignee_name: string | null;
  resolution: string | null;
  thread_conversation_id: string | null;
  thread_activity_id: string | null;
  version: number;
  created_at: number;
  updated_at: number;
  closed_at: number | null;
}

const CHANNEL_COLUMNS = 'queue_id, conversation_id, team_id, tenant_id, service_url, set_by, set_at';

interface ChannelRow {
  queue_id: string;
  conversation_id: string;
  team_id: string | null;
  tenant_id: string | null;
  service_url: string;
  set_by: string;
  set_at: number;
}

function toChannel(row: ChannelRow): SupportChannel {
  return {
    queueId: row.queue_id,
    conversationId: row.conversation_id,
    teamId: row.team_id ?? undefined,
    tenantId: row.tenant_id ?? undefined,
    serviceUrl: row.service_url,
    setBy: row.set_by,
    setAt: new Date(Number(row.set_at)),
  };
}

interface EventRow {
  ticket_id: string;
  seq: number;
  kind: string;
  actor_id: string | null;
  actor_name: string | null;
  text: string | null;
  at: number;
}

const toTicket = (row: TicketRow): Ticket => ({
  id: row.id,
  number: row.number,
  queueId: row.queue_id,
  topic: row.topic as TicketTopic,
  urgency: row.urgency as TicketUrgency,
  status: row.status as TicketStatus,
  structure: row.structure,
  finess: row.finess ?? undefined,
  description: row.description,
  contactEmail: row.contact_email,
  certificate: row.certificate ? (JSON.parse(row.certificate) as TicketCertificate) : undefined,
  requester:
    row.requester_id && row.requester_conversation_id
      ? { userId: row.requester_id, name: row.requester_name ?? undefined, tenantId: row.requester_tenant_id ?? undefined, conversationId: row.requester_conversation_id }
      : undefined,
  assignee: row.assignee_id ? { userId: row.assignee_id, name: row.assignee_name ?? undefined } : undefined,
  resolution: row.resolution ?? undefined,
  createdAt: new Date(Number(row.created_at)),
  updatedAt: new Date(Number(row.updated_at)),
  closedAt: row.closed_at === null ? undefined : new Date(Number(row.closed_at)),
  version: Number(row.version),
  thread:
    row.thread_conversation_id && row.thread_activity_id ? { conversationId: row.thread_conversation_id, activityId: row.thread_activity_id } : undefined,
});

const toEvent = (row: EventRow): TicketEvent => ({
  ticketId: row.ticket_id,
  seq: Number(row.seq),
  kind: row.kind as TicketEventKind,
  actorId: row.actor_id ?? undefined,
  actorName: row.actor_name ?? undefined,
  text: row.text ?? undefined,
  at: new Date(Number(row.at)),
});

/** Tickets over either engine; every write and its outbox items in one transaction. */
export class SqlTicketRepository implements TicketRepository {
  constructor(private readonly db: SqlDatabase) {}

  async open(draft: TicketDraft, requester: Requester, now: Date, notify: (ticket: Ticket) => readonly NewOutboxItem[]): Promise<Ticket> {
    return this.db.transaction(async (tx) => {
      const year = now.getUTCFullYear();
      // Locks the year's counter row until commit (PostgreSQL); SQLite transactions are serial.
      const [counter] = await tx.query<{ last: number }>(
        `INSERT INTO ticket_counters (year, last) VALUES ($1, 1)
         ON CONFLICT (year) DO UPDATE SET last = ticket_counters.last + 1 RETURNING last`,
        [year],
      );
      const id = randomUUID();
      const number = ticketNumber(year, Number(counter?.last ?? 1));
      await tx.execute(
        `INSERT INTO tickets (id, number, queue_id, topic, urgency, status, structure, finess, description, contact_email, certificate,
           requester_id, requester_name, requester_tenant_id, requester_conversation_id, requester_erased, version, created_at, updated_at, form_id)
         VALUES ($1, $2, $3, $4, $5, 'open', $6, $7, $8, $9, $10, $11, $12, $13, $14, 0, 1, $15, $15, $16)`,
        [
          id, number, draft.queueId, draft.topic, draft.urgency, draft.structure, draft.finess ?? null, draft.description, draft.contactEmail,
          draft.certificate ? JSON.stringify(draft.certificate) : null, requester.userId, requester.name ?? null, requester.tenantId ?? null,
          requester.conversationId, now.getTime(), draft.formId ?? null,
        ],
      );
      await this.addEvent(tx, id, 1, 'opened', { userId: requester.userId, name: requester.name }, undefined, now);
      const ticket = await this.load(tx, id);
      if (!ticket) throw new Error('the ticket just stored is not there');
      await enqueueIn(tx, notify(ticket), now);
      return ticket;
    });
  }

  async get(ticketId: string): Promise<Ticket | undefined> {
    return this.load(this.db, ticketId);
  }

  async byNumber(number: string): Promise<Ticket | undefined> {
    const row = await queryOne<TicketRow>(this.db, `SELECT ${COLUMNS} FROM tickets WHERE number = $1`, [number]);
    return row && toTicket(row);
  }

  async byForm(formId: string): Promise<Ticket | undefined> {
    const row = await queryOne<TicketRow>(this.db, `SELECT ${COLUMNS} FROM tickets WHERE form_id = $1`, [formId]);
    return row && toTicket(row);
  }

  async forRequester(userId: string): Promise<Ticket[]> {
    const rows = await this.db.query<TicketRow>(`SELECT ${COLUMNS} FROM tickets WHERE requester_id = $1 ORDER BY created_at DESC, number DESC`, [userId]);
    return rows.map(toTicket);
  }

  async openInQueue(queueId: string): Promise<Ticket[]> {
    const rows = await this.db.query<TicketRow>(
      `SELECT ${COLUMNS} FROM tickets WHERE queue_id = $1 AND status <> 'closed' ORDER BY created_at, number`,
      [queueId],
    );
    return rows.map(toTicket);
  }

  async allInQueue(queueId: string): Promise<Ticket[]> {
    const rows = await this.db.query<TicketRow>(`SELECT ${COLUMNS} FROM tickets WHERE queue_id = $1 ORDER BY created_at, number`, [queueId]);
    return rows.map(toTicket);
  }

  async events(ticketId: string): Promise<TicketEvent[]> {
    const rows = await this.db.query<EventRow>('SELECT ticket_id, seq, kind, actor_id, actor_name, text, at FROM ticket_events WHERE ticket_id = $1 ORDER BY seq', [ticketId]);
    return rows.map(toEvent);
  }

  async apply(
    ticket: Ticket,
    decision: Extract<TicketDecision, { ok: true }>,
    actor: Actor,
    now: Date,
    notify: (ticket: Ticket, events: readonly TicketEvent[]) => readonly NewOutboxItem[],
  ): Promise<Ticket | undefined> {
    return this.db.transaction(async (tx) => {
      const closedAt = decision.status === 'closed' ? (ticket.closedAt ?? now).getTime() : null;
      const changed = await tx.execute(
        `UPDATE tickets SET status = $3, assignee_id = $4, assignee_name = $5, resolution = $6, closed_at = $7, updated_at = $8, version = version + 1
         WHERE id = $1 AND version = $2`,
        [
          ticket.id, ticket.version, decision.status, decision.assignee?.userId ?? null, decision.assignee?.name ?? null,
          decision.resolution ?? null, closedAt, now.getTime(),
        ],
      );
      // Changed meanwhile (another agent, another click): nothing is written, the caller decides again.
      if (changed === 0) return undefined;
      const [last] = await tx.query<{ seq: number }>('SELECT MAX(seq) AS seq FROM ticket_events WHERE ticket_id = $1', [ticket.id]);
      let seq = Number(last?.seq ?? 0);
      const events: TicketEvent[] = [];
      for (const event of decision.events) {
        seq += 1;
        await this.addEvent(tx, ticket.id, seq, event.kind, actor, event.text, now);
        events.push({ ticketId: ticket.id, seq, kind: event.kind, actorId: actor.userId, actorName: actor.name, text: event.text, at: now });
      }
      // A reopened ticket is not over: the satisfaction survey planned at its close is not sent.
      if (events.some((event) => event.kind === 'reopened')) {
        await tx.execute(
          "UPDATE outbox SET status = 'skipped', last_error = 'reopened' WHERE kind = 'ticket-relay' AND topic = $1 AND item_key LIKE 's%' AND status = 'pending'",
          [ticket.id],
        );
      }
      const updated = await this.load(tx, ticket.id);
      if (!updated) return undefined;
      await enqueueIn(tx, notify(updated, events), now);
      return updated;
    });
  }

  async setThread(ticketId: string, conversationId: string, activityId: string): Promise<void> {
    await this.db.execute(
      'UPDATE tickets SET thread_conversation_id = $2, thread_activity_id = $3 WHERE id = $1 AND thread_activity_id IS NULL',
      [ticketId, conversationId, activityId],
    );
  }

  async supportChannel(queueId: string): Promise<SupportChannel | undefined> {
    const row = await queryOne<ChannelRow>(this.db, `SELECT ${CHANNEL_COLUMNS} FROM support_channels WHERE queue_id = $1`, [queueId]);
    return row && toChannel(row);
  }

  async supportChannels(): Promise<SupportChannel[]> {
    return (await this.db.query<ChannelRow>(`SELECT ${CHANNEL_COLUMNS} FROM support_channels ORDER BY queue_id`)).map(toChannel);
  }

  async queuesWorkedIn(conversationId: string): Promise<string[]> {
    const rows = await this.db.query<{ queue_id: string }>('SELECT queue_id FROM support_channels WHERE conversation_id = $1 ORDER BY queue_id', [conversationId]);
    return rows.map((row) => row.queue_id);
  }

  async setSupportChannel(channel: SupportChannel): Promise<void> {
    await this.db.execute(
      `INSERT INTO support_channels (queue_id, conversation_id, team_id, tenant_id, service_url, set_by, set_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (queue_id) DO UPDATE SET conversation_id = excluded.conversation_id, team_id = excluded.team_id, tenant_id = excluded.tenant_id,
         service_url = excluded.service_url, set_by = excluded.set_by, set_at = excluded.set_at`,
      [channel.queueId, channel.conversationId, channel.teamId ?? null, channel.tenantId ?? null, channel.serviceUrl, channel.setBy, channel.setAt.getTime()],
    );
  }

  async recordDeflection(deflection: Deflection): Promise<void> {
    await this.db.execute('INSERT INTO support_deflections (id, queue_id, topic, intent, at) VALUES ($1, $2, $3, $4, $5)', [
      randomUUID(), deflection.queueId, deflection.topic, deflection.intent, deflection.at.getTime(),
    ]);
  }

  async countDeflections(queueId: string): Promise<number> {
    const row = await queryOne<{ n: number }>(this.db, 'SELECT COUNT(*) AS n FROM support_deflections WHERE queue_id = $1', [queueId]);
    return Number(row?.n ?? 0);
  }

  async countForRequester(userId: string): Promise<number> {
    const row = await queryOne<{ n: number }>(this.db, 'SELECT COUNT(*) AS n FROM tickets WHERE requester_id = $1', [userId]);
    return Number(row?.n ?? 0);
  }

  async eraseRequester(userId: string): Promise<number> {
    return this.db.transaction(async (tx) => {
      const erased = await tx.execute(
        `UPDATE tickets SET requester_id = NULL, requester_name = NULL, requester_tenant_id = NULL, requester_conversation_id = NULL,
           contact_email = '', requester_erased = 1 WHERE requester_id = $1`,
        [userId],
      );
      await tx.execute('UPDATE ticket_events SET actor_id = NULL, actor_name = NULL WHERE actor_id = $1', [userId]);
      return erased;
    });
  }

  private async load(db: SqlExecutor, ticketId: string): Promise<Ticket | undefined> {
    const row = await queryOne<TicketRow>(db, `SELECT ${COLUMNS} FROM tickets WHERE id = $1`, [ticketId]);
    return row && toTicket(row);
  }

  private async addEvent(tx: SqlExecutor, ticketId: string, seq: number, kind: TicketEventKind, actor: Actor, text: string | undefined, at: Date): Promise<void> {
    await tx.execute('INSERT INTO ticket_events (ticket_id, seq, kind, actor_id, actor_name, text, at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      ticketId, seq, kind, actor.userId, actor.name ?? null, text ?? null, at.getTime(),
    ]);
  }
}
