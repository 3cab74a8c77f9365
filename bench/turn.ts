/**
 * `npm run bench:turn`: certibot against a bare botbuilder echo bot, through the full HTTP pipeline, on this machine,
 * in one run. Both bots run in their own child process (same Node flags), answer the same loopback fake connector,
 * and take the same load from this process: keep-alive agent, same concurrency, alternating rounds. Each bot process
 * is then topped up to 10,000 turns and its RSS read. Last, the cold start of `node dist/src/index.js` (fresh data
 * directory, free port) to a 200 on /readyz.
 *
 * Options (all optional): --rounds=6 --requests=1000 --concurrency=8 --warmup=1000 --users=200 --rss-turns=10000
 * --cold-starts=5 --strict (exit 1 when a target is missed). NODE_OPTIONS, if set, is passed to every bot process.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseBenchOptions } from './options';
import { startFakeConnector, type FakeConnector } from './fake-connector';
import { QUESTION, messageActivity, quantile, runLoad, type LoadResult } from './load';

const DIST = path.resolve(__dirname, '..');
const ENTRY = path.join(DIST, 'src', 'index.js');
const BOT_HOST = path.join(__dirname, 'bot-host.js');
/**
 * The Node flags `npm start` runs certibot with (read from package.json, so the bench measures what ships); both
 * bots get them, so the comparison stays fair.
 */
function startFlags(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.resolve(DIST, '..', 'package.json'), 'utf8')) as { scripts: { start: string } };
  return pkg.scripts.start.split(/\s+/).filter((word) => word.startsWith('--'));
}
const NODE_FLAGS = startFlags();

interface Options {
  rounds: number;
  requests: number;
  concurrency: number;
  warmup: number;
  users: number;
  rssTurns: number;
  coldStarts: number;
  strict: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  return parseBenchOptions<Options>(argv, {
    rounds: 6,
    requests: 1000,
    concurrency: 8,
    warmup: 1000,
    users: 200,
    rssTurns: 10_000,
    coldStarts: 5,
    strict: false,
  });
}

/** An environment for a certibot child: local mode, silent, nothing inherited that could change its setup. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const nodeOptions = process.env.NODE_OPTIONS ? { NODE_OPTIONS: process.env.NODE_OPTIONS } : {};
  return { PATH: process.env.PATH ?? '', NODE_ENV: 'development', MicrosoftAppId: '', LOG_LEVEL: 'silent', ...nodeOptions, ...extra };
}

function tempDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `certibot-bench-${label}-`));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Every process this bench started, so none outlives it. */
const children = new Set<ChildProcess>();
process.on('exit', () => children.forEach((child) => child.kill('SIGKILL')));

function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** What a reply activity carried, in a few words: "text (44 B)" or "Adaptive Card (2.1 kB)". */
function describeReply(body: string | undefined): string {
  if (body === undefined) return 'nothing';
  const size = Buffer.byteLength(body) >= 1024 ? `${(Buffer.byteLength(body) / 1024).toFixed(1)} kB` : `${Buffer.byteLength(body)} B`;
  try {
    const activity = JSON.parse(body) as { attachments?: Array<{ contentType?: string }> };
    const card = activity.attachments?.some((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
    return `${card ? 'an Adaptive Card' : 'a text message'} (${size} activity)`;
  } catch {
    return `${size} of non-JSON`;
  }
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

async function stopChild(child: ChildProcess): Promise<void> {
  const done = exited(child);
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await done;
  clearTimeout(timer);
}

interface HostedBot {
  readonly name: 'certibot' | 'echo';
  readonly url: URL;
  readonly child: ChildProcess;
  /** From spawn to its READY line (it is listening). */
  readonly readyMs: number;
  /** RSS in MB when it became ready. */
  readonly rssAtReady: number;
}

/** Starts `bench/bot-host.js` for one bot and waits for its `READY <url>` line. */
function hostBot(name: 'certibot' | 'echo', dataDir: string): Promise<HostedBot> {
  const started = process.hrtime.bigint();
  const child = track(
    spawn(process.execPath, [...NODE_FLAGS, BOT_HOST, name, dataDir], {
      cwd: dataDir,
      env: childEnv({}),
      stdio: ['pipe', 'pipe', 'inherit'],
    }),
  );
  return new Promise((resolve, reject) => {
    let output = '';
    child.once('exit', (code) => reject(new Error(`${name} host exited with code ${String(code)} before it was ready`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = /READY (\S+)/.exec(output);
      if (line?.[1]) {
        const readyMs = Number(process.hrtime.bigint() - started) / 1e6;
        resolve({ name, url: new URL('/api/messages', line[1]), child, readyMs, rssAtReady: rssMb(child.pid ?? 0).rss });
      }
    });
  });
}

function get(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.setTimeout(2000, () => req.destroy());
  });
}

/** Spawns certibot's real entry point with a fresh data directory; resolves with the time until /readyz says 200. */
async function coldStart(dataDir: string): Promise<number> {
  const port = await freePort();
  const started = process.hrtime.bigint();
  const child = track(
    spawn(process.execPath, [...NODE_FLAGS, ENTRY], {
      cwd: dataDir,
      env: childEnv({ PORT: String(port), DATA_DIR: dataDir }),
      stdio: ['ignore', 'ignore', 'inherit'],
    }),
  );
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`certibot exited with code ${child.exitCode} during start`);
      if ((await get(`http://127.0.0.1:${port}/readyz`)) === 200) return Number(process.hrtime.bigint() - started) / 1e6;
      if (Number(process.hrtime.bigint() - started) / 1e6 > 30_000) throw new Error('certibot was not ready within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    await stopChild(child);
  }
}

/** Resident set size of a process, in MB (Linux /proc; `ps` elsewhere). */
function rssMb(pid: number): { rss: number; peak: number | undefined } {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    return { rss: Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)]).toString().trim()) / 1024, peak: undefined };
  }
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU time (user + system) a process has used so far, in ms; NaN where /proc is not available. */
function cpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

interface BotTotals {
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

const emptyTotals = (): BotTotals => ({
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

const fmt = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const pad = (value: string, width: number) => value.padEnd(width);
const padLeft = (value: string, width: number) => value.padStart(width);
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
const median = (values: readonly number[]) => quantile([...values].sort((a, b) => a - b), 0.5);

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  for (const file of [ENTRY, BOT_HOST]) if (!fs.existsSync(file)) throw new Error(`${file} is missing: run npm run build`);
  const benchStarted = Date.now();
  const cpus = os.cpus();
  const load = () => os.loadavg()[0]?.toFixed(1) ?? 'n/a';
  console.log(
    `certibot turn benchmark: Node ${process.version}, ${os.platform()} ${os.arch()}, ${cpus.length} CPU(s) ${cpus[0]?.model ?? ''}, ` +
      `load average ${load()} at start`,
  );
  console.log(`message "${QUESTION}" (personal chat, fr-FR), ${options.users} users, concurrency ${options.concurrency}`);
  console.log(`node flags for both bots (from npm start): ${NODE_FLAGS.join(" ")}`);

  const connector: FakeConnector = await startFakeConnector();
  const body = (seq: number) => messageActivity(seq, connector.url, options.users);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const dirs = [tempDir('certibot'), tempDir('echo')] as const;
  const bots = [await hostBot('certibot', dirs[0]), await hostBot('echo', dirs[1])];
  const totals = new Map(bots.map((bot) => [bot.name, emptyTotals()]));
  const totalsOf = (bot: HostedBot): BotTotals => totals.get(bot.name) ?? emptyTotals();
  let seq = 0;
  let driverCpuMs = 0;
  let roundsWallMs = 0;
  const send = async (bot: HostedBot, requests: number, concurrency = options.concurrency): Promise<LoadResult> => {
    const result = await runLoad({ agent, target: bot.url, requests, concurrency, body, firstSeq: seq });
    seq += requests;
    totalsOf(bot).served += requests;
    return result;
  };

  try {
    // A first turn each: it must answer 2xx and post a reply to the connector.
    for (const bot of bots) {
      const before = connector.replies();
      const probe = await send(bot, 1, 1);
      if (probe.failures > 0) throw new Error(`${bot.name} did not answer the first turn with 2xx`);
      if (connector.replies() - before < 1) throw new Error(`${bot.name} sent no reply to the connector`);
      console.log(`${bot.name} answers with ${describeReply(connector.lastReply())}`);
    }
    // Warm-up: JIT, prepared statements, the user rows.
    for (const bot of bots) await send(bot, options.warmup);
    console.log(`${options.rounds} alternating rounds × ${options.requests} requests per bot, after ${options.warmup} warm-up requests each`);

    for (let round = 0; round < options.rounds; round += 1) {
      for (const bot of bots) {
        const t = totalsOf(bot);
        const repliesBefore = connector.replies();
        const cpuBefore = cpuMs(bot.child.pid ?? 0);
        const driverBefore = process.cpuUsage();
        const result = await send(bot, options.requests);
        const driver = process.cpuUsage(driverBefore);
        for (const ms of result.latenciesMs) t.latencies.push(ms);
        t.requests += options.requests;
        t.elapsedMs += result.elapsedMs;
        t.failures += result.failures;
        t.roundRates.push((options.requests / result.elapsedMs) * 1000);
        t.replies += connector.replies() - repliesBefore;
        t.botCpuMs += cpuMs(bot.child.pid ?? 0) - cpuBefore;
        driverCpuMs += (driver.user + driver.system) / 1000;
        roundsWallMs += result.elapsedMs;
      }
    }

    // Memory: the same processes, topped up to the same number of turns each.
    for (const bot of bots) {
      const t = totalsOf(bot);
      if (t.served < options.rssTurns) t.failures += (await send(bot, options.rssTurns - t.served)).failures;
      await new Promise((resolve) => setTimeout(resolve, 200));
      const { rss, peak } = rssMb(bot.child.pid ?? 0);
      t.rssAfter = rss;
      t.rssPeak = peak;
    }
  } finally {
    agent.destroy();
    await Promise.all(bots.map((bot) => stopChild(bot.child)));
    await connector.close();
  }

  // Cold start of the real entry point, fresh data directory each time; the echo bot's start to listening, in
  // between, shows what the Node + botbuilder + restify floor is on this machine right now.
  const coldStarts: number[] = [];
  const echoStarts: number[] = [];
  for (let run = 0; run < options.coldStarts; run += 1) {
    const dir = tempDir('cold');
    coldStarts.push(await coldStart(dir));
    const echoHost = await hostBot('echo', dir);
    echoStarts.push(echoHost.readyMs);
    await stopChild(echoHost.child);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });

  // Report.
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
      `${((Date.now() - benchStarted) / 1000).toFixed(0)} s, load average ${load()} at the end`,
  );
  if (errors > 0 || (options.strict && passed < checks.length)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
