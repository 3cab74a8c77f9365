import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { message } from '../harness/activities';
import { BotHarness, harnessPerSuite } from '../harness/bot-harness';
import { TcpProxy } from '../harness/tcp-proxy';
import { TEST_DATABASE_URL, warnPostgresSkipped } from '../store/postgres-schema';
import { t } from '../../src/messages/translator';

const QUESTION = 'combien de temps est valable le certificat ?';

/** The slowest /healthz answer while `work` runs, polled back to back. */
async function slowestHealthzDuring(harness: BotHarness, work: Promise<unknown>): Promise<number> {
  let done = false;
  void work.finally(() => {
    done = true;
  });
  let slowest = 0;
  do {
    const started = Date.now();
    const health = await harness.get('/healthz');
    expect(health.status).toBe(200);
    slowest = Math.max(slowest, Date.now() - started);
  } while (!done);
  await work;
  return slowest;
}

/** Polls /readyz until it answers `status` (the pool reconnects on demand, not at a fixed instant). */
async function readyzBecomes(harness: BotHarness, status: number, withinMs = 5000): Promise<number> {
  const deadline = Date.now() + withinMs;
  let last = 0;
  do {
    last = (await harness.get('/readyz')).status;
    if (last === status) return last;
    await new Promise((resolve) => setTimeout(resolve, 50));
  } while (Date.now() < deadline);
  return last;
}

describe('SQLite locked by another process', () => {
  let harness: BotHarness;
  harnessPerSuite((started) => (harness = started), { env: { REMINDERS_ENABLED: 'false' } });

  it('keeps the event loop turning, says it is not ready, answers questions, and asks to try again for a write', async () => {
    const chat = harness.personalChat();
    await harness.send(message(chat, 'aide'));
    // A second connection holds the write lock, as a backup tool or a second process on the same file would.
    const locker = new Database(path.join(harness.dataDir, 'certibot.db'));
    locker.exec('BEGIN EXCLUSIVE');
    const loop = monitorEventLoopDelay({ resolution: 10 });
    try {
      loop.enable();
      const write = message(chat, 'parle anglais');
      const turn = harness.send(write);
      const slowest = await slowestHealthzDuring(harness, turn);
      loop.disable();

      expect((await turn).texts).toEqual([t('fr', 'error.generic', { ref: write.id.slice(0, 12) })]);
      expect(slowest).toBeLessThan(500);
      // The loop was never held for long (a 5 s busy wait held it for the whole wait).
      expect(loop.max / 1e6).toBeLessThan(500);
      expect(await harness.get('/readyz')).toMatchObject({ status: 503, json: { status: 'not ready' } });
      // Reading needs no lock: a question is still answered.
      expect((await harness.send(message(chat, QUESTION))).cards).toHaveLength(1);
    } finally {
      loop.disable();
      locker.exec('ROLLBACK');
      locker.close();
    }

    expect((await harness.get('/readyz')).status).toBe(200);
    expect((await harness.send(message(chat, 'parle anglais'))).texts).toEqual([t('en', 'language.switched')]);
  }, 30_000);
});

const postgres = TEST_DATABASE_URL ? describe : describe.skip;
if (!TEST_DATABASE_URL) warnPostgresSkipped();

postgres('PostgreSQL cut off and back', () => {
  let proxy: TcpProxy;
  let harness: BotHarness;

  beforeAll(async () => {
    const direct = new URL(TEST_DATABASE_URL ?? '');
    proxy = await TcpProxy.start({ host: direct.hostname, port: Number(direct.port || 5432) });
    const proxied = new URL(direct.toString());
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);
    harness = await BotHarness.start({ databaseUrl: proxied.toString(), env: { REMINDERS_ENABLED: 'false' } });
  });

  afterAll(async () => {
    proxy.restore();
    await harness?.stop();
    await proxy?.close();
  });

  it('answers questions during the cut, fails writes cleanly, recovers by itself and loses nothing', async () => {
    const chat = harness.personalChat();
    await harness.send(message(chat, 'aide'));
    const now = harness.clock.now();
    // Stored before the cut, due now: the dispatcher must send it once the database is back.
    await harness.app.store.outbox.enqueue(
      [{ kind: 'message', topic: 'outage', cycle: '', key: 'before-cut', target: chat.conversationId, payload: { text: { key: 'language.already' } }, dueAt: now }],
      now,
    );

    proxy.cut();
    try {
      const answered = await harness.send(message(chat, QUESTION));
      expect(answered.cards).toHaveLength(1);
      expect((await harness.get('/healthz')).status).toBe(200);
      expect(await harness.get('/readyz')).toMatchObject({ status: 503, json: { status: 'not ready' } });
      const write = message(chat, 'parle anglais');
      expect((await harness.send(write)).texts).toEqual([t('fr', 'error.generic', { ref: write.id.slice(0, 12) })]);
      await expect(harness.app.tickReminders()).rejects.toThrow();
      expect(harness.connector.calls.filter((call) => call.kind === 'send')).toEqual([]);
    } finally {
      proxy.restore();
    }

    expect(await readyzBecomes(harness, 200)).toBe(200);
    expect((await harness.send(message(chat, 'parle anglais'))).texts).toEqual([t('en', 'language.switched')]);
    const report = await harness.app.tickReminders();
    expect(report).toMatchObject({ claimed: 1, sent: 1 });
    const sent = harness.connector.calls.filter((call) => call.kind === 'send' && call.conversationId === chat.conversationId);
    expect(sent).toHaveLength(1);
    expect(JSON.stringify(sent[0]?.body)).toContain(t('en', 'language.already').slice(0, 20));
  }, 30_000);
});
