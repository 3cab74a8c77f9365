/**
 * What the phases of `npm run bench:reminders` share: the settings certibot runs with, the time frame the data is laid
 * out in, the command line, and the cleanups run at the end.
 */
import { parseBenchOptions } from '../options';

// What certibot runs with (src/index.ts): batch, lease, attempts.
export const BATCH = 50;
export const LEASE_MS = 5 * 60_000;
export const MAX_ATTEMPTS = 10;
/** Backoff for the concurrency and crash phases, shorter than production's 2 s…10 min so the retry tail fits the run. */
export const BENCH_BACKOFF = { baseMs: 250, capMs: 4_000 };
export const DAY_MS = 86_400_000;

/** The instant the data is laid out around: deliveries due before CUT are history (sent), the rest pending. */
export const ANCHOR = Date.now();
export const ANCHOR_DATE = new Date(ANCHOR).toISOString().slice(0, 10);
/**
 * Six hours ahead, so that no delivery comes due on its own while the bench runs and no lease of the run reaches
 * past it: the only rows due during the dispatch phases are those the bench makes due.
 */
export const CUT = ANCHOR + 6 * 3_600_000;
/** Every certificate was registered long before its first threshold, so all 7 deliveries are planned. */
export const REGISTERED = ANCHOR - 400 * DAY_MS;

export interface Options {
  certificates: number;
  samples: number;
  due: number;
  dispatch: number;
  concurrent: number;
  workers: number;
  crash: number;
  skipSqlite: boolean;
  strict: boolean;
}

/** The bench's command line (see bench/reminders.ts). */
export function parseOptions(argv: readonly string[]): Options {
  const options = parseBenchOptions<Options>(argv, {
    certificates: 100_000,
    samples: 20,
    due: 200,
    dispatch: 10_000,
    concurrent: 10_000,
    workers: 3,
    crash: 1_000,
    skipSqlite: false,
    strict: false,
  });
  if (options.certificates < 100) throw new Error('--certificates must be at least 100');
  return options;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
export const elapsedMs = (since: bigint): number => Number(process.hrtime.bigint() - since) / 1e6;
export const peakRssMb = (): number => process.resourceUsage().maxRSS / 1024;

/** One line of the report. */
export function log(line = ''): void {
  console.log(line);
}

/** Polls `condition` every `everyMs` until it holds (true) or `timeoutMs` has passed (false). */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number, everyMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() > deadline) return false;
    await sleep(everyMs);
  }
}

/** Undone last first, on success, failure or Ctrl-C. */
const cleanups: Array<{ label: string; run: () => Promise<void> }> = [];

/** Registers something to undo when the bench ends (a temp file, a schema, a connection). */
export function onCleanup(label: string, run: () => Promise<void>): void {
  cleanups.push({ label, run });
}

/** Runs every cleanup, last registered first; a failing one is reported and the others still run. */
export async function cleanupAll(): Promise<void> {
  for (let next = cleanups.pop(); next; next = cleanups.pop()) {
    try {
      await next.run();
    } catch (error) {
      console.error(`cleanup (${next.label}) failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
