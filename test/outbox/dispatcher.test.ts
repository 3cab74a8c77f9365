import type { CertificateRecord } from '../../src/domain/reminders/certificate';
import type { SendOutcome } from '../../src/domain/outbox/outbox-item';
import type { NewReminderTarget } from '../../src/domain/reminders/reminder-repository';
import { OutboxDispatcher, type OutboxDispatcherOptions, type TickReport } from '../../src/outbox/dispatcher';
import type { Store } from '../../src/store';
import { forEachEngine, withStore, type Engine } from '../store/engines';
import { FakeSender, sendsPerDelivery, sentOk, type Decide, type SendAttempt } from './fake-sender';
import { certificate, channelTarget, conversation, later, paris, personalTarget, unique } from '../fixtures/reminders';
import { seededRandom, VirtualTime } from './virtual-time';

const REGISTERED = paris('2026-01-05', 10);
const D7 = paris('2026-11-19');
const LEASE = 60_000;

interface Harness {
  readonly store: Store;
  readonly time: VirtualTime;
  readonly log: SendAttempt[];
  readonly unreachable: Array<[string, string]>;
  dispatcher(owner?: string, decide?: Decide, options?: Partial<OutboxDispatcherOptions>): OutboxDispatcher;
}

function harness(store: Store, start: Date): Harness {
  const time = new VirtualTime(start);
  const log: SendAttempt[] = [];
  const unreachable: Array<[string, string]> = [];
  return {
    store,
    time,
    log,
    unreachable,
    dispatcher: (owner = 'A', decide = sentOk, options = {}) =>
      new OutboxDispatcher({
        repo: store.outbox,
        sender: new FakeSender(time, log, owner, decide),
        clock: time,
        owner,
        batchSize: 100,
        leaseMs: LEASE,
        maxAttempts: 8,
        sleep: time.sleep,
        random: seededRandom(1),
        onUnreachable: async (conversationId, reason, at) => {
          unreachable.push([conversationId, reason]);
          await store.notices.markUnreachable(conversationId, reason, at);
        },
        ...options,
      }),
  };
}

async function registerMany(store: Store, count: number, targets: (i: number) => NewReminderTarget[], overrides: Partial<CertificateRecord> = {}) {
  const certs: CertificateRecord[] = [];
  for (let i = 0; i < count; i += 1) {
    const cert = certificate({ thresholds: [7], weeklyAfterExpiry: false, ...overrides });
    await store.reminders.create(cert, targets(i), REGISTERED);
    certs.push(cert);
  }
  return certs;
}

/** Waits, in real time, for something the code under test does in the background. */
async function eventually(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 500; i += 1) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

/** A promise and the function that settles it: a send that answers when the test says. */
function gate(): { promise: Promise<SendOutcome>; open: (outcome: SendOutcome) => void } {
  let open: (outcome: SendOutcome) => void = () => undefined;
  const promise = new Promise<SendOutcome>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/**
 * Ticks every dispatcher at once, round after round, until no delivery is waiting; when a round finds nothing due,
 * the clock jumps to the next delivery's time. Answers every report.
 */
async function drain(dispatchers: readonly OutboxDispatcher[], time: VirtualTime, store: Store): Promise<TickReport[]> {
  const reports: TickReport[] = [];
  for (let round = 0; round < 1000; round += 1) {
    const tick = await Promise.all(dispatchers.map((d) => d.tick()));
    reports.push(...tick);
    const [left] = await store.db.query<{ n: number; next_at: number | null }>(
      "SELECT COUNT(*) AS n, MIN(next_attempt_at) AS next_at FROM outbox WHERE status IN ('pending', 'claimed')",
    );
    if (Number(left?.n) === 0) return reports;
    if (tick.every((r) => r.claimed === 0)) time.set(new Date(Number(left?.next_at)));
  }
  throw new Error('Deliveries still waiting after 1000 rounds');
}

async function statusCounts(store: Store): Promise<Record<string, number>> {
  const rows = await store.db.query<{ status: string; n: number }>('SELECT status, COUNT(*) AS n FROM outbox GROUP BY status');
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
}

const byId = (log: readonly SendAttempt[], by?: string) => sendsPerDelivery(by ? log.filter((a) => a.by === by) : log, ['sent', 'hung']);

forEachEngine((engine: Engine) => {
  const run = (start: Date, work: (h: Harness) => Promise<void>) => withStore(engine, (store) => work(harness(store, start)));

  describe('sending what came due', () => {
    test('each due reminder is sent once to each target, and a second tick sends nothing', () =>
      run(D7, async (h) => {
        const certs = await registerMany(h.store, 3, () => [personalTarget('29:alice'), channelTarget()]);
        const dispatcher = h.dispatcher();
        await expect(dispatcher.tick()).resolves.toMatchObject({ claimed: 6, sent: 6, retried: 0, lost: 0 });
        await expect(dispatcher.tick()).resolves.toMatchObject({ claimed: 0, sent: 0 });
        expect(h.log).toHaveLength(6);
        expect([...byId(h.log).values()].every((n) => n === 1)).toBe(true);
        for (const cert of certs) {
          for (const d of await h.store.reminders.deliveryStatus(cert.id)) {
            const seen = h.log.find((a) => a.deliveryId === d.id);
            expect(d).toMatchObject({ status: 'sent', sentAt: new Date(seen?.at ?? 0), activityId: `activity-${d.id}`, attempts: 1 });
          }
        }
      }));

    test('catch-up after downtime: only the latest threshold per (certificate, target) goes, once', () =>
      run(paris('2026-11-20', 11), async (h) => {
        const cert = certificate();
        const targets = [personalTarget('29:alice'), channelTarget()];
        await h.store.reminders.create(cert, targets, REGISTERED);
        const dispatcher = h.dispatcher();
        await expect(dispatcher.tick()).resolves.toMatchObject({ claimed: 2, superseded: 8, sent: 2 });
        expect(h.log.map((a) => a.threshold)).toEqual(['d7', 'd7']);
        expect(new Set(h.log.map((a) => a.conversationId))).toEqual(new Set(targets.map((t) => t.conversationId)));
        await expect(dispatcher.tick()).resolves.toMatchObject({ claimed: 0 });
        h.time.set(paris('2026-11-25'));
        await expect(dispatcher.tick()).resolves.toMatchObject({ sent: 2 });
        expect(h.log.map((a) => a.threshold)).toEqual(['d7', 'd7', 'd1', 'd1']);
      }));

    test('a dispatcher that starts catches up at once, without waiting for its interval', () =>
      run(paris('2026-11-20', 11), async (h) => {
        await registerMany(h.store, 2, () => [personalTarget('29:alice')], { thresholds: [30, 14, 7] });
        const dispatcher = h.dispatcher();
        dispatcher.start(3_600_000);
        try {
          await eventually(() => h.log.length === 2, 'the catch-up sends');
        } finally {
          await dispatcher.stop();
        }
        expect(h.log.map((a) => a.threshold)).toEqual(['d7', 'd7']);
        expect(await statusCounts(h.store)).toEqual({ sent: 2, skipped: 4 });
      }));
  });

  describe('refusals', () => {
    test('403: the delivery is unreachable, the conversation marked through onUnreachable, and nothing more goes there until it speaks again', () =>
      run(D7, async (h) => {
        const alice = personalTarget('29:alice');
        const channel = channelTarget();
        await h.store.conversations.save(conversation(alice.conversationId, REGISTERED));
        const [first, second] = await registerMany(h.store, 2, (i) => (i === 0 ? [alice, channel] : [alice]), { thresholds: [7, 1] });
        let blocked = true;
        const decide: Decide = (delivery) =>
          blocked && delivery.conversationId === alice.conversationId
            ? { kind: 'unreachable', reason: 'ConversationBlockedByUser' }
            : sentOk(delivery);
        const dispatcher = h.dispatcher('A', decide);

        await expect(dispatcher.tick()).resolves.toMatchObject({ claimed: 3, sent: 1, unreachable: 1, deferred: 1 });
        expect(h.unreachable).toEqual([[alice.conversationId, 'ConversationBlockedByUser']]);
        expect((await h.store.conversations.get(alice.conversationId))?.unreachableReason).toBe('ConversationBlockedByUser');
        // One attempt to Alice's chat, not two: the second of her reminders was put back without trying.
        expect(h.log.filter((a) => a.conversationId === alice.conversationId)).toHaveLength(1);

        // The channel, the first certificate's other target (it has no other owner), is told of Alice's chat once,
        // and gets its d1; Alice's chat nothing.
        h.time.set(paris('2026-11-25'));
        await expect(dispatcher.tick()).resolves.toMatchObject({ claimed: 2, sent: 2 });
        expect(h.log.filter((a) => a.conversationId === channel.conversationId).map((a) => a.threshold)).toEqual(['d7', 'u1', 'd1']);
        expect(h.log.filter((a) => a.conversationId === alice.conversationId)).toHaveLength(1);

        // Alice writes to the bot again: the mark is cleared, and her latest reminders go (d1, not the stale d7).
        blocked = false;
        await h.store.conversations.save({ ...conversation(alice.conversationId, paris('2026-11-25', 10)), reference: { again: true } });
        h.time.set(paris('2026-11-25', 10));
        await expect(dispatcher.tick()).resolves.toMatchObject({ claimed: 2, sent: 2, superseded: 1 });
        const toAlice = h.log.filter((a) => a.conversationId === alice.conversationId && a.outcome === 'sent');
        expect(toAlice.map((a) => [a.certificateId, a.threshold]).sort()).toEqual(
          [
            [first?.id, 'd1'],
            [second?.id, 'd1'],
          ].sort(),
        );
      }));

    test('429 waits exactly for Retry-After, then goes; the attempt is counted', () =>
      run(D7, async (h) => {
        const [cert] = await registerMany(h.store, 1, () => [personalTarget('29:alice')]);
        let calls = 0;
        const dispatcher = h.dispatcher('A', (d) => (++calls === 1 ? { kind: 'retry', status: 429, afterMs: 5000 } : sentOk(d)));
        await expect(dispatcher.tick()).resolves.toMatchObject({ retried: 1 });
        const [waiting] = await h.store.reminders.deliveryStatus(cert?.id ?? '');
        expect(waiting).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: later(D7, 5000), lastError: 'HTTP 429' });
        h.time.set(later(D7, 4999));
        await expect(dispatcher.tick()).resolves.toMatchObject({ claimed: 0 });
        h.time.set(later(D7, 5000));
        await expect(dispatcher.tick()).resolves.toMatchObject({ sent: 1 });
        expect((await h.store.reminders.deliveryStatus(cert?.id ?? ''))[0]).toMatchObject({ status: 'sent', attempts: 2 });
        expect(h.log.map((a) => a.at - D7.getTime())).toEqual([0, 5000]);
      }));

    test('a 429 holds back the rest of that conversation’s batch, not the other conversations', () =>
      run(D7, async (h) => {
        const busy = channelTarget();
        await registerMany(h.store, 3, () => [busy]);
        await registerMany(h.store, 2, () => [channelTarget()]);
        const dispatcher = h.dispatcher('A', (d) => (d.conversationId === busy.conversationId ? { kind: 'retry', status: 429, afterMs: 120_000 } : sentOk(d)));
        await expect(dispatcher.tick()).resolves.toMatchObject({ claimed: 5, sent: 2, retried: 1, deferred: 2 });
        const refused = h.log.filter((a) => a.conversationId === busy.conversationId);
        expect(refused).toHaveLength(1);
        const held = await h.store.db.query<{ next_attempt_at: number }>("SELECT next_attempt_at FROM outbox WHERE status = 'pending'");
        const retryAt = (refused[0]?.at ?? 0) + 120_000;
        expect(held.map((row) => Number(row.next_attempt_at))).toEqual([retryAt, retryAt, retryAt]);
      }));

    test('503 backs off with the injected jitter: random 0.25 of a 2 s base is 500 ms', () =>
      run(D7, async (h) => {
        const [cert] = await registerMany(h.store, 1, () => [personalTarget('29:alice')]);
        const dispatcher = h.dispatcher('A', () => ({ kind: 'retry', status: 503, afterMs: undefined }), {
          random: () => 0.25,
          backoff: { baseMs: 2000, capMs: 60_000 },
        });
        await dispatcher.tick();
        expect((await h.store.reminders.deliveryStatus(cert?.id ?? ''))[0]).toMatchObject({ status: 'pending', nextAttemptAt: later(D7, 500), lastError: 'HTTP 503' });
      }));

    test('refused every time, a delivery fails after maxAttempts attempts, no more', () =>
      run(D7, async (h) => {
        const [cert] = await registerMany(h.store, 1, () => [personalTarget('29:alice')]);
        const dispatcher = h.dispatcher('A', () => ({ kind: 'retry', status: 503, afterMs: undefined }), { maxAttempts: 3 });
        for (let i = 0; i < 10; i += 1) {
          await dispatcher.tick();
          h.time.advance(10 * 60_000);
        }
        expect(h.log).toHaveLength(3);
        expect((await h.store.reminders.deliveryStatus(cert?.id ?? ''))[0]).toMatchObject({ status: 'failed', attempts: 3, lastError: 'HTTP 503 after 3 attempts' });
      }));

    test.each([
      ['a refusal the sender calls final (400)', { kind: 'failed', reason: 'HTTP 400' } as SendOutcome, 'HTTP 400'],
      ['a retry status Teams does not document (500)', { kind: 'retry', status: 500, afterMs: undefined } as SendOutcome, 'HTTP 500 (not retryable)'],
    ])('%s is not retried', (_name, outcome, reason) =>
      run(D7, async (h) => {
        const [cert] = await registerMany(h.store, 1, () => [personalTarget('29:alice')]);
        const dispatcher = h.dispatcher('A', () => outcome);
        await expect(dispatcher.tick()).resolves.toMatchObject({ failed: 1 });
        h.time.advance(3_600_000);
        await expect(dispatcher.tick()).resolves.toMatchObject({ claimed: 0 });
        expect(h.log).toHaveLength(1);
        expect((await h.store.reminders.deliveryStatus(cert?.id ?? ''))[0]).toMatchObject({ status: 'failed', lastError: reason });
      }),
    );

    test('a sender that throws is a transport failure: retried, and the tick goes on', () =>
      run(D7, async (h) => {
        await registerMany(h.store, 2, () => [personalTarget('29:alice')]);
        let calls = 0;
        const dispatcher = h.dispatcher('A', (d) => {
          if (++calls === 1) throw new Error('ECONNRESET');
          return sentOk(d);
        });
        await expect(dispatcher.tick()).resolves.toMatchObject({ claimed: 2, retried: 1, sent: 1 });
        const [row] = await h.store.db.query<{ last_error: string }>("SELECT last_error FROM outbox WHERE status = 'pending'");
        expect(row?.last_error).toBe('transport failure');
      }));
  });

  describe('several dispatchers, crashes and leases', () => {
    test('a dispatcher that dies mid-batch: after its lease another sends each reminder once; only its in-flight sends are doubled', () =>
      run(D7, async (h) => {
        const conversations = Array.from({ length: 10 }, () => channelTarget());
        await registerMany(h.store, 30, (i) => [conversations[i % 10] as NewReminderTarget]);
        const crashed = h.dispatcher('crashed', () => 'hang');
        void crashed.tick();
        // It claimed all 30 and got one message out per conversation before dying.
        await eventually(() => h.log.filter((a) => a.by === 'crashed').length === 10 && h.time.sleeping === 0, 'the crashed sends');
        await eventually(async () => (await statusCounts(h.store)).claimed === 30, 'the crashed claim');

        const survivor = h.dispatcher('survivor');
        await expect(survivor.tick()).resolves.toMatchObject({ claimed: 0 });
        h.time.set(later(D7, LEASE));
        await expect(survivor.tick()).resolves.toMatchObject({ claimed: 30, sent: 30, lost: 0 });

        const bySurvivor = byId(h.log, 'survivor');
        const byCrashed = byId(h.log, 'crashed');
        expect(bySurvivor.size).toBe(30);
        expect([...bySurvivor.values()].every((n) => n === 1)).toBe(true);
        expect([...byCrashed.values()].every((n) => n === 1)).toBe(true);
        const duplicates = [...byId(h.log).values()].filter((n) => n > 1).length;
        expect(duplicates).toBe(byCrashed.size);
        expect(duplicates).toBe(10);
        expect(await statusCounts(h.store)).toEqual({ sent: 30 });
      }));

    test('a completion from a dispatcher whose lease was taken over is ignored', () =>
      run(D7, async (h) => {
        const [cert] = await registerMany(h.store, 1, () => [personalTarget('29:alice')]);
        const slow = gate();
        const late = h.dispatcher('late', () => slow.promise);
        const lateTick = late.tick();
        await eventually(() => h.log.length === 1, 'the slow send');

        h.time.set(later(D7, LEASE));
        const other = h.dispatcher('other', (d) => ({ kind: 'sent', activityId: `from-other-${d.id}` }));
        await expect(other.tick()).resolves.toMatchObject({ claimed: 1, sent: 1 });
        slow.open({ kind: 'sent', activityId: 'from-late' });
        await expect(lateTick).resolves.toMatchObject({ claimed: 1, sent: 0, lost: 1 });
        const [row] = await h.store.reminders.deliveryStatus(cert?.id ?? '');
        expect(row?.activityId).toBe(`from-other-${row?.id}`);
        expect(row?.sentAt).toEqual(later(D7, LEASE));
      }));

    test('no send starts once the lease is nearly over: the rest of the batch goes back to the queue, none lost', () =>
      run(D7, async (h) => {
        await registerMany(h.store, 60, () => [personalTarget('29:alice')]);
        // 10 a second and a 5 s lease (no send in its last 0.5 s): 46 go (0 s … 4.5 s), 14 wait for a later tick.
        const dispatcher = h.dispatcher('A', sentOk, { globalRatePerSecond: 10, leaseMs: 5000 });
        await expect(dispatcher.tick()).resolves.toMatchObject({ claimed: 60, sent: 46, deferred: 14 });
        expect(Math.max(...h.log.map((a) => a.at))).toBe(later(D7, 4500).getTime());
        const [next] = await h.store.db.query<{ at: number }>("SELECT MIN(next_attempt_at) AS at FROM outbox WHERE status = 'pending'");
        expect(Number(next?.at)).toBe(later(D7, 4600).getTime());
        await drain([dispatcher], h.time, h.store);
        expect(await statusCounts(h.store)).toEqual({ sent: 60 });
        expect([...byId(h.log).values()].every((n) => n === 1)).toBe(true);
      }));

    test('exactly once with 3 dispatchers at once on one database, 20% of attempts refused with 429/503', () =>
      withStore(engine, async (first, database) => {
        const total = engine.name === 'PostgreSQL' ? 2000 : 300;
        const perCertificate = 5;
        const pool = Array.from({ length: 50 }, () => unique('19:channel'));
        const stores = [first, await database.connect(), await database.connect()];
        const time = new VirtualTime(REGISTERED);
        await Promise.all(
          Array.from({ length: 4 }, async (_, worker) => {
            for (let i = worker; i < total / perCertificate; i += 4) {
              const targets = Array.from({ length: perCertificate }, (_, k) => ({
                conversationId: pool[(i * perCertificate + k) % pool.length] as string,
                kind: 'channel' as const,
                userId: undefined,
              }));
              await first.reminders.create(certificate({ thresholds: [0], weeklyAfterExpiry: false }), targets, REGISTERED);
            }
          }),
        );
        time.set(paris('2026-11-26'));

        const log: SendAttempt[] = [];
        const random = seededRandom(2026);
        const flaky: Decide = (delivery) => {
          if (random() >= 0.2) return { kind: 'sent', activityId: delivery.id };
          return random() < 0.5 ? { kind: 'retry', status: 429, afterMs: 1000 + Math.floor(random() * 2000) } : { kind: 'retry', status: 503, afterMs: undefined };
        };
        const dispatchers = stores.map(
          (store, i) =>
            new OutboxDispatcher({
              repo: store.outbox,
              sender: new FakeSender(time, log, `instance-${i}`, flaky),
              clock: time,
              owner: `instance-${i}`,
              batchSize: 100,
              leaseMs: LEASE,
              maxAttempts: 30,
              backoff: { baseMs: 1000, capMs: 30_000 },
              sleep: time.sleep,
              random: seededRandom(i),
              onUnreachable: () => Promise.resolve(),
            }),
        );
        const reports = await drain(dispatchers, time, first);

        const rows = await first.db.query<{ id: string; status: string; attempts: number }>('SELECT id, status, attempts FROM outbox');
        expect(rows).toHaveLength(total);
        expect(rows.every((row) => row.status === 'sent')).toBe(true);
        const sent = sendsPerDelivery(log, ['sent']);
        expect(sent.size).toBe(total);
        expect([...sent.values()].every((n) => n === 1)).toBe(true);
        // Every attempt the connector saw is accounted for in the rows, and retries did happen.
        const attempts = sendsPerDelivery(log, ['sent', 'retry']);
        expect(rows.every((row) => Number(row.attempts) === attempts.get(row.id))).toBe(true);
        expect(log.filter((a) => a.outcome === 'retry').length).toBeGreaterThan(total * 0.15);
        expect(reports.reduce((n, r) => n + r.lost + r.errors, 0)).toBe(0);
        for (let i = 0; i < 3; i += 1) expect(log.some((a) => a.by === `instance-${i}` && a.outcome === 'sent')).toBe(true);
      }));
  });

  describe('rate limits', () => {
    /** Messages per calendar second: overall, and for the busiest conversation. */
    function busiestSeconds(log: readonly SendAttempt[]): { global: number; perConversation: number } {
      const global = new Map<number, number>();
      const perConversation = new Map<string, number>();
      for (const a of log) {
        const second = Math.floor(a.at / 1000);
        global.set(second, (global.get(second) ?? 0) + 1);
        const key = `${a.conversationId}@${second}`;
        perConversation.set(key, (perConversation.get(key) ?? 0) + 1);
      }
      return { global: Math.max(...global.values()), perConversation: Math.max(...perConversation.values()) };
    }

    test('never more than 7 a second to one conversation, nor more than the global rate overall', () =>
      run(D7, async (h) => {
        const busy = [channelTarget(), channelTarget(), channelTarget()];
        await registerMany(h.store, 40, () => busy);
        await registerMany(h.store, 60, () => [personalTarget('29:alice')]);
        const dispatcher = h.dispatcher('A', sentOk, { globalRatePerSecond: 12, batchSize: 500, leaseMs: 600_000 });
        await expect(dispatcher.tick()).resolves.toMatchObject({ claimed: 180, sent: 180 });
        expect(busiestSeconds(h.log)).toEqual({ global: 12, perConversation: expect.any(Number) });
        expect(busiestSeconds(h.log).perConversation).toBeLessThanOrEqual(7);
      }));

    test('two instances sending to one conversation together keep its 7 a second, through the shared slots', () =>
      run(D7, async (h) => {
        await registerMany(h.store, 40, () => [channelTarget('19:busy')]);
        const options = { leaseMs: 600_000, batchSize: 20, sharedSlots: h.store.sendSlots };
        const [a, b] = [h.dispatcher('A', sentOk, options), h.dispatcher('B', sentOk, options)];
        const reports = await Promise.all([a.tick(), b.tick()]);
        expect(reports.map((r) => r.sent)).toEqual([20, 20]);
        expect(new Set(h.log.map((attempt) => attempt.by))).toEqual(new Set(['A', 'B']));
        expect(busiestSeconds(h.log).perConversation).toBeLessThanOrEqual(7);
        // Without them, each instance keeps its own 7 a second: 14 together.
        const [c, d] = [h.dispatcher('C', sentOk, { leaseMs: 600_000, batchSize: 20 }), h.dispatcher('D', sentOk, { leaseMs: 600_000, batchSize: 20 })];
        h.log.length = 0;
        await registerMany(h.store, 40, () => [channelTarget('19:other')]);
        await Promise.all([c.tick(), d.tick()]);
        expect(busiestSeconds(h.log).perConversation).toBeGreaterThan(7);
      }));

    test('one busy conversation alone gets its 7 a second, not more', () =>
      run(D7, async (h) => {
        await registerMany(h.store, 50, () => [channelTarget('19:busy')]);
        const dispatcher = h.dispatcher('A', sentOk, { leaseMs: 600_000 });
        await expect(dispatcher.tick()).resolves.toMatchObject({ sent: 50 });
        expect(busiestSeconds(h.log)).toEqual({ global: 7, perConversation: 7 });
      }));
  });

  describe('start and stop', () => {
    test('stop waits for the batch in flight, and no tick follows', () =>
      run(D7, async (h) => {
        await registerMany(h.store, 1, () => [personalTarget('29:alice')]);
        const slow = gate();
        const dispatcher = h.dispatcher('A', () => slow.promise);
        dispatcher.start(10);
        await eventually(() => h.log.length === 1, 'the send');
        let stopped = false;
        const stopping = dispatcher.stop().then(() => {
          stopped = true;
        });
        await new Promise((resolve) => setTimeout(resolve, 30));
        expect(stopped).toBe(false);
        slow.open({ kind: 'sent', activityId: 'done' });
        await stopping;
        expect(await statusCounts(h.store)).toEqual({ sent: 1 });
        await registerMany(h.store, 1, () => [personalTarget('29:bob')]);
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(h.log).toHaveLength(1);
      }));

    test('nonsense settings are refused when the dispatcher is built', () =>
      run(D7, async (h) => {
        expect(() => h.dispatcher('A', sentOk, { batchSize: 0 })).toThrow(RangeError);
        expect(() => h.dispatcher('A', sentOk, { leaseMs: -1 })).toThrow(RangeError);
        expect(() => h.dispatcher('A', sentOk, { globalRatePerSecond: 0 })).toThrow(RangeError);
        expect(() => h.dispatcher('', sentOk)).toThrow(RangeError);
      }));
  });
});

forEachEngine((engine: Engine) => {
  const run = (start: Date, work: (h: Harness) => Promise<void>) => withStore(engine, (store) => work(harness(store, start)));
  const DAY = 86_400_000;

  describe('a clock set back (CLOCK_OFFSET_DAYS lowered, a test clock, an NTP step)', () => {
    test('after a tick, the clock set back a day: the next due batch goes at once, nothing deferred to the old time', () =>
      run(D7, async (h) => {
        const busy = channelTarget();
        await registerMany(h.store, 1, () => [busy]);
        const dispatcher = h.dispatcher();
        await expect(dispatcher.tick()).resolves.toMatchObject({ claimed: 1, sent: 1 });
        expect(h.log.map((a) => a.at)).toEqual([D7.getTime()]);

        h.time.advance(-DAY);
        const back = h.time.now().getTime();
        // Due at the new time (d8 is a day before d7): one to the conversation that just got a message, one elsewhere.
        await registerMany(h.store, 1, () => [busy, channelTarget()], { thresholds: [8] });
        await expect(dispatcher.tick()).resolves.toMatchObject({ claimed: 2, sent: 2, deferred: 0, retried: 0 });
        const again = h.log.slice(1);
        expect(again.map((a) => a.threshold)).toEqual(['d8', 'd8']);
        // Within the rates counted from the new time (the busy conversation's 143 ms at most), not a day later.
        expect(again.every((a) => a.at >= back && a.at <= back + 143)).toBe(true);
        expect(await statusCounts(h.store)).toEqual({ sent: 3 });
      }));
  });
});
