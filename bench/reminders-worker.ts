/**
 * One reminder dispatcher process for `npm run bench:reminders`: the real OutboxDispatcher over the real store,
 * sending through the real TeamsOutboxSender and ConnectorClient to the bench's loopback connector. Configured by JSON in
 * BENCH_REMINDERS_WORKER; prints `READY`, starts ticking on a `go` line on stdin, and on SIGTERM stops (the batch in
 * flight finishes), closes the store and prints `STATS {json}`. It exits at once if its parent goes away (stdin ends).
 */
import { systemClock } from '../src/domain/clock';
import { emptyTickReport, OutboxDispatcher } from '../src/outbox/dispatcher';
import { openStore } from '../src/store';
import { countedQueue, realSender, UNLIMITED_RATE, WORKER_ENV, type WorkerConfig, type WorkerStats } from './reminders-support';

async function main(): Promise<void> {
  const config = JSON.parse(process.env[WORKER_ENV] ?? '') as WorkerConfig;
  const store = await openStore(config.storage, new Date());
  const stats: WorkerStats = { owner: config.owner, claims: 0, ...emptyTickReport(), firstError: undefined, maxRssMb: 0 };
  const error = (fields: object, message: string): void => {
    stats.errors += 1;
    const err = (fields as { err?: unknown }).err;
    stats.firstError ??= `${message}${err instanceof Error ? `: ${err.message}` : ''}`;
  };
  const dispatcher = new OutboxDispatcher({
    repo: countedQueue(store, stats),
    sender: realSender(store),
    clock: systemClock,
    owner: config.owner,
    batchSize: config.batchSize,
    leaseMs: config.leaseMs,
    globalRatePerSecond: UNLIMITED_RATE,
    perConversationPerSecond: UNLIMITED_RATE,
    maxAttempts: config.maxAttempts,
    backoff: config.backoff,
    onUnreachable: () => Promise.resolve(),
    logger: { info: () => undefined, warn: () => undefined, error },
  });

  let stopping = false;
  process.on('SIGTERM', () => {
    if (stopping) return;
    stopping = true;
    void (async () => {
      await dispatcher.stop();
      await store.close();
      stats.maxRssMb = process.resourceUsage().maxRSS / 1024;
      process.stdout.write(`STATS ${JSON.stringify(stats)}\n`, () => process.exit(0));
    })();
  });
  let input = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk: string) => {
    input += chunk;
    if (/^go$/m.test(input)) dispatcher.start(config.intervalMs);
  });
  // The parent is gone: nobody will stop this process or read its report.
  process.stdin.on('end', () => process.exit(3));
  process.stdout.write('READY\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`reminders worker failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
