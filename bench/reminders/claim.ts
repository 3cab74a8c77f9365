/**
 * Phase "claim latency + query plan": one tick's claimDue at each scale of the load while a tick's worth of deliveries
 * is due, and the plan of the claim's candidate query; a PostgreSQL plan that reads conversations whole is measured
 * again with the engine's what-if index.
 */
import { fmt, int, median, pad, padLeft, quantile, short, verdict } from '../format';
import { BATCH, elapsedMs, LEASE_MS, log, type Options } from './common';
import type { Engine, EngineName } from './engines';
import { count, makeDue, placeholders, undoClaims } from './queries';

/** The claim measured at one scale. */
export interface LatencyResult {
  certificates: number;
  deliveries: number;
  due: number;
  claimed: number;
  superseded: number;
  times: number[];
  plan: string[];
  planOk: boolean;
  scans: string[];
}

/** Tables the plan reads whole (PostgreSQL "Seq Scan on t", SQLite "SCAN t"), with the rows a PostgreSQL filter threw away. */
function fullScans(engine: EngineName, plan: readonly string[]): string[] {
  const scans: string[] = [];
  plan.forEach((line, index) => {
    const match = engine === 'PostgreSQL' ? /Seq Scan on (\w+)/.exec(line) : /^\s*SCAN (\w+)/.exec(line);
    if (!match?.[1]) return;
    const removed = plan.slice(index + 1, index + 4).map((next) => /Rows Removed by Filter: (\d+)/.exec(next)?.[1]).find(Boolean);
    scans.push(`${match[1]}${removed ? ` (${int(Number(removed))} rows)` : ''}`);
  });
  return scans;
}

/** Whether the plan reads the deliveries through the (status, next_attempt_at) index, and never whole. */
function planUsesIndex(engine: EngineName, plan: readonly string[]): boolean {
  const text = plan.join('\n');
  return engine === 'PostgreSQL'
    ? /Index (Only )?Scan using outbox_due|Bitmap Index Scan on outbox_due/.test(text) && !/Seq Scan on outbox/.test(text)
    : /SEARCH o USING (COVERING )?INDEX outbox_due \(status=\? AND next_attempt_at<\?\)/.test(text) && !/SCAN o\b/.test(text);
}

/**
 * One tick's claim at a scale: `ids` (the next pending delivery of as many certificates) come due now, as a tick
 * finds the reminders of one hour; nothing else is due. claimDue(now, 50, …) is timed `samples` times after 3 warm-up
 * calls, each claim undone before the next; then the rows get their planned due times back.
 */
async function measureClaim(engine: Engine, certificates: number, samples: number, ids: readonly string[]): Promise<LatencyResult> {
  const { store } = engine;
  const planned: Array<{ id: string; due_at: number | string }> = [];
  for (let start = 0; start < ids.length; start += 500) {
    const part = ids.slice(start, start + 500);
    planned.push(...(await store.db.query<{ id: string; due_at: number | string }>(
      `SELECT id, due_at FROM outbox WHERE id IN (${placeholders(part.length)})`,
      part,
    )));
  }
  await makeDue(store, ids, Date.now() - 1_000);
  const dueCount = await count(store, "SELECT COUNT(*) AS n FROM outbox WHERE status IN ('pending', 'claimed') AND next_attempt_at <= $1", [
    Date.now(),
  ]);
  const deliveries = await count(store, 'SELECT COUNT(*) AS n FROM outbox');
  const times: number[] = [];
  let claimed = 0;
  let superseded = 0;
  for (let k = -3; k < samples; k += 1) {
    const started = process.hrtime.bigint();
    const batch = await store.outbox.claimDue(new Date(), BATCH, 'bench-latency', LEASE_MS);
    const ms = elapsedMs(started);
    if (k >= 0) {
      times.push(ms);
      claimed += batch.claimed.length;
      superseded += batch.superseded;
    }
    await undoClaims(store);
  }
  const plan = await engine.claimPlan(Date.now());
  await store.db.transaction(async (tx) => {
    for (const row of planned) {
      await tx.execute('UPDATE outbox SET due_at = $2, next_attempt_at = $2 WHERE id = $1', [row.id, Number(row.due_at)]);
    }
  });
  return {
    certificates,
    deliveries,
    due: dueCount,
    claimed: claimed / samples,
    superseded: superseded / samples,
    times,
    plan,
    planOk: planUsesIndex(engine.name, plan),
    scans: fullScans(engine.name, plan),
  };
}

/** The claim at one scale, and again with the engine's what-if schema change when the plan calls for it. */
export async function measureClaimAt(
  engine: Engine,
  certificates: number,
  options: Options,
  take: (n: number) => string[],
): Promise<{ measured: LatencyResult; whatIf: LatencyResult | undefined }> {
  const measured = await measureClaim(engine, certificates, options.samples, take(options.due));
  if (!engine.whatIf || !measured.scans.some((scan) => scan.startsWith('conversations'))) return { measured, whatIf: undefined };
  log(`  ${engine.name}: the claim scans conversations; measuring again with ${engine.whatIf.description} (what-if, dropped after)…`);
  await engine.whatIf.create();
  try {
    return { measured, whatIf: await measureClaim(engine, certificates, options.samples, take(options.due)) };
  } finally {
    await engine.whatIf.drop();
  }
}

/** How much slower the claim is at the largest scale than at the smallest (undefined with one scale only). */
export function ratioOf(rows: readonly LatencyResult[]): number | undefined {
  const first = rows[0];
  const last = rows[rows.length - 1];
  return first && last && rows.length > 1 ? median(last.times) / median(first.times) : undefined;
}

/** What the claim phase reports for one engine. */
export interface ClaimOutcome {
  readonly name: EngineName;
  readonly latency: readonly LatencyResult[];
  /** The same measurements with the engine's what-if schema change, when its plan called for it. */
  readonly whatIf: readonly LatencyResult[];
  readonly whatIfDescription: string | undefined;
}

/** Prints the claim part of "1. Scale"; returns the correctness failures (index not used) and missed targets. */
export function reportClaim(results: readonly ClaimOutcome[], options: Options): { failures: number; missed: number } {
  let failures = 0;
  let missed = 0;
  log('');
  log(
    `Claim: claimDue(now, ${BATCH}, owner, 5 min) — one tick — while ${options.due} deliveries are due (the next reminder of ${options.due} ` +
      `certificates made due now, as a tick finds one hour's reminders; nothing else due); median of ${options.samples} calls after 3 warm-up ` +
      'calls, each claim undone before the next.',
  );
  log(
    `${pad('engine', 12)}${padLeft('certificates', 13)}${padLeft('deliveries', 12)}${padLeft('due', 6)}${padLeft('claimed', 9)}${padLeft('superseded', 12)}` +
      `${padLeft('median ms', 11)}${padLeft('p90 ms', 9)}${padLeft('min–max ms', 15)}   plan`,
  );
  const ratios: Array<{ name: string; ratio: number }> = [];
  const whatIfRatios: Array<{ name: string; ratio: number }> = [];
  const latencyRow = (name: string, row: LatencyResult): void => {
    const sorted = [...row.times].sort((a, b) => a - b);
    const plan = row.planOk ? 'range scan of outbox_due' : 'NOT the (status, next_attempt_at) index';
    log(
      `${pad(name, 12)}${padLeft(int(row.certificates), 13)}${padLeft(int(row.deliveries), 12)}${padLeft(int(row.due), 6)}` +
        `${padLeft(fmt(row.claimed, 0), 9)}${padLeft(fmt(row.superseded, 1), 12)}${padLeft(fmt(quantile(sorted, 0.5), 2), 11)}` +
        `${padLeft(fmt(quantile(sorted, 0.9), 2), 9)}${padLeft(`${fmt(sorted[0] ?? Number.NaN, 2)}–${fmt(sorted[sorted.length - 1] ?? Number.NaN, 2)}`, 15)}   ` +
        `${plan}${row.scans.length > 0 ? `; full scan of ${row.scans.join(', ')}` : ''}`,
    );
  };
  for (const result of results) {
    for (const row of result.latency) {
      latencyRow(result.name, row);
      if (!row.planOk) failures += 1;
    }
    const ratio = ratioOf(result.latency);
    if (ratio !== undefined) ratios.push({ name: result.name, ratio });
  }
  const whatIfs = results.filter((result) => result.whatIf.length > 0);
  for (const result of whatIfs) {
    for (const row of result.whatIf) latencyRow(`${result.name}*`, row);
    const ratio = ratioOf(result.whatIf);
    if (ratio !== undefined) whatIfRatios.push({ name: `${result.name}*`, ratio });
  }
  for (const { name, ratio } of ratios) {
    const ok = ratio <= 2;
    if (!ok) missed += 1;
    log(`${pad(`${name} median ${short(options.certificates)}/${short(Math.round(options.certificates / 10))}`, 38)}${padLeft(`${fmt(ratio, 2)}×`, 8)}   target ≤ 2× ("an index, not a scan")   ${verdict(ok)}`);
  }
  for (const { name, ratio } of whatIfRatios) {
    log(`${pad(`${name} median ${short(options.certificates)}/${short(Math.round(options.certificates / 10))}`, 38)}${padLeft(`${fmt(ratio, 2)}×`, 8)}   (what-if, not counted)`);
  }
  for (const result of whatIfs) {
    const plan = result.latency[result.latency.length - 1]?.plan.join('\n') ?? '';
    const estimate = /on outbox o\s+\(cost=\S+ rows=(\d+)[^)]*\)\s+\(actual time=\S+ rows=(\d+)/.exec(plan);
    log(
      `* ${result.name} what-if, NOT the shipped schema: the same measurement with ${result.whatIfDescription ?? 'a schema change'} ` +
        'created just for it and dropped right after (the other phases run on the shipped schema). Without it the planner reads conversations ' +
        'whole for the NOT EXISTS because it overestimates the due rows' +
        `${estimate ? ` (${int(Number(estimate[1]))} estimated, ${int(Number(estimate[2]))} actual)` : ''}: ` +
        'it cannot know that pending rows lie in the future and sent ones in the past, so a per-candidate probe looks dearer than a scan.',
    );
  }
  for (const result of results) {
    const last = result.latency[result.latency.length - 1];
    if (!last) continue;
    log('');
    log(
      `${result.name} plan of the claim's candidate query at ${short(last.certificates)} certificates ` +
        `(${result.name === 'PostgreSQL' ? 'EXPLAIN (ANALYZE, BUFFERS), after ANALYZE' : 'EXPLAIN QUERY PLAN, no ANALYZE'}):`,
    );
    for (const line of last.plan) log(`    ${line}`);
  }
  return { failures, missed };
}
