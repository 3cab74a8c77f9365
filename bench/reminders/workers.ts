/** Dispatcher processes (bench/reminders-worker.ts) for the concurrency and crash phases: started, set going, stopped. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { FakeConnector } from '../../toolkit/fake-connector';
import { exited as exitOf, stopChild, track } from '../processes';
import { WORKER_ENV, type WorkerConfig, type WorkerStats } from '../reminders-support';
import { BATCH, BENCH_BACKOFF, MAX_ATTEMPTS } from './common';
import type { Engine } from './engines';

/** The worker's entry point (this file runs as dist/bench/reminders/workers.js). */
export const WORKER = path.join(__dirname, '..', 'reminders-worker.js');

/** A dispatcher process, ready. */
export interface WorkerHandle {
  readonly owner: string;
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
  go(): void;
  /** SIGTERM: the batch in flight finishes; answers the worker's report. */
  stop(): Promise<WorkerStats | undefined>;
}

/** What a dispatcher process of the bench runs with: the engine's database, the loopback connector, certibot's batch. */
export function workerConfig(
  engine: Engine,
  connector: FakeConnector,
  owner: string,
  timing: { readonly leaseMs: number; readonly intervalMs: number },
): WorkerConfig {
  return {
    storage: engine.settings,
    owner,
    connectorUrl: connector.serviceUrl,
    batchSize: BATCH,
    leaseMs: timing.leaseMs,
    intervalMs: timing.intervalMs,
    maxAttempts: MAX_ATTEMPTS,
    backoff: BENCH_BACKOFF,
  };
}

/** Starts a dispatcher process and resolves once it says READY (it ticks only after go()). */
export function startWorker(config: WorkerConfig): Promise<WorkerHandle> {
  const child = track(
    spawn(process.execPath, [WORKER], {
      env: { ...process.env, [WORKER_ENV]: JSON.stringify(config) },
      stdio: ['pipe', 'pipe', 'inherit'],
    }),
  );
  const exited = exitOf(child);
  let output = '';
  let stats: WorkerStats | undefined;
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    output += chunk;
    const line = /^STATS (.+)$/m.exec(output);
    if (line?.[1]) stats = JSON.parse(line[1]) as WorkerStats;
  });
  const handle: WorkerHandle = {
    owner: config.owner,
    child,
    exited,
    go: () => void child.stdin?.write('go\n'),
    stop: async () => {
      await stopChild(child, 15_000);
      return stats;
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${config.owner} not ready within 30 s`)), 30_000);
    void exited.then(() => reject(new Error(`${config.owner} exited with code ${String(child.exitCode)} before it was ready`)));
    const ready = (): void => {
      if (/^READY$/m.test(output)) {
        clearTimeout(timer);
        child.stdout?.off('data', ready);
        resolve(handle);
      }
    };
    child.stdout?.on('data', ready);
  });
}

/** Deliveries lost: not 'sent' in the database, or never accepted by the connector. */
export function lostDeliveries(ids: readonly string[], statuses: ReadonlyMap<string, string>, connector: FakeConnector): string[] {
  return ids.filter((id) => statuses.get(id) !== 'sent' || connector.items.deliveries(id) === 0);
}
