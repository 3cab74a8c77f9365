/**
 * Phase "multi-process concurrency with faults": several dispatcher processes on one PostgreSQL schema, the loopback
 * connector refusing 20% of calls at random (half 429 with Retry-After: 1, half 503): every delivery must go exactly
 * once, counted per delivery on the connector side.
 */
import { connectorFailures, type FakeConnector } from '../../toolkit/fake-connector';
import { fmt, int, pad, padLeft } from '../format';
import type { WorkerStats } from '../reminders-support';
import { BATCH, BENCH_BACKOFF, elapsedMs, LEASE_MS, log, MAX_ATTEMPTS, waitFor } from './common';
import type { Engine } from './engines';
import { countSent, makeDue, statusOf } from './queries';
import { lostDeliveries, startWorker, workerConfig, type WorkerHandle } from './workers';

/** The share of the connector's answers that refuse a reminder. */
const REFUSED = 0.2;

/** What the dispatcher processes did, and what the connector saw. */
export interface ConcurrencyResult {
  deliveries: number;
  workers: number;
  ms: number;
  finished: boolean;
  posts: number;
  statuses: Map<number, number>;
  duplicates: number;
  duplicateIds: readonly string[];
  lost: number;
  notSent: Map<string, number>;
  stats: Array<WorkerStats | undefined>;
}

/** `workers` dispatcher processes on one database, a connector refusing 20% of calls: every delivery exactly once. */
export async function concurrency(engine: Engine, connector: FakeConnector, ids: readonly string[], workers: number): Promise<ConcurrencyResult> {
  connector.reset();
  connector.inject({ match: 'send', rate: REFUSED, answer: [connectorFailures.throttled(1), connectorFailures.unavailable()] });
  await makeDue(engine.store, ids, Date.now() - 1_000, connector.serviceUrl);
  const handles: WorkerHandle[] = [];
  try {
    for (let k = 1; k <= workers; k += 1) {
      handles.push(await startWorker(workerConfig(engine, connector, `bench-worker-${k}`, { leaseMs: LEASE_MS, intervalMs: 200 })));
    }
    const started = process.hrtime.bigint();
    for (const handle of handles) handle.go();
    const finished = await waitFor(async () => (await countSent(engine.store, ids)) === ids.length, 150_000, 500);
    const ms = elapsedMs(started);
    const stats = await Promise.all(handles.map((handle) => handle.stop()));
    const statuses = await statusOf(engine.store, ids);
    const tally = connector.items.tally(ids);
    const notSent = new Map<string, number>();
    for (const id of ids) {
      const status = statuses.get(id) ?? 'missing';
      if (status !== 'sent') notSent.set(status, (notSent.get(status) ?? 0) + 1);
    }
    return {
      deliveries: ids.length,
      workers,
      ms,
      finished,
      posts: connector.calls.filter((call) => call.kind === 'send').length,
      statuses: connector.statusCounts('send'),
      duplicates: tally.duplicates,
      duplicateIds: tally.duplicateKeys,
      lost: lostDeliveries(ids, statuses, connector).length,
      notSent,
      stats,
    };
  } finally {
    await Promise.all(handles.map((handle) => handle.stop()));
  }
}

/** Prints "2. Concurrency" (nothing when it did not run); returns 1 when a delivery was lost or duplicated, or it did not run. */
export function reportConcurrency(c: ConcurrencyResult | undefined): number {
  if (c) {
    log('');
    log('== 2. Concurrency ==');
    log(
      `${c.workers} dispatcher processes (batch ${BATCH}, lease 5 min, ${MAX_ATTEMPTS} attempts, backoff ${BENCH_BACKOFF.baseMs} ms…${BENCH_BACKOFF.capMs / 1000} s, ` +
        `rate limits lifted) on one PostgreSQL schema, ${int(c.deliveries)} due deliveries; the connector refuses ${fmt(REFUSED * 100, 0)}% of calls at random ` +
        '(half 429 with Retry-After: 1, half 503).',
    );
    const statuses = [...c.statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}: ${int(n)}`).join(', ');
    log(`${c.finished ? 'all sent' : 'TIMED OUT'} after ${fmt(c.ms / 1000, 1)} s; connector: ${int(c.posts)} posts (${statuses})`);
    log(`${pad('worker', 16)}${padLeft('claims', 8)}${padLeft('claimed', 9)}${padLeft('sent', 7)}${padLeft('retried', 9)}${padLeft('deferred', 10)}${padLeft('failed', 8)}${padLeft('lease lost', 12)}${padLeft('errors', 8)}${padLeft('max RSS MB', 12)}`);
    c.stats.forEach((s, k) => {
      if (!s) {
        log(`${pad(`bench-worker-${k + 1}`, 16)} no report`);
        return;
      }
      log(
        `${pad(s.owner, 16)}${padLeft(int(s.claims), 8)}${padLeft(int(s.claimed), 9)}${padLeft(int(s.sent), 7)}${padLeft(int(s.retried), 9)}` +
          `${padLeft(int(s.deferred), 10)}${padLeft(int(s.failed), 8)}${padLeft(int(s.lost), 12)}${padLeft(int(s.errors), 8)}${padLeft(fmt(s.maxRssMb, 0), 12)}` +
          `${s.firstError ? `   first error: ${s.firstError}` : ''}`,
      );
    });
    if (c.notSent.size > 0) log(`not 'sent' in the database: ${[...c.notSent].map(([status, n]) => `${status} ${n}`).join(', ')}`);
    if (c.duplicateIds.length > 0) log(`delivered more than once: ${c.duplicateIds.slice(0, 10).join(', ')}${c.duplicateIds.length > 10 ? ', …' : ''}`);
    log(`duplicates=${c.duplicates} lost=${c.lost} (each delivery id counted on the connector side, 2xx only)`);
  }
  return c !== undefined && c.finished && c.duplicates === 0 && c.lost === 0 ? 0 : 1;
}
