/**
 * Phase "dispatch throughput": the real OutboxDispatcher in this process, rate limits lifted, through the real
 * TeamsOutboxSender and ConnectorClient to the loopback connector answering 200 at once, ticks back to back until nothing is due.
 */
import type { FakeConnector } from '../../toolkit/fake-connector';
import { systemClock } from '../../src/domain/clock';
import { emptyTickReport, OutboxDispatcher, type TickReport } from '../../src/outbox/dispatcher';
import { fmt, int, median, pad, padLeft } from '../format';
import { countedQueue, realSender, UNLIMITED_RATE } from '../reminders-support';
import { BATCH, elapsedMs, LEASE_MS, log, MAX_ATTEMPTS } from './common';
import type { Engine, EngineName } from './engines';
import { countSent, makeDue } from './queries';

/** One dispatcher's run over the due deliveries. */
export interface ThroughputResult {
  deliveries: number;
  sent: number;
  ms: number;
  batches: number;
  claimMedianMs: number;
  cpuMs: number;
  delivered: number;
  duplicates: number;
  report: TickReport;
}


/** The real dispatcher, in this process, rate limits lifted: ticks back to back until nothing is due. */
export async function dispatchThroughput(engine: Engine, connector: FakeConnector, ids: readonly string[]): Promise<ThroughputResult> {
  connector.reset();
  await makeDue(engine.store, ids, Date.now() - 1_000, connector.serviceUrl);
  const claimTimes: number[] = [];
  const report = emptyTickReport();
  const dispatcher = new OutboxDispatcher({
    repo: countedQueue(engine.store, report, (ms) => claimTimes.push(ms)),
    sender: realSender(engine.store),
    clock: systemClock,
    owner: `bench-throughput-${engine.name}`,
    batchSize: BATCH,
    leaseMs: LEASE_MS,
    globalRatePerSecond: UNLIMITED_RATE,
    perConversationPerSecond: UNLIMITED_RATE,
    maxAttempts: MAX_ATTEMPTS,
    onUnreachable: () => Promise.resolve(),
  });
  let batches = 0;
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  for (;;) {
    const tick = await dispatcher.tick();
    if (tick.claimed === 0 && tick.superseded === 0) break;
    batches += 1;
  }
  const ms = elapsedMs(started);
  const used = process.cpuUsage(cpu);
  const tally = connector.items.tally(ids);
  return {
    deliveries: ids.length,
    sent: await countSent(engine.store, ids),
    ms,
    batches,
    claimMedianMs: median(claimTimes),
    cpuMs: (used.user + used.system) / 1000,
    delivered: tally.delivered,
    duplicates: tally.duplicates,
    report,
  };
}

/** Prints the dispatch part of "1. Scale"; returns the number of engines that did not deliver everything exactly once. */
export function reportDispatch(results: ReadonlyArray<{ readonly name: EngineName; readonly throughput: ThroughputResult }>): number {
  let failures = 0;
  log('');
  log(
    `Dispatch: the real OutboxDispatcher (batch ${BATCH}, lease 5 min, rate limits lifted) in this process, the real TeamsOutboxSender and ConnectorClient, ` +
      'loopback connector answering 200 at once; ticks back to back until nothing is due.',
  );
  log(
    `${pad('engine', 12)}${padLeft('due', 8)}${padLeft('sent', 8)}${padLeft('s', 7)}${padLeft('reminders/s', 13)}${padLeft('batches', 9)}` +
      `${padLeft('claim ms', 10)}${padLeft('CPU %', 7)}${padLeft('connector 2xx', 15)}${padLeft('duplicates', 12)}`,
  );
  for (const result of results) {
    const t = result.throughput;
    const ok = t.sent === t.deliveries && t.delivered === t.deliveries && t.duplicates === 0;
    if (!ok) failures += 1;
    log(
      `${pad(result.name, 12)}${padLeft(int(t.deliveries), 8)}${padLeft(int(t.sent), 8)}${padLeft(fmt(t.ms / 1000, 1), 7)}` +
        `${padLeft(int(t.sent / (t.ms / 1000)), 13)}${padLeft(int(t.batches), 9)}${padLeft(fmt(t.claimMedianMs, 2), 10)}` +
        `${padLeft(fmt((t.cpuMs / t.ms) * 100, 0), 7)}${padLeft(int(t.delivered), 15)}${padLeft(int(t.duplicates), 12)}` +
        `${ok ? '' : `   INCOMPLETE (retried ${t.report.retried}, failed ${t.report.failed}, errors ${t.report.errors})`}`,
    );
  }
  log(
    '(claim ms: median claimDue per batch while dispatching; CPU %: this process — dispatcher, connector and SQLite engine — of one core. ' +
      'The send limiter counts whole milliseconds, so one dispatcher never exceeds 1,000 sends/s whatever the configured rate.)',
  );
  return failures;
}
