/** The turn benchmark's report: per-bot latency and throughput, the targets against the echo bot, one summary line. */
import os from 'node:os';
import { fmt, median, pad, padLeft, quantile, verdict } from '../format';
import type { HostedBot } from './bots';

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
  /** Cold starts of the real entry point, and the echo bot's start to listening in between, in ms. */
  readonly coldStarts: readonly number[];
  readonly echoStarts: readonly number[];
  /** CPU the load generator and connector used during the measured rounds, and the rounds' wall time. */
  readonly driverCpuMs: number;
  readonly roundsWallMs: number;
  readonly startedAt: number;
}

/** Prints the report; true when the run failed (a request error, or with `strict` a missed target). */
export function printReport(run: TurnRun, strict: boolean): boolean {
  const { bots, totalsOf, coldStarts, echoStarts, driverCpuMs, roundsWallMs } = run;
  const rows = bots.map((bot) => {
    const t = totalsOf(bot);
    const sorted = [...t.latencies].sort((a, b) => a - b);
    return { bot, t, p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), rate: (t.requests / t.elapsedMs) * 1000 };
  });
  const [certibot, echo] = rows;
  if (!certibot || !echo) throw new Error('missing results');

  console.log('');
  console.log(
    `${pad('bot', 10)}${padLeft('requests', 9)}${padLeft('errors', 8)}${padLeft('replies', 9)}${padLeft('p50 ms', 9)}${padLeft('p99 ms', 9)}` +
      `${padLeft('req/s', 8)}${padLeft('CPU ms/turn', 13)}   req/s per round (min–max)`,
  );
  for (const row of rows) {
    console.log(
      `${pad(row.bot.name, 10)}${padLeft(String(row.t.requests), 9)}${padLeft(String(row.t.failures), 8)}${padLeft(String(row.t.replies), 9)}` +
        `${padLeft(fmt(row.p50, 2), 9)}${padLeft(fmt(row.p99, 2), 9)}${padLeft(fmt(row.rate, 0), 8)}${padLeft(fmt(row.t.botCpuMs / row.t.requests, 3), 13)}   ` +
        `${fmt(Math.min(...row.t.roundRates), 0)}–${fmt(Math.max(...row.t.roundRates), 0)}`,
    );
  }
  const cpuRatio = certibot.t.botCpuMs / certibot.t.requests / (echo.t.botCpuMs / echo.t.requests);
  console.log(
    `(CPU ms/turn: the bot process alone, from /proc; certibot/echo = ${fmt(cpuRatio, 2)}. ` +
      `The load generator and connector used ${fmt((driverCpuMs / roundsWallMs) * 100, 0)}% of one core.)`,
  );

  const throughputRatio = certibot.rate / echo.rate;
  const p99Ratio = certibot.p99 / echo.p99;
  const coldMedian = median(coldStarts);
  const turnsLabel = certibot.t.served.toLocaleString('en-US');
  const checks = [
    { name: 'throughput ratio (certibot/echo)', value: fmt(throughputRatio, 2), target: '≥ 0.85', ok: throughputRatio >= 0.85 },
    { name: 'p99 ratio (certibot/echo)', value: fmt(p99Ratio, 2), target: '≤ 1.3', ok: p99Ratio <= 1.3 },
    {
      name: `cold start to ready (median of ${coldStarts.length})`,
      value: `${fmt(coldMedian, 0)} ms`,
      target: '< 1000 ms',
      ok: coldMedian < 1000,
      note: `runs: ${coldStarts.map((ms) => fmt(ms, 0)).join(', ')} ms; echo bot listening after ${fmt(median(echoStarts), 0)} ms`,
    },
    {
      name: `RSS after ${turnsLabel} turns`,
      value: `${fmt(certibot.t.rssAfter)} MB`,
      target: '< 150 MB',
      ok: certibot.t.rssAfter < 150,
      note:
        `at ready ${fmt(certibot.bot.rssAtReady)} MB, peak ${certibot.t.rssPeak === undefined ? 'n/a' : `${fmt(certibot.t.rssPeak)} MB`}; ` +
        `echo bot: ${fmt(echo.bot.rssAtReady)} MB at ready, ${fmt(echo.t.rssAfter)} MB after ${echo.t.served.toLocaleString('en-US')} turns`,
    },
  ];
  console.log('');
  for (const check of checks) {
    console.log(`${pad(check.name, 38)}${padLeft(check.value, 10)}   target ${pad(check.target, 10)} ${verdict(check.ok)}${check.note ? `   (${check.note})` : ''}`);
  }
  const passed = checks.filter((check) => check.ok).length;
  const errors = certibot.t.failures + echo.t.failures;
  console.log('');
  console.log(
    `SUMMARY: ${passed}/${checks.length} targets met — throughput ${fmt(throughputRatio, 2)}× echo, p99 ${fmt(p99Ratio, 2)}× echo, ` +
      `cold start ${fmt(coldMedian, 0)} ms, RSS ${fmt(certibot.t.rssAfter, 0)} MB; ${errors} request errors; ` +
      `${((Date.now() - run.startedAt) / 1000).toFixed(0)} s, load average ${loadAverage()} at the end`,
  );
  return errors > 0 || (strict && passed < checks.length);
}
