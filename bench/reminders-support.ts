/**
 * What `npm run bench:reminders` and its dispatcher processes (bench/reminders-worker.ts) share: the minimal reminder
 * sender (the real ConnectorClient posting a small card), the loopback connector that counts deliveries, and the
 * worker protocol.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CertificateRecord } from '../src/domain/reminders/certificate';
import type { Delivery, SendOutcome } from '../src/domain/reminders/delivery';
import type { ReminderSender } from '../src/domain/reminders/follow-ups';
import { ConnectorClient } from '../src/notify/connector-client';
import type { TickReport } from '../src/reminders/dispatcher';
import type { StorageSettings } from '../src/store';

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** A small reminder card as an activity; the delivery id rides in channelData so the connector can count per delivery. */
export function reminderActivity(delivery: Delivery, certificate: CertificateRecord): object {
  return {
    type: 'message',
    summary: `Rappel : ${certificate.label} expire le ${certificate.expiryDate}`,
    channelData: { deliveryId: delivery.id },
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

/** How the loopback connector answers. */
export interface ConnectorMode {
  /** Share of calls refused, half 429 (Retry-After: 1) and half 503, at random. */
  readonly failRate: number;
  /** Every answer waits this long (a slow connector keeps a batch in flight). */
  readonly delayMs: number;
}

/** A request the connector has received and not answered yet. */
export interface InFlight {
  readonly deliveryId: string;
  readonly arrivedAt: number;
}

const ACTIVITIES_PATH = /^\/v3\/conversations\/[^/]+\/activities$/;

/**
 * A loopback Bot Connector: answers `{id}` to POST /v3/conversations/:id/activities, or 429/503 as its mode says,
 * and counts per delivery id. A delivery counts as delivered when the connector decides to accept it (2xx), on
 * arrival: the real service posts the message whether or not the caller lives to read the answer.
 */
export class BenchConnector {
  /** Delivery id → accepted (2xx) posts. */
  readonly delivered = new Map<string, number>();
  /** Delivery id → arrival times of every post, accepted or not. */
  readonly arrivals = new Map<string, number[]>();
  readonly statuses = new Map<number, number>();
  readonly inFlight = new Map<number, InFlight>();
  /** Requests whose connection closed before their answer was written (the caller died). */
  readonly abandoned: InFlight[] = [];
  mode: ConnectorMode = { failRate: 0, delayMs: 0 };
  lastArrival = 0;
  private seq = 0;

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
    private readonly random: () => number,
  ) {}

  static async start(random: () => number): Promise<BenchConnector> {
    const server = http.createServer();
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const connector = new BenchConnector(server, `http://127.0.0.1:${port}`, random);
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => connector.handle(req, res));
    return connector;
  }

  /** Forgets every count (a new phase). */
  reset(mode: ConnectorMode): void {
    this.mode = mode;
    this.delivered.clear();
    this.arrivals.clear();
    this.statuses.clear();
    this.inFlight.clear();
    this.abandoned.length = 0;
  }

  posts(): number {
    let total = 0;
    for (const n of this.statuses.values()) total += n;
    return total;
  }

  /** How many of `ids` were accepted at least once; the deliveries accepted more than once (any id). */
  tally(ids: readonly string[]): { delivered: number; duplicates: number; duplicateIds: string[] } {
    const delivered = ids.filter((id) => (this.delivered.get(id) ?? 0) > 0).length;
    const duplicateIds = [...this.delivered].filter(([, n]) => n > 1).map(([id]) => id);
    return { delivered, duplicates: duplicateIds.length, duplicateIds };
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0] ?? '';
      if (req.method !== 'POST' || !ACTIVITIES_PATH.test(path)) {
        res.writeHead(404, { 'content-length': 0 });
        res.end();
        return;
      }
      let deliveryId = 'unknown';
      try {
        const activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { channelData?: { deliveryId?: unknown } };
        if (typeof activity.channelData?.deliveryId === 'string') deliveryId = activity.channelData.deliveryId;
      } catch {
        // Counted under 'unknown'.
      }
      const seq = ++this.seq;
      const draw = this.random();
      const status = draw < this.mode.failRate / 2 ? 429 : draw < this.mode.failRate ? 503 : 200;
      this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
      if (status === 200) this.delivered.set(deliveryId, (this.delivered.get(deliveryId) ?? 0) + 1);
      const entry: InFlight = { deliveryId, arrivedAt: Date.now() };
      this.lastArrival = entry.arrivedAt;
      const times = this.arrivals.get(deliveryId) ?? [];
      times.push(entry.arrivedAt);
      this.arrivals.set(deliveryId, times);
      this.inFlight.set(seq, entry);
      res.on('close', () => {
        this.inFlight.delete(seq);
        if (!res.writableFinished) this.abandoned.push(entry);
      });
      const answer = (): void => {
        if (res.destroyed) return;
        if (status === 200) {
          const body = JSON.stringify({ id: `activity-${seq}` });
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
          res.end(body);
        } else {
          res.writeHead(status, { 'content-length': 0, ...(status === 429 ? { 'retry-after': '1' } : {}) });
          res.end();
        }
      };
      if (this.mode.delayMs > 0) setTimeout(answer, this.mode.delayMs);
      else answer();
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
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
