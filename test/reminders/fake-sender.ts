import type { Clock } from '../../src/domain/clock';
import type { CertificateRecord } from '../../src/domain/reminders/certificate';
import type { Delivery, SendOutcome } from '../../src/domain/reminders/delivery';
import type { ReminderSender } from '../../src/domain/reminders/reminder-sender';

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

export type Decide = (delivery: Delivery, certificate: CertificateRecord) => SendOutcome | 'hang' | Promise<SendOutcome>;

export const sentOk: Decide = (delivery) => ({ kind: 'sent', activityId: `activity-${delivery.id}` });

/**
 * An in-memory Teams: records every attempt at the instant it is made (before any await), then answers what
 * `decide` says. 'hang' never answers, like a process that died mid-send.
 */
export class FakeSender implements ReminderSender {
  constructor(
    private readonly clock: Clock,
    private readonly log: SendAttempt[],
    private readonly by: string,
    private readonly decide: Decide = sentOk,
  ) {}

  send(delivery: Delivery, certificate: CertificateRecord): Promise<SendOutcome> {
    const at = this.clock.now().getTime();
    const decided = this.decide(delivery, certificate);
    const base = { deliveryId: delivery.id, conversationId: delivery.conversationId, threshold: delivery.threshold, certificateId: certificate.id, at, by: this.by };
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
