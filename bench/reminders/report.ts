/** The parts of the bench:reminders report that span the phases: memory, the summary, and the last line. */
import { fmt, int, median, pad, short } from '../format';
import { log, peakRssMb, type Options } from './common';
import { ratioOf, type ClaimOutcome } from './claim';
import type { ConcurrencyResult } from './concurrency';
import type { CrashResult } from './crash';
import type { ThroughputResult } from './dispatch';
import type { LoadOutcome } from './load';

/** The bench process's memory at one point of an engine's run, in MB. */
export interface MemoryMark {
  label: string;
  rssMb: number;
  peakMb: number;
}

/** The memory now, and the peak so far. */
export function markMemory(label: string): MemoryMark {
  return { label, rssMb: process.memoryUsage().rss / 1_048_576, peakMb: peakRssMb() };
}

/** Everything measured on one engine. */
export interface EngineResult extends LoadOutcome, ClaimOutcome {
  readonly where: string;
  readonly throughput: ThroughputResult;
  /** PostgreSQL only: SQLite takes one dispatcher process at a time. */
  readonly concurrency: ConcurrencyResult | undefined;
  readonly crash: CrashResult;
  readonly memory: readonly MemoryMark[];
}

/** Prints the memory part of "1. Scale": the bench process's peak, its marks per engine, the dispatcher processes' peaks. */
export function reportMemory(results: readonly EngineResult[]): void {
  const peak = peakRssMb();
  log('');
  log(`Peak RSS of the bench process (process.resourceUsage().maxRSS): ${fmt(peak, 0)} MB. RSS now / peak so far, in MB:`);
  for (const result of results) {
    log(`${pad(result.name, 12)}${result.memory.map((m) => `${m.label} ${fmt(m.rssMb, 0)} / ${fmt(m.peakMb, 0)}`).join(';  ')}`);
  }
  const workerRss = results.flatMap((r) => [
    ...(r.concurrency?.stats ?? []).map((w) => (w ? `${r.name} ${w.owner} ${fmt(w.maxRssMb, 0)}` : undefined)),
    r.crash.second ? `${r.name} crash recovery ${fmt(r.crash.second.maxRssMb, 0)}` : undefined,
  ]);
  log(
    '(The bench process also generates the rows (a full GC after each 5,000-certificate chunk; V8 keeps the pages it grew to) and hosts the ' +
      'loopback connector and the SQLite engine. ' +
      `Dispatcher processes alone — store, dispatcher, sender — peaked at: ${workerRss.filter((w) => w !== undefined).join(', ')} MB.)`,
  );
}

/** Prints the SUMMARY line and the last line, `duplicates=N lost=N` of the concurrency phase; answers the exit code. */
export function reportSummary(
  results: readonly EngineResult[],
  options: Options,
  outcome: { readonly failures: number; readonly missed: number },
  benchStarted: number,
): number {
  const { failures, missed } = outcome;
  const peak = peakRssMb();
  const c = results.find((result) => result.concurrency)?.concurrency;
  log('');
  const throughputs = results.map((r) => `${r.name} ${int(r.throughput.sent / (r.throughput.ms / 1000))}/s`).join(', ');
  const claimAtMax = results
    .map((r) => `${r.name} ${fmt(median(r.latency[r.latency.length - 1]?.times ?? []), 2)} ms (${fmt(ratioOf(r.latency) ?? Number.NaN, 2)}× of ${short(Math.round(options.certificates / 10))})`)
    .join(', ');
  log(
    `SUMMARY: ${short(options.certificates)} certificates / ${int(results[0]?.counts.deliveries ?? 0)} deliveries per engine; claim at ${short(options.certificates)}: ${claimAtMax}; ` +
      `index used: ${results.every((r) => r.latency.every((l) => l.planOk)) ? 'yes' : 'NO'}; dispatch ${throughputs}; peak RSS ${fmt(peak, 0)} MB; ` +
      `concurrency ${c ? `duplicates=${c.duplicates} lost=${c.lost}` : 'not run'}; crash ${results.map((r) => `${r.name} lost=${r.crash.lost} duplicates=${r.crash.duplicates}/${r.crash.inFlightAtKill} in flight`).join(', ')}; ` +
      `${failures === 0 ? 'no correctness failure' : `${failures} FAILURE(S)`}, ${missed} performance target(s) missed; ${fmt((Date.now() - benchStarted) / 1000, 0)} s`,
  );
  if (c) log(`duplicates=${c.duplicates} lost=${c.lost}`);
  else log('duplicates=? lost=?');
  return failures > 0 || (options.strict && missed > 0) ? 1 : 0;
}
