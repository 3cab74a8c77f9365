import type { NewOutboxItem } from '../outbox/outbox-item';
import type { Actor, TicketDecision } from './lifecycle';
import type { Requester, Ticket, TicketDraft, TicketEvent, TicketTopic } from './ticket';

/** Where a queue is worked in Teams: its support channel, set by an admin with « support ici ». */
export interface SupportChannel {
  readonly queueId: string;
  readonly conversationId: string;
  readonly teamId: string | undefined;
  readonly tenantId: string | undefined;
  readonly serviceUrl: string;
  readonly setBy: string;
  readonly setAt: Date;
}

/** A request that ended before it was sent: the person chose one of the answers the form suggested. */
export interface Deflection {
  readonly queueId: string;
  readonly topic: TicketTopic;
  /** The knowledge answer chosen. */
  readonly intent: string;
  readonly at: Date;
}

/**
 * Tickets and their history (a port: SQLite and PostgreSQL implement it). Every write also stores, in the same
 * transaction, the outbox items that tell people about it (the ticket card, relayed messages, e-mails): a ticket is
 * never stored without its notifications, nor notified without being stored.
 */
export interface TicketRepository {
  /** Stores a new ticket with the next number of its year and its 'opened' event, and `notify` (given the ticket). */
  open(draft: TicketDraft, requester: Requester, now: Date, notify: (ticket: Ticket) => readonly NewOutboxItem[]): Promise<Ticket>;
  get(ticketId: string): Promise<Ticket | undefined>;
  byNumber(number: string): Promise<Ticket | undefined>;
  /** The ticket sent from a form card, if that form was sent already. */
  byForm(formId: string): Promise<Ticket | undefined>;
  /** A requester's tickets, newest first. */
  forRequester(userId: string): Promise<Ticket[]>;
  /** A queue's tickets not closed, oldest first. */
  openInQueue(queueId: string): Promise<Ticket[]>;
  /** Every ticket of a queue, oldest first (statistics). */
  allInQueue(queueId: string): Promise<Ticket[]>;
  events(ticketId: string): Promise<TicketEvent[]>;
  /**
   * Applies a decision taken on `ticket` (its version), with its events by `actor` and the outbox items `notify`
   * builds from the changed ticket and its new events. Answers the changed ticket, or undefined when the ticket changed
   * meanwhile (another agent was quicker): the caller reloads and decides again.
   */
  apply(
    ticket: Ticket,
    decision: Extract<TicketDecision, { ok: true }>,
    actor: Actor,
    now: Date,
    notify: (ticket: Ticket, events: readonly TicketEvent[]) => readonly NewOutboxItem[],
  ): Promise<Ticket | undefined>;
  /** Records where the ticket card was posted (the thread), once the outbox sent it. */
  setThread(ticketId: string, conversationId: string, activityId: string): Promise<void>;
  supportChannel(queueId: string): Promise<SupportChannel | undefined>;
  /** Every queue's support channel. */
  supportChannels(): Promise<SupportChannel[]>;
  /** The queues worked in a conversation (a support channel). */
  queuesWorkedIn(conversationId: string): Promise<string[]>;
  setSupportChannel(channel: SupportChannel): Promise<void>;
  recordDeflection(deflection: Deflection): Promise<void>;
  /** How many requests for a queue ended on a suggested answer. */
  countDeflections(queueId: string): Promise<number>;
  /** How many tickets carry the requester's identity (for "delete my data"). */
  countForRequester(userId: string): Promise<number>;
  /** Removes the requester's identity from their tickets, which stay for the support team, marked as erased. */
  eraseRequester(userId: string): Promise<number>;
}
