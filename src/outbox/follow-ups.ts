import { randomUUID } from 'node:crypto';
import type { Clock } from '../domain/clock';
import type { CardStates, OutboxWriter } from '../domain/outbox/outbox';
import type { CardState, MessageSpec, NewOutboxItem } from '../domain/outbox/outbox-item';
import type { CertificateRecord } from '../domain/reminders/certificate';
import type { Delivery } from '../domain/reminders/delivery';
import type { CopyState, Messenger, ReminderCardRefresher } from '../domain/reminders/follow-ups';

export interface OutboxFollowUpsDeps {
  readonly outbox: OutboxWriter & CardStates;
  readonly clock: Clock;
  /** Asks the dispatcher to send what was just stored, without waiting for its timer. */
  readonly wake: () => void;
}

const cardState = (state: CopyState): CardState => (state.kind === 'acknowledged' ? { ...state, at: state.at.toISOString() } : state);
const copyState = (state: CardState): CopyState => (state.kind === 'acknowledged' ? { ...state, at: new Date(state.at) } : state);

/**
 * What a click changes in other conversations — the copies of a reminder card updated in place, courtesy messages
 * ("you were added as an owner") — stored in the outbox before the click is answered, then sent from there with its
 * retries and rate limits, rendered in each conversation's language.
 */
export class OutboxFollowUps implements ReminderCardRefresher, Messenger {
  constructor(private readonly deps: OutboxFollowUpsDeps) {}

  async refresh(copies: readonly Delivery[], certificate: CertificateRecord, state: CopyState): Promise<void> {
    const now = this.deps.clock.now();
    const items = copies.flatMap((copy): NewOutboxItem[] =>
      copy.activityId
        ? [
            {
              kind: 'card-update',
              topic: certificate.id,
              cycle: copy.id,
              key: randomUUID(),
              target: copy.conversationId,
              payload: { itemId: copy.id, activityId: copy.activityId, state: cardState(state) },
              dueAt: now,
            },
          ]
        : [],
    );
    await this.store(items, now);
  }

  async shownState(reminder: Pick<Delivery, 'id' | 'certificateId' | 'conversationId'>): Promise<CopyState | undefined> {
    const state = await this.deps.outbox.lastCardState(reminder.certificateId, reminder.conversationId, reminder.id);
    return state && copyState(state);
  }

  async post(conversationId: string, topic: string, message: MessageSpec): Promise<void> {
    const now = this.deps.clock.now();
    await this.store([{ kind: 'message', topic, cycle: '', key: randomUUID(), target: conversationId, payload: { text: message }, dueAt: now }], now);
  }

  private async store(items: readonly NewOutboxItem[], now: Date): Promise<void> {
    if (items.length === 0) return;
    await this.deps.outbox.enqueue(items, now);
    this.deps.wake();
  }
}
