/**
 * Phase "load": generated rows bulk-inserted in steps of 5,000 certificates per transaction, the row counts checked
 * against what was generated, and create() one certificate at a time for comparison.
 */
import { randomUUID } from 'node:crypto';
import v8 from 'node:v8';
import vm from 'node:vm';
import { DEFAULT_THRESHOLDS } from '../../src/domain/reminders/certificate';
import { addDays } from '../../src/domain/civil-date';
import { fmt, int, pad, padLeft, short } from '../format';
import { ANCHOR_DATE, elapsedMs, log, type Options } from './common';
import type { Engine, EngineName } from './engines';
import { count, placeholders } from './queries';
import { generate } from './rows';

/**
 * A full garbage collection. The row generator makes hundreds of MB of short-lived garbage (UUID strings, row arrays)
 * that an uncapped heap would keep until it grows; collecting after each chunk keeps the bench's peak RSS about what
 * the process holds, as certibot's own --max-old-space-size does for the bot.
 */
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

const CHUNK = 5_000;

/** One step of the load: the certificates it added, their rows, and how long it took. */
export interface LoadStep {
  certificates: number;
  deliveries: number;
  rows: number;
  ms: number;
}

/** What the tables hold after the load. */
export interface RowCounts {
  certificates: number;
  conversations: number;
  targets: number;
  deliveries: number;
  sent: number;
  pending: number;
}

/** The row counts found, and those generated. */
export interface CountCheck {
  readonly counts: RowCounts;
  readonly expected: { deliveries: number; sent: number; pending: number };
  readonly countsOk: boolean;
}

/**
 * The data loaded into one engine so far, and the certificates whose next reminder a phase may still make due: each
 * is handed out once, so that the phases work on disjoint deliveries.
 */
export class LoadedData {
  readonly steps: LoadStep[] = [];
  private readonly eligible: string[] = [];
  private loaded = 0;
  private sent = 0;
  private pending = 0;

  constructor(private readonly engine: Engine) {}

  /** Loads certificates until `total` are in, then lets the engine settle (PostgreSQL: ANALYZE). */
  async loadTo(total: number): Promise<LoadStep> {
    const started = process.hrtime.bigint();
    let rows = 0;
    let deliveries = 0;
    for (let from = this.loaded; from < total; from += CHUNK) {
      const chunk = generate(from, Math.min(total, from + CHUNK));
      await this.engine.load(chunk.rows);
      collectGarbage();
      this.eligible.push(...chunk.eligible);
      this.sent += chunk.sent;
      this.pending += chunk.pending;
      deliveries += chunk.rows.deliveries.length;
      rows += Object.values(chunk.rows).reduce((n, list) => n + list.length, 0);
    }
    await this.engine.afterLoad();
    const step = { certificates: total - this.loaded, deliveries, rows, ms: elapsedMs(started) };
    this.steps.push(step);
    this.loaded = total;
    return step;
  }

  /** The next pending delivery of `n` certificates not handed out yet. */
  take(n: number): string[] {
    if (this.eligible.length < n) throw new Error(`only ${this.eligible.length} certificates left to make due, ${n} needed: raise --certificates`);
    return this.eligible.splice(0, n);
  }

  /** Counts the rows of each table and compares them with what was generated. */
  async checkCounts(): Promise<CountCheck> {
    const { store } = this.engine;
    const counts: RowCounts = {
      certificates: await count(store, 'SELECT COUNT(*) AS n FROM certificates'),
      conversations: await count(store, 'SELECT COUNT(*) AS n FROM conversations'),
      targets: await count(store, 'SELECT COUNT(*) AS n FROM reminder_targets'),
      deliveries: await count(store, 'SELECT COUNT(*) AS n FROM outbox'),
      sent: await count(store, "SELECT COUNT(*) AS n FROM outbox WHERE status = 'sent'"),
      pending: await count(store, "SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'"),
    };
    const expected = { deliveries: this.sent + this.pending, sent: this.sent, pending: this.pending };
    const countsOk =
      counts.certificates === this.loaded &&
      counts.conversations === this.loaded &&
      counts.targets === this.loaded &&
      counts.deliveries === expected.deliveries &&
      counts.sent === this.sent &&
      counts.pending === this.pending;
    return { counts, expected, countsOk };
  }
}

/** Certificates created one by one through the store, and how long it took. */
export interface CreateSample {
  count: number;
  ms: number;
}

/** create() one certificate at a time (for comparison with the bulk load), then deleted again. */
export async function sampleCreate(engine: Engine, count: number): Promise<CreateSample> {
  const ids: string[] = [];
  const expiry = addDays(ANCHOR_DATE, 4 * 365);
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i += 1) {
    const id = `bench-create-${randomUUID()}`;
    ids.push(id);
    const now = new Date();
    await engine.store.reminders.create(
      {
        id,
        label: `Certificat créé ${i}`,
        finess: '300780038',
        corridor: undefined,
        structure: undefined,
        scope: 'geographique',
        usage: 'MSSante',
        expiryDate: expiry,
        thresholds: DEFAULT_THRESHOLDS,
        weeklyAfterExpiry: false,
        delivery: { hour: 9, workingDaysOnly: false },
        createdBy: `29:bench-create-${i}`,
        createdAt: now,
        updatedAt: now,
      },
      [{ conversationId: `a:bench-create-${i}`, kind: 'personal', userId: `29:bench-create-${i}` }],
      now,
    );
  }
  const ms = elapsedMs(started);
  for (let start = 0; start < ids.length; start += 500) {
    const part = ids.slice(start, start + 500);
    await engine.store.db.execute(`DELETE FROM certificates WHERE id IN (${placeholders(part.length)})`, part);
  }
  return { count, ms };
}

/** What the load phase reports for one engine. */
export interface LoadOutcome extends CountCheck {
  readonly name: EngineName;
  readonly steps: readonly LoadStep[];
  readonly create: CreateSample;
}

/** Prints the load part of "1. Scale"; returns the number of correctness failures (row counts off). */
export function reportLoad(results: readonly LoadOutcome[], options: Options): number {
  let failures = 0;
  log('');
  log('== 1. Scale ==');
  log(
    'Load: rows built with the real schedule (plannedDeliveries) and inserted directly with SQL matching migration 4, 5,000 certificates per ' +
      'transaction — SQLite: multi-row INSERT … VALUES of 100 rows; PostgreSQL: INSERT … SELECT FROM unnest($1::text[], …), one per table.',
  );
  log(`${pad('engine', 12)}${padLeft('step', 14)}${padLeft('certificates', 14)}${padLeft('deliveries', 12)}${padLeft('rows', 10)}${padLeft('s', 8)}${padLeft('rows/s', 10)}`);
  for (const result of results) {
    let total = 0;
    for (const step of result.steps) {
      const label = `${short(total)}→${short(total + step.certificates)}`;
      total += step.certificates;
      log(
        `${pad(result.name, 12)}${padLeft(label, 14)}${padLeft(int(step.certificates), 14)}${padLeft(int(step.deliveries), 12)}${padLeft(int(step.rows), 10)}` +
          `${padLeft(fmt(step.ms / 1000, 1), 8)}${padLeft(int(step.rows / (step.ms / 1000)), 10)}`,
      );
    }
  }
  for (const result of results) {
    const rate = result.create.count / (result.create.ms / 1000);
    log(
      `${result.name}: create() one certificate at a time (for comparison, at ${short(options.certificates)}): ${result.create.count} in ` +
        `${fmt(result.create.ms / 1000, 2)} s = ${int(rate)}/s → ${int(options.certificates)} would take ${fmt(options.certificates / rate / 60, 1)} min`,
    );
  }
  log('');
  log('Row counts after the load (checked against what was generated):');
  for (const result of results) {
    const c = result.counts;
    const ok = result.countsOk;
    if (!ok) failures += 1;
    log(
      `${pad(result.name, 12)}certificates ${int(c.certificates)}, conversations ${int(c.conversations)}, reminder_targets ${int(c.targets)}, ` +
        `outbox ${int(c.deliveries)} (sent ${int(c.sent)} history, pending ${int(c.pending)}; expected ${int(result.expected.deliveries)} = ` +
        `${int(result.expected.sent)} + ${int(result.expected.pending)})   ${ok ? 'OK' : 'MISMATCH'}`,
    );
  }
  return failures;
}
