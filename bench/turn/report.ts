/** The turn benchmark's report: per-bot latency and throughput, the targets against the echo bot, one summary line. */
import os from 'node:os';
import { fmt, median, pad, padLeft, quantile, verdict } from '../format';
import { BOT_LABELS, type BotName, type HostedBot } from './bots';

/** What one bot did over the run. */
export interface BotTotals {
  latencies: number[];
  /** Requests in the measured rounds. */
  requests: number;
  elapsedMs: number;
  failures: number;
  roundRates: number[];
  replies: number;
  botCpuMs: number;
  /** Every turn the process served, warm-up and top-up included. */
  served: number;
  rssAfter: number;
  rssPeak: number | undefined;
}

/** Totals before the first request. */
export const emptyTotals = (): BotTotals => ({
  latencies: [],
  requests: 0,
  elapsedMs: 0,
  failures: 0,
  roundRates: [],
  replies: 0,
  botCpuMs: 0,
  served: 0,
  rssAfter: Number.NaN,
  rssPeak: undefined,
});

/** The 1-minute load average, as the report shows it. */
export const loadAverage = (): string => os.loadavg()[0]?.toFixed(1) ?? 'n/a';

/** One run of the benchmark, measured. */
export interface TurnRun {
  readonly bots: readonly HostedBot[];
  readonly totalsOf: (bot: HostedBot) => BotTotals;
  /** Cold starts to a 200 on /readyz, in ms, per bot (certibot's real entry point on a fresh database; the echo bot). */
  readonly coldStarts: (name: BotName) => readonly number[];
  /** certibot started again on the data its cold start created (a restart), in ms; for information. */
  readonly restarts: (name: BotName) => readonly number[];
  /** CPU the load generator and connector used during the measured rounds, and the rounds' wall time. */
  readonly driverCpuMs: number;
  readonly roundsWallMs: number;
  readonly startedAt: number;
}

/** The issue's targets for certibot against the echo bot measured in the same run, per engine. */
export const TARGETS: Readonly<Record<Exclude<BotName, 'echo'>, { readonly throughput: number; readonly p99: number }>> = {
  'certibot-sqlite': { throughput: 0.9, p99: 1.3 },
  'certibot-postgres': { throughput: 0.8, p99: 1.5 },
};
/** Ready at most this many times the echo bot's start, on either engine. */
export const READY_RATIO_TARGET = 1.2;
/** Resident memory after 10,000 turns, on either engine. */
export const RSS_TARGET_MB = 150;

interface Row {
  readonly bot: HostedBot;
  readonly t: BotTotals;
  readonly p50: number;
  readonly p99: number;
  readonly rate: number;
  readonly cpuPerTurn: number;
  /** Requests that failed, and for certibot those whose reply never reached the connector. */
  readonly errors: number;
}

interface Check {
  readonly name: string;
  readonly value: string;
  readonly target: string;
  readonly ok: boolean;
  readonly note?: string;
}

function rowOf(bot: HostedBot, t: BotTotals): Row {
  const sorted = [...t.latencies].sort((a, b) => a - b);
  return {
    bot,
    t,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    rate: (t.requests / t.elapsedMs) * 1000,
    cpuPerTurn: t.botCpuMs / t.requests,
    // The echo bot is the yardstick, not the product: a reply it lost is shown (replies column) but fails nothing.
    errors: t.failures + (bot.name === 'echo' ? 0 : Math.max(0, t.requests - t.failures - t.replies)),
  };
}

/** One engine's checks against the echo bot of the same run. */
/** A restart on existing data, against the echo bot's start: information, the target is on the fresh start. */
function restartNote(restarts: readonly number[], echoStarts: readonly number[]): string {
  if (restarts.length === 0) return '';
  return `; restarted on its own data: median ${fmt(median(restarts), 0)} ms = ${fmt(median(restarts) / median(echoStarts), 2)}× (information)`;
}

function checksOf(row: Row, echo: Row, run: TurnRun): { ratios: string; checks: Check[] } {
  const name = row.bot.name as Exclude<BotName, 'echo'>;
  const target = TARGETS[name];
  const throughput = row.rate / echo.rate;
  const p99 = row.p99 / echo.p99;
  const starts = run.coldStarts(name);
  const echoStarts = run.coldStarts('echo');
  const ready = median(starts) / median(echoStarts);
  const turns = row.t.served.toLocaleString('en-US');
  const checks: Check[] = [
    { name: 'throughput ratio (certibot/echo)', value: fmt(throughput, 2), target: `≥ ${target.throughput}`, ok: throughput >= target.throughput },
    { name: 'p99 ratio (certibot/echo)', value: fmt(p99, 2), target: `≤ ${target.p99}`, ok: p99 <= target.p99 },
    {
      name: `ready ratio (median of ${starts.length})`,
      value: fmt(ready, 2),
      target: `≤ ${READY_RATIO_TARGET}`,
      ok: ready <= READY_RATIO_TARGET,
      // The best runs, least disturbed by other processes, say more than the medians on a shared machine: shown too.
      note:
        `best ${fmt(Math.min(...starts), 0)} vs ${fmt(Math.min(...echoStarts), 0)} ms = ${fmt(Math.min(...starts) / Math.min(...echoStarts), 2)}; ` +
        `certibot ${starts.map((ms) => fmt(ms, 0)).join(', ')} ms; echo ${echoStarts.map((ms) => fmt(ms, 0)).join(', ')} ms` +
        restartNote(run.restarts(name), echoStarts),
    },
    {
      name: `RSS after ${turns} turns`,
      value: `${fmt(row.t.rssAfter)} MB`,
      target: `< ${RSS_TARGET_MB} MB`,
      ok: row.t.rssAfter < RSS_TARGET_MB,
      note:
        `at ready ${fmt(row.bot.rssAtReady)} MB, peak ${row.t.rssPeak === undefined ? 'n/a' : `${fmt(row.t.rssPeak)} MB`}; ` +
        `echo: ${fmt(echo.bot.rssAtReady)} MB at ready, ${fmt(echo.t.rssAfter)} MB after ${echo.t.served.toLocaleString('en-US')} turns`,
    },
  ];
  const ratios = `throughput ${fmt(throughput, 2)}×, p99 ${fmt(p99, 2)}×, ready ${fmt(ready, 2)}×, RSS ${fmt(row.t.rssAfter, 0)} MB`;
  return { ratios, checks };
}

/** Prints the report; true when the run failed (a request error, or with `strict` a missed target). */
export function printReport(run: TurnRun, strict: boolean): boolean {
  const rows = run.bots.map((bot) => rowOf(bot, run.totalsOf(bot)));
  const echo = rows.find((row) => row.bot.name === 'echo');
  const certibots = rows.filter((row) => row.bot.name !== 'echo');
  if (!echo || certibots.length === 0) throw new Error('missing results');

  console.log('');
  console.log(
    `${pad('bot', 21)}${padLeft('requests', 9)}${padLeft('errors', 8)}${padLeft('replies', 9)}${padLeft('p50 ms', 9)}${padLeft('p99 ms', 9)}` +
      `${padLeft('req/s', 8)}${padLeft('CPU ms/turn', 13)}   req/s per round (min–max)`,
  );
  for (const row of rows) {
    console.log(
      `${pad(BOT_LABELS[row.bot.name], 21)}${padLeft(String(row.t.requests), 9)}${padLeft(String(row.errors), 8)}${padLeft(String(row.t.replies), 9)}` +
        `${padLeft(fmt(row.p50, 2), 9)}${padLeft(fmt(row.p99, 2), 9)}${padLeft(fmt(row.rate, 0), 8)}${padLeft(fmt(row.cpuPerTurn, 3), 13)}   ` +
        `${fmt(Math.min(...row.t.roundRates), 0)}–${fmt(Math.max(...row.t.roundRates), 0)}`,
    );
  }
  console.log(
    `(CPU ms/turn: the bot process alone, from /proc; ${certibots.map((row) => `${BOT_LABELS[row.bot.name]}/echo = ${fmt(row.cpuPerTurn / echo.cpuPerTurn, 2)}`).join(', ')}. ` +
      `The load generator and connector used ${fmt((run.driverCpuMs / run.roundsWallMs) * 100, 0)}% of one core.)`,
  );
  console.log('Ratios compare certibot with the echo bot measured in the same run, in alternating rounds: on a shared machine');
  console.log('the absolute numbers move with the load of other processes, the ratios much less.');

  let passed = 0;
  let total = 0;
  const summaries: string[] = [];
  for (const row of certibots) {
    const { ratios, checks } = checksOf(row, echo, run);
    console.log('');
    console.log(`${BOT_LABELS[row.bot.name]} against echo`);
    for (const check of checks) {
      console.log(`  ${pad(check.name, 36)}${padLeft(check.value, 10)}   target ${pad(check.target, 9)} ${verdict(check.ok)}${check.note ? `   (${check.note})` : ''}`);
    }
    passed += checks.filter((check) => check.ok).length;
    total += checks.length;
    summaries.push(`${BOT_LABELS[row.bot.name]}: ${ratios}`);
  }
  const errors = rows.reduce((sum, row) => sum + row.errors, 0);
  console.log('');
  console.log(
    `SUMMARY: ${passed}/${total} targets met — ${summaries.join('; ')}; ${errors} request errors; ` +
      `${((Date.now() - run.startedAt) / 1000).toFixed(0)} s, load average ${loadAverage()} at the end`,
  );
  return errors > 0 || (strict && passed < total);
}
