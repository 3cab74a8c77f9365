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
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseBenchOptions } from './options';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Client } from 'pg';
import { systemClock } from '../src/domain/clock';
import { DEFAULT_THRESHOLDS, USAGES } from '../src/domain/reminders/certificate';
import { addDays } from '../src/domain/reminders/civil-date';
import type { DeliveryQueue } from '../src/domain/reminders/reminder-repository';
import { plannedDeliveries, type PlannedDelivery } from '../src/domain/reminders/schedule';
import { emptyTickReport, ReminderDispatcher, type TickReport } from '../src/reminders/dispatcher';
import { openStore, type StorageSettings, type Store } from '../src/store';
import { claimCandidatesSql } from '../src/store/reminder-store';
import type { SqlValue } from '../src/store/sql';
import { quantile } from './format';
import {
  BenchConnector,
  BenchReminderSender,
  UNLIMITED_RATE,
  WORKER_ENV,
  type InFlight,
  type WorkerConfig,
  type WorkerStats,
} from './reminders-support';

const WORKER = path.join(__dirname, 'reminders-worker.js');

// What certibot runs with (src/index.ts): batch, lease, attempts.
const BATCH = 50;
const LEASE_MS = 5 * 60_000;
const MAX_ATTEMPTS = 10;
/** Backoff for the concurrency and crash phases, shorter than production's 2 s…10 min so the retry tail fits the run. */
const BENCH_BACKOFF = { baseMs: 250, capMs: 4_000 };
const CRASH_LEASE_MS = 3_000;
const CRASH_CONNECTOR_DELAY_MS = 400;
const DAY_MS = 86_400_000;

/** The instant the data is laid out around: deliveries due before CUT are history (sent), the rest pending. */
const ANCHOR = Date.now();
/**
 * Six hours ahead, so that no delivery comes due on its own while the bench runs and no lease of the run reaches
 * past it: the only rows due during the dispatch phases are those the bench makes due.
 */
const CUT = ANCHOR + 6 * 3_600_000;
/** Every certificate was registered long before its first threshold, so all 7 deliveries are planned. */
const REGISTERED = ANCHOR - 400 * DAY_MS;

interface Options {
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

function parseOptions(argv: readonly string[]): Options {
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

// ───────────────────────────────────────────── output helpers ─────────────────────────────────────────────

const fmt = (value: number, digits = 1): string => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const int = (value: number): string => Math.round(value).toLocaleString('en-US');
const pad = (value: string, width: number): string => value.padEnd(width);
const padLeft = (value: string, width: number): string => value.padStart(width);
const verdict = (ok: boolean): string => (ok ? 'PASS' : 'MISS');
const median = (values: readonly number[]): number => quantile([...values].sort((a, b) => a - b), 0.5);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const elapsedMs = (since: bigint): number => Number(process.hrtime.bigint() - since) / 1e6;
const peakRssMb = (): number => process.resourceUsage().maxRSS / 1024;
/**
 * A full garbage collection. The row generator makes hundreds of MB of short-lived garbage (UUID strings, row arrays)
 * that an uncapped heap would keep until it grows; collecting after each chunk keeps the bench's peak RSS about what
 * the process holds, as certibot's own --max-old-space-size does for the bot.
 */
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;
const short = (count: number): string => (count % 1000 === 0 ? `${count / 1000}k` : int(count));
function log(line = ''): void {
  console.log(line);
}

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number, everyMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() > deadline) return false;
    await sleep(everyMs);
  }
}

/** A small deterministic PRNG (mulberry32), so both engines get the same distribution. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

// ───────────────────────────────────────────── cleanup ─────────────────────────────────────────────

/** Undone last first, on success, failure or Ctrl-C. */
const cleanups: Array<{ label: string; run: () => Promise<void> }> = [];
async function cleanupAll(): Promise<void> {
  for (let next = cleanups.pop(); next; next = cleanups.pop()) {
    try {
      await next.run();
    } catch (error) {
      console.error(`cleanup (${next.label}) failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** Every dispatcher process this bench started, so none outlives it. */
const children = new Set<ChildProcess>();
process.on('exit', () => children.forEach((child) => child.kill('SIGKILL')));

// ───────────────────────────────────────────── data ─────────────────────────────────────────────

interface TableSpec {
  readonly key: 'certificates' | 'conversations' | 'targets' | 'deliveries';
  readonly name: string;
  readonly columns: readonly string[];
  /** PostgreSQL element types, for unnest(). */
  readonly types: readonly string[];
}

/** The columns of migration 4 (and migration 1's conversations) the bench fills; the others stay NULL. */
const TABLES: readonly TableSpec[] = [
  {
    key: 'certificates',
    name: 'certificates',
    columns: [
      'id', 'label', 'finess', 'corridor', 'structure', 'scope', 'usage', 'expiry_date', 'thresholds', 'weekly_after_expiry',
      'delivery_hour', 'working_days_only', 'created_by', 'created_at', 'updated_at',
    ],
    types: ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'integer', 'integer', 'integer', 'text', 'bigint', 'bigint'],
  },
  {
    key: 'conversations',
    name: 'conversations',
    columns: ['conversation_id', 'kind', 'tenant_id', 'user_id', 'service_url', 'reference', 'created_at', 'updated_at'],
    types: ['text', 'text', 'text', 'text', 'text', 'text', 'bigint', 'bigint'],
  },
  {
    key: 'targets',
    name: 'reminder_targets',
    columns: ['certificate_id', 'conversation_id', 'kind', 'user_id', 'created_at'],
    types: ['text', 'text', 'text', 'text', 'bigint'],
  },
  {
    key: 'deliveries',
    name: 'reminder_deliveries',
    columns: [
      'id', 'certificate_id', 'conversation_id', 'expiry_date', 'threshold', 'due_at', 'status', 'attempts', 'next_attempt_at',
      'sent_at', 'activity_id',
    ],
    types: ['text', 'text', 'text', 'text', 'text', 'bigint', 'text', 'integer', 'bigint', 'bigint', 'text'],
  },
];

type Rows = Record<TableSpec['key'], SqlValue[][]>;

interface Chunk {
  readonly rows: Rows;
  /** Per certificate that a phase may make due: its earliest pending delivery (none of its deliveries near the anchor). */
  readonly eligible: string[];
  readonly sent: number;
  readonly pending: number;
}

const ANCHOR_DATE = new Date(ANCHOR).toISOString().slice(0, 10);
const EXPIRY_FROM_DAYS = -30;
const EXPIRY_SPAN_DAYS = 3 * 365 + 31;
const THRESHOLDS_JSON = JSON.stringify(DEFAULT_THRESHOLDS);
const scheduleCache = new Map<string, PlannedDelivery[]>();

/** The real schedule of a certificate, computed once per (expiry, hour, working days). */
function scheduleOf(expiryDate: string, hour: number, workingDaysOnly: boolean): PlannedDelivery[] {
  const key = `${expiryDate}|${hour}|${workingDaysOnly ? 1 : 0}`;
  let planned = scheduleCache.get(key);
  if (!planned) {
    planned = plannedDeliveries(
      { expiryDate, thresholds: DEFAULT_THRESHOLDS, weeklyAfterExpiry: false, delivery: { hour, workingDaysOnly } },
      new Date(REGISTERED),
    );
    scheduleCache.set(key, planned);
  }
  return planned;
}

/**
 * Certificates [from, to): expiry uniform over 30 days ago … 3 years ahead, delivery hour 07–18 Paris, half on working
 * days only, one personal chat each (with its conversation record, as the bot keeps one for every user it talks to).
 */
function generate(from: number, to: number): Chunk {
  const rows: Rows = { certificates: [], conversations: [], targets: [], deliveries: [] };
  const eligible: string[] = [];
  let sent = 0;
  let pending = 0;
  for (let i = from; i < to; i += 1) {
    const random = mulberry32(Math.imul(i + 1, 0x9e3779b1) ^ 0x5eed);
    const certificateId = randomUUID();
    const conversationId = `a:${randomUUID()}`;
    const userId = `29:bench-user-${i}`;
    const expiry = addDays(ANCHOR_DATE, EXPIRY_FROM_DAYS + Math.floor(random() * EXPIRY_SPAN_DAYS));
    const hour = 7 + Math.floor(random() * 12);
    const workingDaysOnly = random() < 0.5;
    const usage = USAGES[Math.floor(random() * USAGES.length)] ?? 'other';
    rows.certificates.push([
      certificateId, `Certificat ${usage} – établissement ${i}`, String(100_000_000 + Math.floor(random() * 899_999_999)), null, null,
      random() < 0.5 ? 'juridique' : 'geographique', usage, expiry, THRESHOLDS_JSON, 0, hour, workingDaysOnly ? 1 : 0, userId,
      REGISTERED, REGISTERED,
    ]);
    rows.conversations.push([
      conversationId, 'personal', 'bench-tenant', userId, 'https://smba.trafficmanager.net/fr/',
      JSON.stringify({ conversation: { id: conversationId }, user: { id: userId } }), REGISTERED, REGISTERED,
    ]);
    rows.targets.push([certificateId, conversationId, 'personal', userId, REGISTERED]);
    let firstPending: string | undefined;
    let nearAnchor = false;
    for (const planned of scheduleOf(expiry, hour, workingDaysOnly)) {
      const id = randomUUID();
      const due = planned.dueAt.getTime();
      if (due >= ANCHOR && due < CUT) nearAnchor = true;
      if (due < CUT) {
        // History: went when it came due (its next_attempt_at is where its claim's lease ended).
        rows.deliveries.push([id, certificateId, conversationId, expiry, planned.threshold, due, 'sent', 1, due + LEASE_MS, due + 1_000, `activity-${id}`]);
        sent += 1;
      } else {
        rows.deliveries.push([id, certificateId, conversationId, expiry, planned.threshold, due, 'pending', 0, due, null, null]);
        firstPending ??= id;
        pending += 1;
      }
    }
    if (firstPending && !nearAnchor) eligible.push(firstPending);
  }
  return { rows, eligible, sent, pending };
}

// ───────────────────────────────────────────── engines ─────────────────────────────────────────────

interface Engine {
  readonly name: 'SQLite' | 'PostgreSQL';
  readonly where: string;
  readonly settings: StorageSettings;
  readonly store: Store;
  /** Inserts one chunk in one transaction. */
  load(rows: Rows): Promise<void>;
  /** What a production engine would have done by itself after a bulk load (PostgreSQL: autovacuum's ANALYZE). */
  afterLoad(): Promise<void>;
  /** The plan of the claim's candidate query at `now`. */
  claimPlan(now: number): Promise<string[]>;
  /** Closes what the engine opened (the database itself is removed by the cleanup). */
  close(): Promise<void>;
  /** A schema change tried when the claim's plan scans conversations (PostgreSQL), created and dropped around one measurement. */
  readonly whatIf?: { readonly description: string; create(): Promise<void>; drop(): Promise<void> };
}

const placeholders = (count: number, first = 1): string => Array.from({ length: count }, (_, i) => `$${first + i}`).join(', ');

async function openSqlite(): Promise<Engine> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'certibot-bench-reminders-'));
  cleanups.push({ label: `remove ${dir}`, run: async () => fs.rmSync(dir, { recursive: true, force: true }) });
  const file = path.join(dir, 'certibot.db');
  const settings: StorageSettings = { engine: 'sqlite', file };
  const store = await openStore(settings, new Date());
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await store.close();
  };
  cleanups.push({ label: 'close SQLite', run: close });
  /** Multi-row INSERTs of 100 rows (well under SQLite's parameter limit), in one transaction per chunk. */
  const load = (rows: Rows): Promise<void> =>
    store.db.transaction(async (tx) => {
      for (const table of TABLES) {
        const all = rows[table.key];
        const width = table.columns.length;
        for (let start = 0; start < all.length; start += 100) {
          const part = all.slice(start, start + 100);
          const values = part.map((_, r) => `(${placeholders(width, r * width + 1)})`).join(', ');
          await tx.execute(`INSERT INTO ${table.name} (${table.columns.join(', ')}) VALUES ${values}`, part.flat());
        }
      }
    });
  return {
    name: 'SQLite',
    where: `temp file ${file}`,
    settings,
    store,
    load,
    // certibot never runs ANALYZE on SQLite: the plan must hold without statistics.
    afterLoad: async () => undefined,
    claimPlan: async (now) =>
      (await store.db.query<{ detail: string }>(`EXPLAIN QUERY PLAN ${claimCandidatesSql('sqlite')}`, [now, BATCH])).map((row) => row.detail),
    close,
  };
}

function urlWithSearchPath(base: string, schema: string): string {
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function openPostgres(): Promise<Engine> {
  const base = process.env.BENCH_DATABASE_URL?.trim() || process.env.TEST_DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const version = await withClient(base, async (client) => {
    await client.query(`CREATE SCHEMA ${schema}`);
    return String((await client.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ?? '?');
  });
  cleanups.push({
    label: `drop schema ${schema}`,
    run: () => withClient(base, async (client) => void (await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`))),
  });
  const url = urlWithSearchPath(base, schema);
  const settings: StorageSettings = { engine: 'postgres', url };
  const store = await openStore(settings, new Date());
  // A plain connection for the bulk load: arrays are not SqlValues.
  const loader = new Client({ connectionString: url });
  await loader.connect();
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await loader.end().catch(() => undefined);
    await store.close();
  };
  cleanups.push({ label: 'close PostgreSQL connections', run: close });
  /** One INSERT … SELECT FROM unnest($1::text[], …) per table, in one transaction per chunk. */
  const load = async (rows: Rows): Promise<void> => {
    await loader.query('BEGIN');
    try {
      for (const table of TABLES) {
        const all = rows[table.key];
        const arrays = table.columns.map((_, c) => all.map((row) => row[c] ?? null));
        const unnest = table.types.map((type, i) => `$${i + 1}::${type}[]`).join(', ');
        await loader.query(`INSERT INTO ${table.name} (${table.columns.join(', ')}) SELECT * FROM unnest(${unnest})`, arrays);
      }
      await loader.query('COMMIT');
    } catch (error) {
      await loader.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  };
  return {
    name: 'PostgreSQL',
    where: `PostgreSQL ${version}, schema ${schema}`,
    settings,
    store,
    load,
    afterLoad: async () => void (await loader.query('ANALYZE')),
    claimPlan: async (now) =>
      (
        await store.db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${claimCandidatesSql('postgres')}`, [now, BATCH])
      ).map((row) => row['QUERY PLAN']),
    close,
    whatIf: {
      description: 'a partial index conversations (conversation_id) WHERE unreachable_reason IS NOT NULL',
      create: async () => {
        await loader.query('CREATE INDEX bench_conversations_unreachable ON conversations (conversation_id) WHERE unreachable_reason IS NOT NULL');
        await loader.query('ANALYZE conversations');
      },
      drop: async () => {
        await loader.query('DROP INDEX bench_conversations_unreachable');
        await loader.query('ANALYZE conversations');
      },
    },
  };
}

/** Tables the plan reads whole (PostgreSQL "Seq Scan on t", SQLite "SCAN t"), with the rows a PostgreSQL filter threw away. */
function fullScans(engine: Engine['name'], plan: readonly string[]): string[] {
  const scans: string[] = [];
  plan.forEach((line, index) => {
    const match = engine === 'PostgreSQL' ? /Seq Scan on (\w+)/.exec(line) : /^\s*SCAN (\w+)/.exec(line);
    if (!match?.[1]) return;
    const removed = plan.slice(index + 1, index + 4).map((next) => /Rows Removed by Filter: (\d+)/.exec(next)?.[1]).find(Boolean);
    scans.push(`${match[1]}${removed ? ` (${int(Number(removed))} rows)` : ''}`);
  });
  return scans;
}

function planUsesIndex(engine: Engine['name'], plan: readonly string[]): boolean {
  const text = plan.join('\n');
  return engine === 'PostgreSQL'
    ? /Index (Only )?Scan using reminder_deliveries_due|Bitmap Index Scan on reminder_deliveries_due/.test(text) &&
        !/Seq Scan on reminder_deliveries/.test(text)
    : /SEARCH d USING (COVERING )?INDEX reminder_deliveries_due \(status=\? AND next_attempt_at<\?\)/.test(text) && !/SCAN d\b/.test(text);
}

// ───────────────────────────────────────────── queries ─────────────────────────────────────────────

async function count(store: Store, sql: string, params: SqlValue[] = []): Promise<number> {
  const rows = await store.db.query<{ n: number | string }>(sql, params);
  return Number(rows[0]?.n ?? 0);
}

/** The status of each of `ids`. */
async function statusOf(store: Store, ids: readonly string[]): Promise<Map<string, string>> {
  const statuses = new Map<string, string>();
  for (let start = 0; start < ids.length; start += 500) {
    const part = ids.slice(start, start + 500);
    const rows = await store.db.query<{ id: string; status: string }>(
      `SELECT id, status FROM reminder_deliveries WHERE id IN (${placeholders(part.length)})`,
      part,
    );
    for (const row of rows) statuses.set(row.id, row.status);
  }
  return statuses;
}

async function countSent(store: Store, ids: readonly string[]): Promise<number> {
  let sent = 0;
  for (const status of (await statusOf(store, ids)).values()) if (status === 'sent') sent += 1;
  return sent;
}

/** Makes pending deliveries due at `at` (they came due): due_at and next_attempt_at both. */
async function makeDue(store: Store, ids: readonly string[], at: number): Promise<void> {
  const changed = await store.db.transaction(async (tx) => {
    let n = 0;
    for (let start = 0; start < ids.length; start += 500) {
      const part = ids.slice(start, start + 500);
      n += await tx.execute(
        `UPDATE reminder_deliveries SET due_at = $1, next_attempt_at = $1 WHERE status = 'pending' AND id IN (${placeholders(part.length, 2)})`,
        [at, ...part],
      );
    }
    return n;
  });
  if (changed !== ids.length) throw new Error(`made ${changed} of ${ids.length} deliveries due`);
}

/** Puts back what a measured claim changed: claimed rows pending again at their due time, superseded ones unskipped. */
async function undoClaims(store: Store): Promise<void> {
  await store.db.transaction(async (tx) => {
    await tx.execute(
      "UPDATE reminder_deliveries SET status = 'pending', next_attempt_at = due_at, lease_owner = NULL, lease_until = NULL WHERE status = 'claimed'",
    );
    await tx.execute("UPDATE reminder_deliveries SET status = 'pending', last_error = NULL WHERE status = 'skipped' AND last_error = 'superseded'");
  });
}

// ───────────────────────────────────────────── phases ─────────────────────────────────────────────

interface LoadStep {
  certificates: number;
  deliveries: number;
  rows: number;
  ms: number;
}

interface LatencyResult {
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
      `SELECT id, due_at FROM reminder_deliveries WHERE id IN (${placeholders(part.length)})`,
      part,
    )));
  }
  await makeDue(store, ids, Date.now() - 1_000);
  const dueCount = await count(store, "SELECT COUNT(*) AS n FROM reminder_deliveries WHERE status IN ('pending', 'claimed') AND next_attempt_at <= $1", [
    Date.now(),
  ]);
  const deliveries = await count(store, 'SELECT COUNT(*) AS n FROM reminder_deliveries');
  const times: number[] = [];
  let claimed = 0;
  let superseded = 0;
  for (let k = -3; k < samples; k += 1) {
    const started = process.hrtime.bigint();
    const batch = await store.reminders.claimDue(new Date(), BATCH, 'bench-latency', LEASE_MS);
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
      await tx.execute('UPDATE reminder_deliveries SET due_at = $2, next_attempt_at = $2 WHERE id = $1', [row.id, Number(row.due_at)]);
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

interface CreateSample {
  count: number;
  ms: number;
}

/** create() one certificate at a time (for comparison with the bulk load), then deleted again. */
async function sampleCreate(engine: Engine, count: number): Promise<CreateSample> {
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

interface ThroughputResult {
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
async function dispatchThroughput(engine: Engine, connector: BenchConnector, ids: readonly string[]): Promise<ThroughputResult> {
  connector.reset({ failRate: 0, delayMs: 0 });
  await makeDue(engine.store, ids, Date.now() - 1_000);
  const claimTimes: number[] = [];
  const queue: DeliveryQueue = {
    claimDue: async (now, limit, owner, leaseMs) => {
      const started = process.hrtime.bigint();
      const batch = await engine.store.reminders.claimDue(now, limit, owner, leaseMs);
      claimTimes.push(elapsedMs(started));
      return batch;
    },
    complete: (deliveryId, owner, completion, now) => engine.store.reminders.complete(deliveryId, owner, completion, now),
  };
  const dispatcher = new ReminderDispatcher({
    repo: queue,
    sender: new BenchReminderSender(connector.url),
    clock: systemClock,
    owner: `bench-throughput-${engine.name}`,
    batchSize: BATCH,
    leaseMs: LEASE_MS,
    globalRatePerSecond: UNLIMITED_RATE,
    perConversationPerSecond: UNLIMITED_RATE,
    maxAttempts: MAX_ATTEMPTS,
    onUnreachable: () => Promise.resolve(),
  });
  const report = emptyTickReport();
  let batches = 0;
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  for (;;) {
    const tick = await dispatcher.tick();
    if (tick.claimed === 0 && tick.superseded === 0) break;
    batches += 1;
    for (const key of Object.keys(report) as Array<keyof TickReport>) report[key] += tick[key];
  }
  const ms = elapsedMs(started);
  const used = process.cpuUsage(cpu);
  const tally = connector.tally(ids);
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

interface WorkerHandle {
  readonly owner: string;
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
  go(): void;
  /** SIGTERM: the batch in flight finishes; answers the worker's report. */
  stop(): Promise<WorkerStats | undefined>;
}

function startWorker(config: WorkerConfig): Promise<WorkerHandle> {
  const child = spawn(process.execPath, [WORKER], {
    env: { ...process.env, [WORKER_ENV]: JSON.stringify(config) },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  children.add(child);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      children.delete(child);
      resolve();
    }),
  );
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
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
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

interface ConcurrencyResult {
  deliveries: number;
  workers: number;
  ms: number;
  finished: boolean;
  posts: number;
  statuses: Map<number, number>;
  duplicates: number;
  duplicateIds: string[];
  lost: number;
  notSent: Map<string, number>;
  stats: Array<WorkerStats | undefined>;
}

/** `workers` dispatcher processes on one database, a connector refusing 20% of calls: every delivery exactly once. */
async function concurrency(engine: Engine, connector: BenchConnector, ids: readonly string[], workers: number): Promise<ConcurrencyResult> {
  connector.reset({ failRate: 0.2, delayMs: 0 });
  await makeDue(engine.store, ids, Date.now() - 1_000);
  const handles: WorkerHandle[] = [];
  try {
    for (let k = 1; k <= workers; k += 1) {
      handles.push(
        await startWorker({
          storage: engine.settings,
          owner: `bench-worker-${k}`,
          connectorUrl: connector.url,
          batchSize: BATCH,
          leaseMs: LEASE_MS,
          intervalMs: 200,
          maxAttempts: MAX_ATTEMPTS,
          backoff: BENCH_BACKOFF,
        }),
      );
    }
    const started = process.hrtime.bigint();
    for (const handle of handles) handle.go();
    const finished = await waitFor(async () => (await countSent(engine.store, ids)) === ids.length, 150_000, 500);
    const ms = elapsedMs(started);
    const stats = await Promise.all(handles.map((handle) => handle.stop()));
    const statuses = await statusOf(engine.store, ids);
    const tally = connector.tally(ids);
    const notSent = new Map<string, number>();
    let lost = 0;
    for (const id of ids) {
      const status = statuses.get(id) ?? 'missing';
      if (status !== 'sent') notSent.set(status, (notSent.get(status) ?? 0) + 1);
      if (status !== 'sent' || (connector.delivered.get(id) ?? 0) === 0) lost += 1;
    }
    return {
      deliveries: ids.length,
      workers,
      ms,
      finished,
      posts: connector.posts(),
      statuses: new Map(connector.statuses),
      duplicates: tally.duplicates,
      duplicateIds: tally.duplicateIds,
      lost,
      notSent,
      stats,
    };
  } finally {
    await Promise.all(handles.map((handle) => handle.stop()));
  }
}

interface CrashResult {
  deliveries: number;
  deliveredAtKill: number;
  inFlightAtKill: number;
  abandoned: number;
  claimedByKilled: number;
  duplicates: number;
  duplicatesOutsideInFlight: number;
  lost: number;
  /** From the kill to the re-send of the first / last delivery that was in flight. */
  /** From the kill to the end of the dead process's lease. */
  leaseEndsMs: number;
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
async function crash(engine: Engine, connector: BenchConnector, ids: readonly string[]): Promise<CrashResult> {
  connector.reset({ failRate: 0, delayMs: CRASH_CONNECTOR_DELAY_MS });
  await makeDue(engine.store, ids, Date.now() - 1_000);
  const config = (owner: string): WorkerConfig => ({
    storage: engine.settings,
    owner,
    connectorUrl: connector.url,
    batchSize: BATCH,
    leaseMs: CRASH_LEASE_MS,
    intervalMs: 100,
    maxAttempts: MAX_ATTEMPTS,
    backoff: BENCH_BACKOFF,
  });
  const handles: WorkerHandle[] = [];
  try {
    const first = await startWorker(config(`bench-crash-${engine.name}-1`));
    handles.push(first);
    first.go();
    const killAfter = Math.floor(ids.length / 3);
    // A whole batch has arrived (nothing for 100 ms) and none of it is answered yet (the connector waits 400 ms).
    const armed = await waitFor(
      () => connector.delivered.size >= killAfter && connector.inFlight.size > 0 && Date.now() - connector.lastArrival >= 100,
      60_000,
      2,
    );
    if (!armed) throw new Error('the first dispatcher never had a batch in flight after sending a third');
    const inFlight: InFlight[] = [...connector.inFlight.values()];
    const deliveredAtKill = connector.delivered.size;
    first.child.kill('SIGKILL');
    const killedAt = Date.now();
    await first.exited;
    await waitFor(() => connector.inFlight.size === 0, 2_000, 10);
    const claimedByKilled = await count(
      engine.store,
      "SELECT COUNT(*) AS n FROM reminder_deliveries WHERE status = 'claimed' AND lease_owner = $1",
      [first.owner],
    );
    const leaseEnd = await count(
      engine.store,
      "SELECT MAX(lease_until) AS n FROM reminder_deliveries WHERE status = 'claimed' AND lease_owner = $1",
      [first.owner],
    );
    const second = await startWorker(config(`bench-crash-${engine.name}-2`));
    handles.push(second);
    second.go();
    const finished = await waitFor(async () => (await countSent(engine.store, ids)) === ids.length, 90_000, 200);
    const recoveredMs = Date.now() - killedAt;
    const stats = await second.stop();
    const statuses = await statusOf(engine.store, ids);
    const tally = connector.tally(ids);
    const inFlightIds = new Set(inFlight.map((entry) => entry.deliveryId));
    const resent = [...inFlightIds].flatMap((id) => (connector.arrivals.get(id) ?? []).filter((at) => at > killedAt).slice(0, 1));
    return {
      deliveries: ids.length,
      deliveredAtKill,
      inFlightAtKill: inFlight.length,
      abandoned: connector.abandoned.length,
      claimedByKilled,
      duplicates: tally.duplicates,
      duplicatesOutsideInFlight: tally.duplicateIds.filter((id) => !inFlightIds.has(id)).length,
      lost: ids.filter((id) => statuses.get(id) !== 'sent' || (connector.delivered.get(id) ?? 0) === 0).length,
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

// ───────────────────────────────────────────── one engine ─────────────────────────────────────────────

interface EngineResult {
  name: Engine['name'];
  where: string;
  steps: LoadStep[];
  counts: { certificates: number; conversations: number; targets: number; deliveries: number; sent: number; pending: number };
  expected: { deliveries: number; sent: number; pending: number };
  countsOk: boolean;
  latency: LatencyResult[];
  /** The same measurements with the engine's what-if schema change, when its plan called for it. */
  whatIf: LatencyResult[];
  whatIfDescription: string | undefined;
  create: CreateSample;
  throughput: ThroughputResult;
  concurrency: ConcurrencyResult | undefined;
  crash: CrashResult;
  memory: MemoryMark[];
}

interface MemoryMark {
  label: string;
  rssMb: number;
  peakMb: number;
}

async function runEngine(engine: Engine, options: Options, connector: BenchConnector): Promise<EngineResult> {
  const stages = [...new Set([Math.round(options.certificates / 10), Math.round(options.certificates / 2), options.certificates])];
  const chunkSize = 5_000;
  const steps: LoadStep[] = [];
  const latency: LatencyResult[] = [];
  const whatIf: LatencyResult[] = [];
  const eligible: string[] = [];
  let loaded = 0;
  let sent = 0;
  let pending = 0;
  const memory: MemoryMark[] = [];
  const mark = (label: string): void => void memory.push({ label, rssMb: process.memoryUsage().rss / 1_048_576, peakMb: peakRssMb() });
  // Disjoint sets of deliveries that the measurements make due (each certificate once).
  const take = (n: number): string[] => {
    if (eligible.length < n) throw new Error(`only ${eligible.length} certificates left to make due, ${n} needed: raise --certificates`);
    return eligible.splice(0, n);
  };
  for (const stage of stages) {
    const started = process.hrtime.bigint();
    let rows = 0;
    let deliveries = 0;
    for (let from = loaded; from < stage; from += chunkSize) {
      const chunk = generate(from, Math.min(stage, from + chunkSize));
      await engine.load(chunk.rows);
      collectGarbage();
      eligible.push(...chunk.eligible);
      sent += chunk.sent;
      pending += chunk.pending;
      deliveries += chunk.rows.deliveries.length;
      rows += Object.values(chunk.rows).reduce((n, list) => n + list.length, 0);
    }
    await engine.afterLoad();
    const step = { certificates: stage - loaded, deliveries, rows, ms: elapsedMs(started) };
    steps.push(step);
    loaded = stage;
    log(
      `  ${engine.name}: loaded ${int(step.certificates)} more certificates (${int(rows)} rows) in ${fmt(step.ms / 1000, 1)} s; ` +
        `measuring claimDue at ${int(stage)} certificates…`,
    );
    const measured = await measureClaim(engine, stage, options.samples, take(options.due));
    latency.push(measured);
    if (engine.whatIf && measured.scans.some((scan) => scan.startsWith('conversations'))) {
      log(`  ${engine.name}: the claim scans conversations; measuring again with ${engine.whatIf.description} (what-if, dropped after)…`);
      await engine.whatIf.create();
      try {
        whatIf.push(await measureClaim(engine, stage, options.samples, take(options.due)));
      } finally {
        await engine.whatIf.drop();
      }
    }
  }
  const { store } = engine;
  const counts = {
    certificates: await count(store, 'SELECT COUNT(*) AS n FROM certificates'),
    conversations: await count(store, 'SELECT COUNT(*) AS n FROM conversations'),
    targets: await count(store, 'SELECT COUNT(*) AS n FROM reminder_targets'),
    deliveries: await count(store, 'SELECT COUNT(*) AS n FROM reminder_deliveries'),
    sent: await count(store, "SELECT COUNT(*) AS n FROM reminder_deliveries WHERE status = 'sent'"),
    pending: await count(store, "SELECT COUNT(*) AS n FROM reminder_deliveries WHERE status = 'pending'"),
  };
  const expected = { deliveries: sent + pending, sent, pending };
  const countsOk =
    counts.certificates === options.certificates &&
    counts.conversations === options.certificates &&
    counts.targets === options.certificates &&
    counts.deliveries === expected.deliveries &&
    counts.sent === sent &&
    counts.pending === pending;

  mark(`loaded ${short(options.certificates)}`);
  log(`  ${engine.name}: create() one by one, 500 certificates…`);
  const create = await sampleCreate(engine, 500);

  log(`  ${engine.name}: dispatching ${int(options.dispatch)} due deliveries (one dispatcher, this process)…`);
  const throughput = await dispatchThroughput(engine, connector, take(options.dispatch));
  mark('dispatched');
  let concurrencyResult: ConcurrencyResult | undefined;
  if (engine.name === 'PostgreSQL') {
    log(`  ${engine.name}: ${options.workers} dispatcher processes, ${int(options.concurrent)} due deliveries, 20% refused…`);
    concurrencyResult = await concurrency(engine, connector, take(options.concurrent), options.workers);
  }
  log(`  ${engine.name}: crash — killing a dispatcher process with a batch in flight…`);
  const crashResult = await crash(engine, connector, take(options.crash));
  mark('end');
  return {
    name: engine.name,
    where: engine.where,
    steps,
    counts,
    expected,
    countsOk,
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

// ───────────────────────────────────────────── report ─────────────────────────────────────────────

function report(results: readonly EngineResult[], options: Options, benchStarted: number): number {
  let failures = 0;
  let missed = 0;
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
        `reminder_deliveries ${int(c.deliveries)} (sent ${int(c.sent)} history, pending ${int(c.pending)}; expected ${int(result.expected.deliveries)} = ` +
        `${int(result.expected.sent)} + ${int(result.expected.pending)})   ${ok ? 'OK' : 'MISMATCH'}`,
    );
  }

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
    const plan = row.planOk ? 'range scan of reminder_deliveries_due' : 'NOT the (status, next_attempt_at) index';
    log(
      `${pad(name, 12)}${padLeft(int(row.certificates), 13)}${padLeft(int(row.deliveries), 12)}${padLeft(int(row.due), 6)}` +
        `${padLeft(fmt(row.claimed, 0), 9)}${padLeft(fmt(row.superseded, 1), 12)}${padLeft(fmt(quantile(sorted, 0.5), 2), 11)}` +
        `${padLeft(fmt(quantile(sorted, 0.9), 2), 9)}${padLeft(`${fmt(sorted[0] ?? Number.NaN, 2)}–${fmt(sorted[sorted.length - 1] ?? Number.NaN, 2)}`, 15)}   ` +
        `${plan}${row.scans.length > 0 ? `; full scan of ${row.scans.join(', ')}` : ''}`,
    );
  };
  const ratioOf = (rows: readonly LatencyResult[]): number | undefined => {
    const first = rows[0];
    const last = rows[rows.length - 1];
    return first && last && rows.length > 1 ? median(last.times) / median(first.times) : undefined;
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
    const estimate = /on reminder_deliveries d\s+\(cost=\S+ rows=(\d+)[^)]*\)\s+\(actual time=\S+ rows=(\d+)/.exec(plan);
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

  log('');
  log(
    `Dispatch: the real ReminderDispatcher (batch ${BATCH}, lease 5 min, rate limits lifted) in this process, the real ConnectorClient, ` +
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
  const pg = results.find((result) => result.concurrency);
  const c = pg?.concurrency;
  if (c) {
    log('');
    log('== 2. Concurrency ==');
    log(
      `${c.workers} dispatcher processes (batch ${BATCH}, lease 5 min, ${MAX_ATTEMPTS} attempts, backoff ${BENCH_BACKOFF.baseMs} ms…${BENCH_BACKOFF.capMs / 1000} s, ` +
        `rate limits lifted) on one PostgreSQL schema, ${int(c.deliveries)} due deliveries; the connector refuses 20% of calls at random ` +
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

  const concurrencyOk = c !== undefined && c.finished && c.duplicates === 0 && c.lost === 0;
  if (!concurrencyOk) failures += 1;
  log('');
  const throughputs = results.map((r) => `${r.name} ${int(r.throughput.sent / (r.throughput.ms / 1000))}/s`).join(', ');
  const claimAtMax = results
    .map((r) => `${r.name} ${fmt(median(r.latency[r.latency.length - 1]?.times ?? []), 2)} ms (${fmt(ratios.find((x) => x.name === r.name)?.ratio ?? Number.NaN, 2)}× of ${short(Math.round(options.certificates / 10))})`)
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

// ───────────────────────────────────────────── main ─────────────────────────────────────────────

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
  const connector = await BenchConnector.start(mulberry32(0xc0ffee));
  cleanups.push({ label: 'close the connector', run: () => connector.close() });
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
    children.forEach((child) => child.kill('SIGKILL'));
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
    children.forEach((child) => child.kill('SIGKILL'));
    await cleanupAll();
    console.log('duplicates=? lost=?');
    process.exit(1);
  });
