/**
 * What `npm run bench:reminders` and its dispatcher processes (bench/reminders-worker.ts) share: the minimal reminder
 * sender (the real ConnectorClient posting a small card) and the worker protocol. The loopback connector is the
 * toolkit's (toolkit/fake-connector.ts); it counts deliveries by the id in the card's action data.
 */
import type { CertificateRecord } from '../src/domain/reminders/certificate';
import type { Delivery, SendOutcome } from '../src/domain/reminders/delivery';
import type { ReminderSender } from '../src/domain/reminders/reminder-sender';
import { ConnectorClient } from '../src/notify/connector-client';
import type { TickReport } from '../src/reminders/dispatcher';
import type { StorageSettings } from '../src/store';

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** A small reminder card as an activity; its button carries the delivery id, as the real reminder card's do. */
export function reminderActivity(delivery: Delivery, certificate: CertificateRecord): object {
  return {
    type: 'message',
    summary: `Rappel : ${certificate.label} expire le ${certificate.expiryDate}`,
    attachments: [
      {
        contentType: ADAPTIVE_CARD,
        content: {
          type: 'AdaptiveCard',
          version: '1.5',
          body: [
            { type: 'TextBlock', text: certificate.label, weight: 'Bolder', wrap: true },
            { type: 'TextBlock', text: `Expire le ${certificate.expiryDate} (${delivery.threshold})`, wrap: true },
          ],
          actions: [{ type: 'Action.Execute', title: "C'est noté", verb: 'reminder.ack', data: { delivery: delivery.id } }],
        },
      },
    ],
  };
}

/** The bench's ReminderSender: the real ConnectorClient (no token: loopback), one POST per delivery to its conversation. */
export class BenchReminderSender implements ReminderSender {
  private readonly client = new ConnectorClient(() => Promise.resolve(undefined));

  constructor(private readonly serviceUrl: string) {}

  send(delivery: Delivery, certificate: CertificateRecord): Promise<SendOutcome> {
    return this.client.send(this.serviceUrl, delivery.conversationId, reminderActivity(delivery, certificate));
  }
}

/** What a dispatcher process is told (JSON in BENCH_REMINDERS_WORKER). */
export interface WorkerConfig {
  readonly storage: StorageSettings;
  readonly owner: string;
  readonly connectorUrl: string;
  readonly batchSize: number;
  readonly leaseMs: number;
  readonly intervalMs: number;
  readonly maxAttempts: number;
  readonly backoff: { readonly baseMs: number; readonly capMs: number };
}

/**
 * What a dispatcher process reports when stopped (a `STATS {json}` line): the dispatcher's own counts summed over its
 * ticks (`lost`: completions refused because the lease had passed to another dispatcher), and how many claims found work.
 */
export interface WorkerStats extends TickReport {
  owner: string;
  claims: number;
  firstError: string | undefined;
  maxRssMb: number;
}

export const WORKER_ENV = 'BENCH_REMINDERS_WORKER';

/** Rates high enough not to limit anything (the limiter works in whole milliseconds: at most 1,000 sends/s). */
export const UNLIMITED_RATE = 1_000_000;
