/**
 * `npm run bench:tickets`: many support requests opened at once on PostgreSQL, through the real HTTP pipeline of two
 * certibot instances sharing one database (each with its own outbox dispatcher), to the toolkit's loopback connector.
 * Checks that ticket numbers are unique and gapless and that every ticket card is posted exactly once (as a new thread
 * of the support channel); with --faults the connector refuses 20% of calls (429 with Retry-After, 503). Prints
 * `duplicates=N lost=N` last. Options: --tickets=1000 --requesters=200 --concurrency=50 --faults.
 * Needs TEST_DATABASE_URL (or DATABASE_URL): a schema of its own is made and dropped.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { Client } from 'pg';
import { loadConfig } from '../src/config/config';
import { startCertibot, type Certibot } from '../src/index';
import { connectorFailures, FakeConnector } from '../toolkit/fake-connector';
import { fmt, int, quantile } from './format';
import { parseBenchOptions } from './options';

const options = parseBenchOptions(process.argv.slice(2), { tickets: 1000, requesters: 200, concurrency: 50, faults: false });
const TENANT = 'bench-tenant';
const ADMIN = '29:bench-admin';
const CHANNEL = '19:bench-support@thread.tacv2';
const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });

function post(url: string, body: object): Promise<{ status: number; body: string }> {
  const raw = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/api/messages`, { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(raw) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(raw);
  });
}

/** A Teams-like activity from `userId` in a personal chat, or in the support channel. */
function activity(serviceUrl: string, userId: string, where: 'personal' | 'channel', extra: object): object {
  const channel = where === 'channel';
  return {
    type: 'message',
    id: `${Date.now()}${randomBytes(3).toString('hex')}`,
    channelId: 'msteams',
    serviceUrl,
    locale: 'fr-FR',
    from: { id: userId, name: `Utilisateur ${userId.slice(-4)}` },
    recipient: { id: '28:bench-bot', name: 'certibot' },
    conversation: channel
      ? { id: CHANNEL, conversationType: 'channel', isGroup: true, tenantId: TENANT }
      : { id: `a:${userId.slice(3)}`, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT }, ...(channel ? { team: { id: '19:bench-team@thread.tacv2' }, channel: { id: CHANNEL } } : {}) },
    ...extra,
  };
}

const invoke = (data: object) => ({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: (data as { verb: string }).verb, data } } });

async function inBatches<T>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < items.length; i = next++) await work(items[i] as T, i);
    }),
  );
}

async function main(): Promise<void> {
  const base = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!base) throw new Error('bench:tickets needs PostgreSQL: set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)');
  const schema = `bench_tickets_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const connector = await FakeConnector.start({ seed: 0x71c3e7, recordContent: true });
  if (options.faults) {
    connector.inject({ match: (call) => call.kind !== 'getMember', rate: 0.2, answer: [connectorFailures.throttled(1), connectorFailures.unavailable()] });
  }
  const env = { NODE_ENV: 'test', PORT: '0', DATABASE_URL: url.toString(), LOG_LEVEL: 'silent', SUPPORT_ADMIN_IDS: ADMIN, REMINDER_TICK_SECONDS: '1' };
  const instances: Certibot[] = [];
  try {
    instances.push(await startCertibot(loadConfig(env)), await startCertibot(loadConfig(env)));
    const [a, b] = instances as [Certibot, Certibot];
    const serviceUrl = connector.serviceUrl;
    await post(a.url, activity(serviceUrl, ADMIN, 'channel', { type: 'installationUpdate', action: 'add' }));
    await post(a.url, activity(serviceUrl, ADMIN, 'channel', invoke({ verb: 'support.queue', queue: 'ans' })));
    const requesters = Array.from({ length: options.requesters }, (_, i) => `29:bench-requester-${String(i).padStart(4, '0')}`);
    await inBatches(requesters, options.concurrency, async (id, i) => void (await post(i % 2 ? b.url : a.url, activity(serviceUrl, id, 'personal', { text: 'bonjour' }))));

    const latencies: number[] = [];
    let errors = 0;
    const started = Date.now();
    await inBatches(Array.from({ length: options.tickets }, (_, i) => i), options.concurrency, async (i) => {
      const requester = requesters[i % requesters.length] as string;
      const data = { verb: 'ticket.submit', topic: 'platform', queue: 'ans', urgency: 'normal', structure: `CH ${i}`, description: `Demande ${i} : erreur sur la plateforme`, email: `si${i}@chu.fr` };
      const t0 = process.hrtime.bigint();
      const answer = await post(i % 2 ? b.url : a.url, activity(serviceUrl, requester, 'personal', invoke(data)));
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (answer.status !== 200) errors += 1;
    });
    const opened = Date.now() - started;

    // Both dispatchers send; wait until no ticket item is left to go.
    let settled = false;
    for (let i = 0; i < 600 && !settled; i += 1) {
      const { rows } = await admin.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${schema}.outbox WHERE kind LIKE 'ticket%' AND status IN ('pending', 'claimed') AND due_at <= ${Date.now()}`);
      settled = Number(rows[0]?.n ?? 1) === 0;
      if (!settled) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const posted = Date.now() - started;
    const { rows } = await admin.query<{ number: string }>(`SELECT number FROM ${schema}.tickets ORDER BY number`);
    const numbers = rows.map((row) => Number(row.number.slice(-4)));
    const gapless = numbers.length === options.tickets && numbers.every((n, i) => n === i + 1);
    const threads = new Map<string, number>();
    for (const call of connector.calls) {
      if (call.kind !== 'createConversation' || call.status === undefined || call.status >= 300) continue;
      const number = /CERT-\d{4}-\d{4}/.exec(JSON.stringify(call.body))?.[0];
      if (number) threads.set(number, (threads.get(number) ?? 0) + 1);
    }
    const duplicates = [...threads.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
    const lost = rows.filter((row) => !threads.has(row.number)).length;
    const statuses = new Map<number, number>();
    for (const call of connector.calls) if (call.status !== undefined) statuses.set(call.status, (statuses.get(call.status) ?? 0) + 1);
    latencies.sort((x, y) => x - y);

    console.log(`bench:tickets — ${int(options.tickets)} requests from ${int(options.requesters)} requesters, ${options.concurrency} at a time, to 2 certibot instances on one PostgreSQL schema${options.faults ? ', connector refusing 20% (429 Retry-After 1 / 503)' : ''}`);
    console.log(`opened: ${int(options.tickets - errors)} answered 200, ${errors} errors, in ${fmt(opened / 1000, 1)} s (${int(options.tickets / (opened / 1000))}/s); submit latency p50 ${fmt(quantile(latencies, 0.5), 1)} ms, p99 ${fmt(quantile(latencies, 0.99), 1)} ms`);
    console.log(`numbers: ${int(numbers.length)} stored, unique and gapless (1…${options.tickets}): ${gapless ? 'yes' : 'NO'}`);
    console.log(`cards: every ticket card posted as a thread ${settled ? `within ${fmt(posted / 1000, 1)} s of the first request` : 'NOT within the wait'}; connector answers ${[...statuses].map(([s, n]) => `${s}: ${int(n)}`).join(', ')}`);
    console.log(`duplicates=${duplicates} lost=${lost}`);
    if (!gapless || duplicates > 0 || lost > 0 || errors > 0) process.exitCode = 1;
  } finally {
    for (const instance of instances) await instance.stop().catch(() => undefined);
    await connector.close();
    agent.destroy();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`).catch(() => undefined);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(`bench:tickets failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
