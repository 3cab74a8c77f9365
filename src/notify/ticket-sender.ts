import type { Clock } from '../domain/clock';
import type { ConversationRepository } from '../domain/conversation';
import type { Locale } from '../domain/locale';
import type { OutboxItem, SendOutcome } from '../domain/outbox/outbox-item';
import type { TicketRepository } from '../domain/tickets/ticket-repository';
import type { UserPreferencesRepository } from '../domain/user-preferences';
import { translator } from '../messages/translator';
import type { ConnectorClient } from './connector-client';
import type { Mailer } from './smtp-mailer';
import { surveyCard } from '../../cards/ticket-card';
import { ageText, emailOf, relayOf, threadLineOf, ticketCardOf, type TicketContext } from './ticket-views';
import { cardActivity, conversationLocale } from './teams-outbox-sender';

type TicketItem = Extract<OutboxItem, { kind: 'ticket-card' | 'ticket-thread' | 'ticket-relay' | 'email' }>;

export interface TicketSenderDeps {
  readonly connector: ConnectorClient;
  readonly tickets: TicketRepository;
  readonly conversations: ConversationRepository;
  readonly users: UserPreferencesRepository;
  readonly clock: Clock;
  readonly defaultLocale: Locale;
  readonly context: TicketContext;
  /** Undefined without SMTP_URL: no e-mail item is then ever stored. */
  readonly mailer: Mailer | undefined;
}

/** A follow-up planned ahead (nudge, survey) that the ticket no longer needs: recorded, never sent. */
const NOT_NEEDED: SendOutcome = { kind: 'failed', reason: 'not-needed' };

/** The thread is not posted yet (its card item is still in the outbox): try again shortly, in order. */
const WAIT_FOR_THREAD: SendOutcome = { kind: 'retry', afterMs: 1_000, status: 0 };

/**
 * Sends the escalation's outbox items: the ticket card (a new thread in the queue's support channel, then updated in
 * place for everyone), the lines of the ticket's thread, what the requester is told in their personal chat, and the
 * e-mails to a queue worked by e-mail. Rendered at send time from the stored ticket.
 */
export class TicketSender {
  constructor(private readonly deps: TicketSenderDeps) {}

  async send(item: TicketItem): Promise<SendOutcome> {
    const ticket = await this.deps.tickets.get(item.payload.ticketId);
    if (!ticket) return { kind: 'failed', reason: 'TicketGone' };
    const channel = await this.deps.tickets.supportChannel(ticket.queueId);
    const tr = translator(this.deps.defaultLocale);
    switch (item.kind) {
      case 'ticket-card': {
        if (!channel) return { kind: 'failed', reason: 'NoSupportChannel' };
        const card = ticketCardOf(ticket, this.deps.context, this.deps.clock.now(), this.deps.defaultLocale, tr);
        const record = await this.deps.conversations.get(channel.conversationId);
        const activity = record ? cardActivity(record, card) : { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] };
        if (ticket.thread) {
          const outcome = await this.deps.connector.update(channel.serviceUrl, ticket.thread.conversationId, ticket.thread.activityId, activity);
          // A refused update is the message's (deleted), not the channel's.
          return outcome.kind === 'unreachable' ? { kind: 'failed', reason: outcome.reason } : outcome;
        }
        if (item.key !== 'card') return WAIT_FOR_THREAD;
        const started = await this.deps.connector.startThread(channel.serviceUrl, channel.conversationId, channel.tenantId, activity);
        if (started.kind === 'sent' && started.conversationId && started.activityId) {
          await this.deps.tickets.setThread(ticket.id, started.conversationId, started.activityId);
        }
        return started.kind === 'unreachable' ? { kind: 'failed', reason: started.reason } : started;
      }
      case 'ticket-thread': {
        if (!channel) return { kind: 'failed', reason: 'NoSupportChannel' };
        if (!ticket.thread) return WAIT_FOR_THREAD;
        if (item.key.startsWith('n')) {
          // The nudge: only a ticket still waiting for someone.
          if (ticket.status !== 'open') return NOT_NEEDED;
          const text = tr('ticket.thread.nudge', { number: ticket.number, age: ageText(ticket.createdAt, this.deps.clock.now(), tr) });
          return this.deps.connector.send(channel.serviceUrl, ticket.thread.conversationId, { type: 'message', text, textFormat: 'markdown' });
        }
        const event = (await this.deps.tickets.events(ticket.id)).find((e) => e.seq === item.payload.seq);
        const line = event && threadLineOf(event, tr);
        if (!line) return { kind: 'failed', reason: 'NothingToSay' };
        return this.deps.connector.send(channel.serviceUrl, ticket.thread.conversationId, { type: 'message', text: line, textFormat: 'markdown' });
      }
      case 'ticket-relay': {
        const conversation = ticket.requester && (await this.deps.conversations.get(ticket.requester.conversationId));
        // The requester erased their data or removed certibot: nobody to tell.
        if (!conversation) return { kind: 'failed', reason: 'RequesterGone' };
        const locale = await conversationLocale(conversation, this.deps.users, this.deps.defaultLocale);
        const events = await this.deps.tickets.events(ticket.id);
        const event = events.find((e) => e.seq === item.payload.seq);
        if (item.key.startsWith('s')) {
          // The survey, planned at a close: not if reopened or already rated since.
          const rated = events.some((e) => e.kind === 'rated' && e.seq > item.payload.seq);
          if (ticket.status !== 'closed' || rated) return NOT_NEEDED;
          return this.deps.connector.send(conversation.serviceUrl, conversation.conversationId, cardActivity(conversation, surveyCard({ id: ticket.id, number: ticket.number }, translator(locale))));
        }
        const card = event && relayOf(ticket, event, this.deps.context, translator(locale));
        if (!card) return { kind: 'failed', reason: 'NothingToSay' };
        return this.deps.connector.send(conversation.serviceUrl, conversation.conversationId, cardActivity(conversation, card));
      }
      case 'email': {
        if (!this.deps.mailer) return { kind: 'failed', reason: 'NoSmtp' };
        const events = await this.deps.tickets.events(ticket.id);
        const reason = events.find((e) => e.seq === item.payload.seq) ?? events[0];
        if (!reason) return { kind: 'failed', reason: 'NothingToSay' };
        const mail = emailOf(ticket, events, reason, tr, this.deps.defaultLocale);
        return this.deps.mailer.send({ to: item.payload.to, replyTo: ticket.contactEmail || undefined, ...mail });
      }
    }
  }
}
