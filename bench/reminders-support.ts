/**
 * What `npm run bench:reminders` and its dispatcher processes (bench/reminders-worker.ts) share: the real outbox
 * sender over a store, and the worker protocol. The loopback connector is the toolkit's (toolkit/fake-connector.ts);
 * it counts deliveries by the id that the real reminder card carries in its action data.
 */
import { systemClock } from '../src/domain/clock';
import type { OutboxQueue, OutboxSender } from '../src/domain/outbox/outbox';
import { ConnectorClient } from '../src/notify/connector-client';
import { TeamsOutboxSender } from '../src/notify/teams-outbox-sender';
import { TicketSender } from '../src/notify/ticket-sender';
import { ANS_QUEUE } from '../src/domain/tickets/queues';
import { countCompletion, type TickReport } from '../src/outbox/dispatcher';
import type { StorageSettings, Store } from '../src/store';

/**
 * certibot's own sender (TeamsOutboxSender: the reminder card rendered from the register, in the conversation's
 * language) through the real ConnectorClient, no token (loopback): what production sends, item for item.
 */
export function realSender(store: Store): OutboxSender {
  const connector = new ConnectorClient(() => Promise.resolve(undefined));
  const common = { connector, conversations: store.conversations, users: store.users, clock: systemClock, defaultLocale: 'fr' as const };
  return new TeamsOutboxSender({
    ...common,
    register: store.reminders,
    tickets: new TicketSender({ ...common, tickets: store.tickets, context: { queues: [ANS_QUEUE], smtp: false }, mailer: undefined }),
  });
}

/** The store's outbox, its claims and completions counted into `report` as the dispatcher counts them (each claim timed, if asked). */
export function countedQueue(store: Store, report: TickReport & { claims?: number }, timed?: (ms: number) => void): OutboxQueue {
  return {
    claimDue: async (now, limit, owner, leaseMs, kinds) => {
      const started = process.hrtime.bigint();
      const batch = await store.outbox.claimDue(now, limit, owner, leaseMs, kinds);
      timed?.(Number(process.hrtime.bigint() - started) / 1e6);
      if (batch.claimed.length > 0 && report.claims !== undefined) report.claims += 1;
      report.claimed += batch.claimed.length;
      report.superseded += batch.superseded;
      return batch;
    },
    complete: async (itemId, owner, completion, now) => {
      const done = await store.outbox.complete(itemId, owner, completion, now);
      countCompletion(report, completion.kind, done);
      return done;
    },
  };
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
