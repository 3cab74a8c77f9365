/**
 * `npm run bench:turn`: certibot on SQLite and on PostgreSQL against a bare botbuilder echo bot, through the full HTTP
 * pipeline, on this machine, in one run. Every bot runs in its own child process (same Node flags), answers the same
 * loopback fake connector, and takes the same load from this process: keep-alive agent, same concurrency,
 * alternating rounds. Each bot process is then topped up to 10,000 turns and its RSS read. Last, the cold start to a
 * 200 on /readyz of `node dist/src/index.js` (fresh data directory or schema, free port) and of the echo bot.
 *
 * Options (all optional): --rounds=6 --requests=1000 --concurrency=8 --warmup=1000 --users=200 --rss-turns=10000
 * --cold-starts=5 --skip-postgres --strict (exit 1 when a target is missed; request errors always fail the run).
 * PostgreSQL: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test, in schemas of
 * its own dropped at the end. NODE_OPTIONS, if set, is passed to every bot process.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { FakeConnector, type WireActivity } from '../toolkit/fake-connector';
import { parseBenchOptions } from './options';
import { stopChild } from './processes';
import { benchDatabaseUrl, createBenchSchema, type BenchSchema } from './postgres-schema';
import { BOT_HOST, BOT_LABELS, coldStart, cpuMs, ENTRY, hostBot, NODE_FLAGS, rssMb, tempDir, type BotData, type BotName, type HostedBot } from './turn/bots';
import { QUESTION, messageActivity, runLoad, type LoadResult } from './turn/load';
import { emptyTotals, loadAverage, printReport, type BotTotals } from './turn/report';

interface Options {
  rounds: number;
  requests: number;
  concurrency: number;
  warmup: number;
  users: number;
  rssTurns: number;
  coldStarts: number;
  skipPostgres: boolean;
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
    skipPostgres: false,
    strict: false,
  });
}

/** What a reply activity carried, in a few words: "an Adaptive Card (1.8 kB activity)" or "a text message (44 B activity)". */
function describeReply(activity: WireActivity | undefined): string {
  if (activity === undefined) return 'nothing';
  const bytes = Buffer.byteLength(JSON.stringify(activity));
  const size = bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} kB` : `${bytes} B`;
  const attachments = Array.isArray(activity.attachments) ? (activity.attachments as Array<{ contentType?: unknown }>) : [];
  const card = attachments.some((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  return `${card ? 'an Adaptive Card' : 'a text message'} (${size} activity)`;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  for (const file of [ENTRY, BOT_HOST]) if (!fs.existsSync(file)) throw new Error(`${file} is missing: run npm run build`);
  const benchStarted = Date.now();
  const cpus = os.cpus();
  console.log(
    `certibot turn benchmark: Node ${process.version}, ${os.platform()} ${os.arch()}, ${cpus.length} CPU(s) ${cpus[0]?.model ?? ''}, ` +
      `load average ${loadAverage()} at start`,
  );
  console.log(`message "${QUESTION}" (personal chat, fr-FR), ${options.users} users, concurrency ${options.concurrency}`);
  console.log(`node flags for every bot (from npm start): ${NODE_FLAGS.join(" ")}`);

  // Bodies not kept: the connector sees tens of thousands of replies; counting them is all the bench needs.
  const connector = await FakeConnector.start({ recordContent: false });
  let replies = 0;
  let lastReply: WireActivity | undefined;
  connector.on('activity', (activity: WireActivity) => {
    replies += 1;
    lastReply = activity;
  });
  const body = (seq: number) => messageActivity(seq, connector.serviceUrl, options.users);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const names: BotName[] = options.skipPostgres ? ['certibot-sqlite', 'echo'] : ['certibot-sqlite', 'certibot-postgres', 'echo'];
  const databaseUrl = benchDatabaseUrl();
  if (!options.skipPostgres) console.log(`PostgreSQL at ${new URL(databaseUrl).host}, in schemas of the bench's own`);
  const schemas: BenchSchema[] = [];
  const dirs: string[] = [];
  /** A fresh place for one bot's data: a directory, and for certibot on PostgreSQL a schema of its own. */
  const freshData = async (name: BotName): Promise<BotData> => {
    const dir = tempDir(name);
    dirs.push(dir);
    if (name !== 'certibot-postgres') return { dir };
    const schema = await createBenchSchema(databaseUrl, 'bench_turn');
    schemas.push(schema);
    return { dir, databaseUrl: schema.url };
  };
  const bots: HostedBot[] = [];
  const totals = new Map<BotName, BotTotals>(names.map((name) => [name, emptyTotals()]));
  const totalsOf = (bot: HostedBot): BotTotals => totals.get(bot.name) ?? emptyTotals();
  const coldStarts = new Map<BotName, number[]>(names.map((name) => [name, []]));
  const restarts = new Map<BotName, number[]>(names.map((name) => [name, []]));
  let driverCpuMs = 0;
  let roundsWallMs = 0;
  try {
    for (const name of names) bots.push(await hostBot(name, await freshData(name)));
    let seq = 0;
    const send = async (bot: HostedBot, requests: number, concurrency = options.concurrency): Promise<LoadResult> => {
      const result = await runLoad({ agent, target: bot.url, requests, concurrency, body, firstSeq: seq });
      seq += requests;
      totalsOf(bot).served += requests;
      return result;
    };

    try {
      // A first turn each: it must answer 2xx and post a reply to the connector.
      for (const bot of bots) {
        const before = replies;
        const probe = await send(bot, 1, 1);
        if (probe.failures > 0) throw new Error(`${BOT_LABELS[bot.name]} did not answer the first turn with 2xx`);
        if (replies - before < 1) throw new Error(`${BOT_LABELS[bot.name]} sent no reply to the connector`);
        console.log(`${BOT_LABELS[bot.name]} answers with ${describeReply(lastReply)}`);
      }
      // Warm-up: JIT, prepared statements, the user rows.
      for (const bot of bots) await send(bot, options.warmup);
      console.log(`${options.rounds} alternating rounds × ${options.requests} requests per bot, after ${options.warmup} warm-up requests each`);

      for (let round = 0; round < options.rounds; round += 1) {
        for (const bot of bots) {
          const t = totalsOf(bot);
          const repliesBefore = replies;
          const cpuBefore = cpuMs(bot.child.pid ?? 0);
          const driverBefore = process.cpuUsage();
          const result = await send(bot, options.requests);
          const driver = process.cpuUsage(driverBefore);
          // The connector may count a reply just after the bot's HTTP answer: wait for it, so that it counts here.
          const expected = repliesBefore + options.requests - result.failures;
          for (let waited = 0; replies < expected && waited < 2000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
          for (const ms of result.latenciesMs) t.latencies.push(ms);
          t.requests += options.requests;
          t.elapsedMs += result.elapsedMs;
          t.failures += result.failures;
          t.roundRates.push((options.requests / result.elapsedMs) * 1000);
          t.replies += replies - repliesBefore;
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

    // Cold starts, alternating bots: certibot's real entry point on a fresh database each time, and the echo bot, which
    // shows what the Node + botbuilder + restify floor is on this machine right now. certibot then starts once more on
    // the data it just created, as a restart or a redeployment does (for information: the target is on the first).
    for (let run = 0; run < options.coldStarts; run += 1) {
      for (const name of names) {
        const data = await freshData(name);
        coldStarts.get(name)?.push(await coldStart(name, data));
        if (name !== 'echo') restarts.get(name)?.push(await coldStart(name, data));
      }
    }
  } finally {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    await Promise.all(schemas.map((schema) => schema.drop().catch(() => undefined)));
  }

  const coldStartsOf = (name: BotName): readonly number[] => coldStarts.get(name) ?? [];
  const restartsOf = (name: BotName): readonly number[] => restarts.get(name) ?? [];
  if (printReport({ bots, totalsOf, coldStarts: coldStartsOf, restarts: restartsOf, driverCpuMs, roundsWallMs, startedAt: benchStarted }, options.strict)) {
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
