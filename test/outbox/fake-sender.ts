import type { Clock } from '../../src/domain/clock';
import type { OutboxSender } from '../../src/domain/outbox/outbox';
import type { OutboxItem, SendOutcome } from '../../src/domain/outbox/outbox-item';

/** One call of the sender, as the connector would have seen it. */
export interface SendAttempt {
  readonly deliveryId: string;
  readonly conversationId: string;
  readonly threshold: string;
  readonly certificateId: string;
  readonly at: number;
  readonly outcome: SendOutcome['kind'] | 'hung';
  readonly by: string;
}

/** An outbox item as a test decides on it: a reminder's terms. */
export interface SentItem {
  readonly id: string;
  readonly kind: OutboxItem['kind'];
  readonly conversationId: string;
  readonly threshold: string;
  readonly certificateId: string;
}

export type Decide = (item: SentItem) => SendOutcome | 'hang' | Promise<SendOutcome>;

export const sentOk: Decide = (item) => ({ kind: 'sent', activityId: `activity-${item.id}` });

/**
 * An in-memory Teams: records every attempt at the instant it is made (before any await), then answers what
 * `decide` says. 'hang' never answers, like a process that died mid-send.
 */
export class FakeSender implements OutboxSender {
  constructor(
    private readonly clock: Clock,
    private readonly log: SendAttempt[],
    private readonly by: string,
    private readonly decide: Decide = sentOk,
  ) {}

  send(item: OutboxItem): Promise<SendOutcome> {
    const at = this.clock.now().getTime();
    const sent: SentItem = { id: item.id, kind: item.kind, conversationId: item.target, threshold: item.key, certificateId: item.topic };
    const decided = this.decide(sent);
    const base = { deliveryId: item.id, conversationId: item.target, threshold: item.key, certificateId: item.topic, at, by: this.by };
    if (decided === 'hang') {
      this.log.push({ ...base, outcome: 'hung' });
      return new Promise<SendOutcome>(() => undefined);
    }
    if (decided instanceof Promise) {
      this.log.push({ ...base, outcome: 'hung' });
      return decided;
    }
    this.log.push({ ...base, outcome: decided.kind });
    return Promise.resolve(decided);
  }
}

/** Successful sends per delivery id. */
export function sendsPerDelivery(log: readonly SendAttempt[], outcomes: ReadonlyArray<SendAttempt['outcome']> = ['sent']): Map<string, number> {
  const counts = new Map<string, number>();
  for (const attempt of log) if (outcomes.includes(attempt.outcome)) counts.set(attempt.deliveryId, (counts.get(attempt.deliveryId) ?? 0) + 1);
  return counts;
}
