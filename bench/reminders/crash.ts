/**
 * Phase "crash with SIGKILL": a dispatcher process killed with a whole batch in flight, another started at once; once
 * the dead process's lease runs out everything is delivered, re-sending at most what was in flight.
 */
import type { FakeConnector } from '../../toolkit/fake-connector';
import { fmt, int } from '../format';
import type { WorkerStats } from '../reminders-support';
import { BATCH, log, waitFor } from './common';
import type { Engine, EngineName } from './engines';
import { count, countSent, makeDue, statusOf } from './queries';
import { lostDeliveries, startWorker, workerConfig, type WorkerHandle } from './workers';

const CRASH_LEASE_MS = 3_000;
/** The connector answers this late, so that a batch is in flight when the dispatcher is killed. */
const CRASH_CONNECTOR_DELAY_MS = 400;

/** What happened around the kill, and after. */
export interface CrashResult {
  deliveries: number;
  deliveredAtKill: number;
  inFlightAtKill: number;
  abandoned: number;
  claimedByKilled: number;
  duplicates: number;
  duplicatesOutsideInFlight: number;
  lost: number;
  /** From the kill to the end of the dead process's lease. */
  leaseEndsMs: number;
  /** From the kill to the re-send of the first / last delivery that was in flight. */
  resentFromMs: number;
  resentUntilMs: number;
  recoveredMs: number;
  finished: boolean;
  second: WorkerStats | undefined;
}

/**
 * A dispatcher process with a batch in flight (slow connector) killed by SIGKILL once it has sent about a third; a
 * second one started at once. The lease is 3 s: the killed process's batch is claimable again 3 s after its claim.
 */
export async function crash(engine: Engine, connector: FakeConnector, ids: readonly string[]): Promise<CrashResult> {
  connector.reset();
  connector.inject({ delayMs: CRASH_CONNECTOR_DELAY_MS });
  await makeDue(engine.store, ids, Date.now() - 1_000, connector.serviceUrl);
  const config = (owner: string) => workerConfig(engine, connector, owner, { leaseMs: CRASH_LEASE_MS, intervalMs: 100 });
  const lastArrival = (): number => connector.calls.at(-1)?.receivedAt ?? 0;
  const handles: WorkerHandle[] = [];
  try {
    const first = await startWorker(config(`bench-crash-${engine.name}-1`));
    handles.push(first);
    first.go();
    const killAfter = Math.floor(ids.length / 3);
    // A whole batch has arrived (nothing for 100 ms) and none of it is answered yet (the connector waits 400 ms).
    const armed = await waitFor(
      () => connector.items.deliveredItems >= killAfter && connector.inFlight().length > 0 && Date.now() - lastArrival() >= 100,
      60_000,
      2,
    );
    if (!armed) throw new Error('the first dispatcher never had a batch in flight after sending a third');
    const inFlight = connector.inFlight();
    const deliveredAtKill = connector.items.deliveredItems;
    first.child.kill('SIGKILL');
    const killedAt = Date.now();
    await first.exited;
    await waitFor(() => connector.inFlight().length === 0, 2_000, 10);
    const claimedByKilled = await count(
      engine.store,
      "SELECT COUNT(*) AS n FROM outbox WHERE status = 'claimed' AND lease_owner = $1",
      [first.owner],
    );
    const leaseEnd = await count(
      engine.store,
      "SELECT MAX(lease_until) AS n FROM outbox WHERE status = 'claimed' AND lease_owner = $1",
      [first.owner],
    );
    const second = await startWorker(config(`bench-crash-${engine.name}-2`));
    handles.push(second);
    second.go();
    const finished = await waitFor(async () => (await countSent(engine.store, ids)) === ids.length, 90_000, 200);
    const recoveredMs = Date.now() - killedAt;
    const stats = await second.stop();
    const statuses = await statusOf(engine.store, ids);
    const tally = connector.items.tally(ids);
    const inFlightIds = new Set(inFlight.map((call) => call.itemKey));
    const resent = [...inFlightIds].flatMap((id) => (id === undefined ? [] : (connector.items.get(id)?.arrivals ?? [])).filter((at) => at > killedAt).slice(0, 1));
    return {
      deliveries: ids.length,
      deliveredAtKill,
      inFlightAtKill: inFlight.length,
      abandoned: connector.calls.filter((call) => call.abandoned).length,
      claimedByKilled,
      duplicates: tally.duplicates,
      duplicatesOutsideInFlight: tally.duplicateKeys.filter((id) => !inFlightIds.has(id)).length,
      lost: lostDeliveries(ids, statuses, connector).length,
      leaseEndsMs: leaseEnd > 0 ? leaseEnd - killedAt : Number.NaN,
      resentFromMs: resent.length > 0 ? Math.min(...resent) - killedAt : Number.NaN,
      resentUntilMs: resent.length > 0 ? Math.max(...resent) - killedAt : Number.NaN,
      recoveredMs,
      finished,
      second: stats,
    };
  } finally {
    for (const handle of handles) handle.child.kill('SIGKILL');
    await Promise.all(handles.map((handle) => handle.exited));
  }
}

/** Prints "3. Crash"; returns the number of engines where a delivery was lost, or re-sent without having been in flight. */
export function reportCrash(results: ReadonlyArray<{ readonly name: EngineName; readonly crash: CrashResult }>): number {
  let failures = 0;
  log('');
  log('== 3. Crash ==');
  log(
    `A dispatcher process (batch ${BATCH}, lease ${CRASH_LEASE_MS / 1000} s) killed with SIGKILL once a third was sent, with a whole batch in flight ` +
      `(the connector answers after ${CRASH_CONNECTOR_DELAY_MS} ms and counts a post as delivered on arrival); a second dispatcher process started at once.`,
  );
  for (const result of results) {
    const k = result.crash;
    const ok = k.finished && k.lost === 0 && k.duplicates <= k.inFlightAtKill && k.duplicatesOutsideInFlight === 0;
    if (!ok) failures += 1;
    log(
      `${result.name}: ${int(k.deliveries)} due; at the kill ${int(k.deliveredAtKill - k.inFlightAtKill)} answered, ${k.inFlightAtKill} in flight ` +
        `(${k.abandoned} connections dropped unanswered), ${k.claimedByKilled} rows left claimed by the dead process, ` +
        `their lease ending ${fmt(k.leaseEndsMs / 1000, 1)} s after the kill; re-sent ${fmt(k.resentFromMs / 1000, 1)}–${fmt(k.resentUntilMs / 1000, 1)} s ` +
        'after the kill (the second dispatcher takes due rows in next_attempt_at order: older due ones first); ' +
        `all sent ${fmt(k.recoveredMs / 1000, 1)} s after the kill${k.finished ? '' : ' — TIMED OUT'}` +
        `${k.duplicatesOutsideInFlight > 0 ? `; ${k.duplicatesOutsideInFlight} duplicates were NOT in flight` : ''}` +
        `${k.second?.errors ? `; second dispatcher errors: ${k.second.errors} (${k.second.firstError ?? ''})` : ''}`,
    );
    log(`crash: lost=${k.lost} duplicates=${k.duplicates} (in-flight at kill: ${k.inFlightAtKill}) [${result.name}] ${ok ? 'OK' : 'FAIL'}`);
  }
  return failures;
}
