/**
 * `npm run bench:reminders` (issue 5): the reminder queue at scale, on SQLite and PostgreSQL, in one run.
 *
 * 1. Scale — 100,000 certificates (one personal target each, thresholds 90/60/30/14/7/1/0, no weekly reminders: up
 *    to 700,000 deliveries) bulk-inserted with batched multi-row INSERTs inside transactions (SQLite) or INSERT …
 *    SELECT FROM unnest(arrays) (PostgreSQL), rows as migration 4 defines them and the due times the real schedule
 *    (plannedDeliveries) computes; row counts checked. The latency of one tick's claim — claimDue(now, 50, owner,
 *    lease) while 200 deliveries are due, each claim undone before the next — at 10k, 50k and 100k certificates, and
 *    the claim query's plan; when PostgreSQL's plan reads conversations whole, the same measurement again with a
 *    partial index (a what-if, dropped right after). Then the dispatch throughput of the real ReminderDispatcher, rate
 *    limits lifted, through the real ConnectorClient to a loopback connector, over 10,000 due deliveries; peak RSS.
 * 2. Concurrency — 3 dispatcher processes on one PostgreSQL schema, 10,000 due deliveries, the connector refusing
 *    20% of calls at random (429 with Retry-After: 1, or 503): every delivery must go exactly once.
 * 3. Crash — a dispatcher process killed (SIGKILL) with a batch in flight, another one started: once the lease (3 s)
 *    runs out everything is delivered, re-sending at most what was in flight.
 *
 * The last line is `duplicates=N lost=N` for part 2; the exit code is non-zero when anything was lost or duplicated
 * (beyond the in-flight bound after a crash), a row count is off, or (with --strict) a performance target is missed.
 *
 * Options: --certificates=100000 --samples=20 --due=200 --dispatch=10000 --concurrent=10000 --workers=3 --crash=1000
 * --skip-sqlite --strict. PostgreSQL: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test;
 * the bench works in a fresh schema bench_<random>, dropped at the end (temp files and child processes too, on
 * failure or Ctrl-C as well).
 */
import fs from 'node:fs';
import os from 'node:os';
import { FakeConnector } from '../toolkit/fake-connector';
import { DEFAULT_THRESHOLDS } from '../src/domain/reminders/certificate';
import { addDays } from '../src/domain/civil-date';
import { fmt, int, short } from './format';
import { killAll } from './processes';
import { measureClaimAt, reportClaim, type LatencyResult } from './reminders/claim';
import { ANCHOR_DATE, cleanupAll, CUT, log, onCleanup, parseOptions, type Options } from './reminders/common';
import { concurrency, reportConcurrency, type ConcurrencyResult } from './reminders/concurrency';
import { crash, reportCrash } from './reminders/crash';
import { dispatchThroughput, reportDispatch } from './reminders/dispatch';
import { openPostgres, openSqlite, type Engine } from './reminders/engines';
import { LoadedData, reportLoad, sampleCreate } from './reminders/load';
import { markMemory, reportMemory, reportSummary, type EngineResult, type MemoryMark } from './reminders/report';
import { EXPIRY_FROM_DAYS, EXPIRY_SPAN_DAYS } from './reminders/rows';
import { WORKER } from './reminders/workers';

/** The phases on one engine, in order: load and claim at each scale, then dispatch, concurrency (PostgreSQL), crash. */
async function runEngine(engine: Engine, options: Options, connector: FakeConnector): Promise<EngineResult> {
  const stages = [...new Set([Math.round(options.certificates / 10), Math.round(options.certificates / 2), options.certificates])];
  const data = new LoadedData(engine);
  const take = (n: number): string[] => data.take(n);
  const latency: LatencyResult[] = [];
  const whatIf: LatencyResult[] = [];
  const memory: MemoryMark[] = [];
  for (const stage of stages) {
    const step = await data.loadTo(stage);
    log(
      `  ${engine.name}: loaded ${int(step.certificates)} more certificates (${int(step.rows)} rows) in ${fmt(step.ms / 1000, 1)} s; ` +
        `measuring claimDue at ${int(stage)} certificates…`,
    );
    const claim = await measureClaimAt(engine, stage, options, take);
    latency.push(claim.measured);
    if (claim.whatIf) whatIf.push(claim.whatIf);
  }
  const counts = await data.checkCounts();
  memory.push(markMemory(`loaded ${short(options.certificates)}`));
  log(`  ${engine.name}: create() one by one, 500 certificates…`);
  const create = await sampleCreate(engine, 500);

  log(`  ${engine.name}: dispatching ${int(options.dispatch)} due deliveries (one dispatcher, this process)…`);
  const throughput = await dispatchThroughput(engine, connector, take(options.dispatch));
  memory.push(markMemory('dispatched'));
  let concurrencyResult: ConcurrencyResult | undefined;
  if (engine.name === 'PostgreSQL') {
    log(`  ${engine.name}: ${options.workers} dispatcher processes, ${int(options.concurrent)} due deliveries, 20% refused…`);
    concurrencyResult = await concurrency(engine, connector, take(options.concurrent), options.workers);
  }
  log(`  ${engine.name}: crash — killing a dispatcher process with a batch in flight…`);
  const crashResult = await crash(engine, connector, take(options.crash));
  memory.push(markMemory('end'));
  return {
    name: engine.name,
    where: engine.where,
    steps: data.steps,
    ...counts,
    latency,
    whatIf,
    whatIfDescription: engine.whatIf?.description,
    create,
    throughput,
    concurrency: concurrencyResult,
    crash: crashResult,
    memory,
  };
}

/** The report, section by section as the phases ran; answers the exit code. */
function report(results: readonly EngineResult[], options: Options, benchStarted: number): number {
  let failures = reportLoad(results, options);
  const claim = reportClaim(results, options);
  failures += claim.failures;
  failures += reportDispatch(results);
  reportMemory(results);
  failures += reportConcurrency(results.find((result) => result.concurrency)?.concurrency);
  failures += reportCrash(results);
  return reportSummary(results, options, { failures, missed: claim.missed }, benchStarted);
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (!fs.existsSync(WORKER)) throw new Error(`${WORKER} is missing: run npm run build`);
  const benchStarted = Date.now();
  const cpus = os.cpus();
  log(
    `certibot reminders benchmark (issue 5): Node ${process.version}, ${os.platform()} ${os.arch()}, ${cpus.length} CPU(s) ${cpus[0]?.model ?? ''}, ` +
      `load average ${os.loadavg()[0]?.toFixed(1) ?? 'n/a'} at start`,
  );
  log(
    `dataset per engine: ${int(options.certificates)} certificates × 1 personal target × thresholds ${DEFAULT_THRESHOLDS.join('/')} (no weekly reminders) ` +
      `= up to ${int(options.certificates * DEFAULT_THRESHOLDS.length)} deliveries (the real schedule merges thresholds moved back onto the same ` +
      `working day, so a little fewer); expiry ${addDays(ANCHOR_DATE, EXPIRY_FROM_DAYS)} … ` +
      `${addDays(ANCHOR_DATE, EXPIRY_FROM_DAYS + EXPIRY_SPAN_DAYS - 1)}, reminder hour 07–18 Paris, half on working days only; ` +
      `deliveries due before ${new Date(CUT).toISOString()} stored as sent (history), later ones pending`,
  );
  // Seeded, so that the concurrency phase refuses the same calls on every run; bodies not kept (they would weigh on the
  // bench's own peak RSS), the deliveries are counted per item all the same.
  const connector = await FakeConnector.start({ seed: 0xc0ffee, recordContent: false });
  onCleanup('close the connector', () => connector.close());
  const results: EngineResult[] = [];
  const engines: Array<() => Promise<Engine>> = options.skipSqlite ? [openPostgres] : [openSqlite, openPostgres];
  for (const open of engines) {
    const engine = await open();
    log(`${engine.name}: ${engine.where}`);
    results.push(await runEngine(engine, options, connector));
    await engine.close();
  }
  return report(results, options, benchStarted);
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`bench interrupted (${signal}): cleaning up…`);
    killAll();
    void cleanupAll().finally(() => process.exit(130));
  });
}

main()
  .then(async (code) => {
    await cleanupAll();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    console.error(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    killAll();
    await cleanupAll();
    console.log('duplicates=? lost=?');
    process.exit(1);
  });
