import { storeOver } from '../../src/store';
import { migrate, MIGRATIONS } from '../../src/store/migrations';
import type { SqlDatabase } from '../../src/store/sql';
import { forEachRawEngine, type RawDatabase } from './raw-database';

const T0 = Date.UTC(2026, 7, 28, 7, 0);
const LEASE_END = T0 + 60_000;
const CERT = 'cert-1';

/** One row of the version-7 reminder_deliveries table in each state a live database may hold. */
const ROWS: ReadonlyArray<Record<string, string | number | null>> = [
  { id: 'pending-due', conversation_id: 'a:alice', threshold: 'd90', due_at: T0, status: 'pending', attempts: 0, next_attempt_at: T0 },
  { id: 'pending-later', conversation_id: 'a:alice', threshold: 'd60', due_at: T0 + 86_400_000 * 30, status: 'pending', attempts: 0, next_attempt_at: T0 + 86_400_000 * 30 },
  { id: 'retrying', conversation_id: '19:channel', threshold: 'd90', due_at: T0, status: 'pending', attempts: 2, next_attempt_at: T0 + 5_000, last_error: 'HTTP 503' },
  { id: 'claimed-live', conversation_id: 'a:bob', threshold: 'd90', due_at: T0, status: 'claimed', attempts: 0, next_attempt_at: LEASE_END, lease_owner: 'old-instance', lease_until: LEASE_END },
  { id: 'sent-acked', conversation_id: 'a:carol', threshold: 'd90', due_at: T0, status: 'sent', attempts: 1, next_attempt_at: T0, sent_at: T0 + 1_000, activity_id: 'act-1', acknowledged_by: '29:carol', acknowledged_by_name: 'Carol', acknowledged_at: T0 + 2_000 },
  { id: 'sent-erased-ack', conversation_id: 'a:dan', threshold: 'd90', due_at: T0, status: 'sent', attempts: 1, next_attempt_at: T0, sent_at: T0 + 1_000, activity_id: 'act-2', acknowledged_at: T0 + 3_000 },
  { id: 'skipped', conversation_id: 'a:erin', threshold: 'd60', due_at: T0, status: 'skipped', attempts: 0, next_attempt_at: T0, last_error: 'renewed' },
  { id: 'unreachable', conversation_id: 'a:frank', threshold: 'd90', due_at: T0, status: 'unreachable', attempts: 1, next_attempt_at: T0, last_error: 'ConversationBlockedByUser' },
  { id: 'failed', conversation_id: 'a:gina', threshold: 'd90', due_at: T0, status: 'failed', attempts: 10, next_attempt_at: T0, last_error: 'HTTP 400' },
  { id: 'notice', conversation_id: 'a:alice', threshold: 'u1', due_at: T0, status: 'pending', attempts: 0, next_attempt_at: T0, about_conversation_id: 'a:frank' },
  { id: 'snooze', conversation_id: 'a:alice', threshold: 's1', due_at: T0 + 86_400_000, status: 'pending', attempts: 0, next_attempt_at: T0 + 86_400_000 },
];

const COLUMNS = [
  'id', 'certificate_id', 'conversation_id', 'expiry_date', 'threshold', 'due_at', 'status', 'attempts', 'next_attempt_at', 'lease_owner',
  'lease_until', 'sent_at', 'activity_id', 'last_error', 'acknowledged_by', 'acknowledged_by_name', 'acknowledged_at', 'about_conversation_id',
];

/** A database at version 7 holding ROWS, the certificate they belong to, and Frank's chat marked unreachable. */
async function version7(db: SqlDatabase): Promise<void> {
  await migrate(db, T0, MIGRATIONS.filter((migration) => migration.version <= 7));
  await db.execute(
    `INSERT INTO certificates (id, label, expiry_date, thresholds, weekly_after_expiry, delivery_hour, working_days_only, created_by, created_at, updated_at)
     VALUES ($1, 'Serveur DMP', '2026-11-26', '[90,60]', 0, 9, 0, '29:alice', $2, $2)`,
    [CERT, T0],
  );
  for (const row of ROWS) {
    const values = COLUMNS.map((column) => (column === 'certificate_id' ? CERT : column === 'expiry_date' ? '2026-11-26' : (row[column] ?? null)));
    await db.execute(`INSERT INTO reminder_deliveries (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`, values);
  }
}

function suite(open: () => Promise<RawDatabase>): void {
  let db: SqlDatabase;
  let drop: () => Promise<void>;

  beforeEach(async () => {
    ({ db, drop } = await open());
    await version7(db);
    await expect(migrate(db, T0, MIGRATIONS.filter((m) => m.version <= 8))).resolves.toEqual([8]);
    await migrate(db, T0);
  });

  afterEach(async () => {
    await db.close();
    await drop();
  });

  it('moves every delivery into the outbox with its id, state, attempts, lease and result', async () => {
    const store = storeOver(db);
    const history = await store.reminders.deliveryStatus(CERT);

    expect(history.map((d) => d.id).sort()).toEqual(ROWS.map((row) => String(row.id)).sort());
    for (const row of ROWS) {
      const moved = history.find((d) => d.id === row.id);
      expect(moved).toMatchObject({
        certificateId: CERT,
        conversationId: row.conversation_id,
        expiryDate: '2026-11-26',
        threshold: row.threshold,
        status: row.status,
        attempts: row.attempts,
        dueAt: new Date(Number(row.due_at)),
        nextAttemptAt: new Date(Number(row.next_attempt_at)),
        leaseUntil: row.lease_until ? new Date(Number(row.lease_until)) : undefined,
        sentAt: row.sent_at ? new Date(Number(row.sent_at)) : undefined,
        activityId: row.activity_id ?? undefined,
        lastError: row.last_error ?? undefined,
        acknowledgedBy: row.acknowledged_by ?? undefined,
        acknowledgedByName: row.acknowledged_by_name ?? undefined,
        acknowledgedAt: row.acknowledged_at ? new Date(Number(row.acknowledged_at)) : undefined,
        aboutConversationId: row.about_conversation_id ?? undefined,
      });
    }
    const kinds = await db.query<{ id: string; kind: string }>('SELECT id, kind FROM outbox ORDER BY id');
    expect(kinds.filter((row) => row.kind === 'owner-notice').map((row) => row.id)).toEqual(['notice']);
    const tables = await db.query<{ name: string }>(
      db.dialect === 'postgres'
        ? 'SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()'
        : "SELECT name FROM sqlite_master WHERE type = 'table'",
    );
    expect(tables.map((table) => table.name)).toEqual(expect.arrayContaining(['outbox', 'reminder_acknowledgements']));
    expect(tables.map((table) => table.name)).not.toContain('reminder_deliveries');
  });

  it('sends what was pending exactly once, waits for a live lease, and never sends again what went', async () => {
    const store = storeOver(db);

    const first = await store.outbox.claimDue(new Date(T0), 50, 'new-instance', 60_000);
    // The due d90 to Alice and her notice; the channel's retry waits for its next attempt; Bob's is still leased.
    expect(first.claimed.map((item) => item.id).sort()).toEqual(['notice', 'pending-due']);
    expect(first.claimed.find((item) => item.id === 'notice')).toMatchObject({ kind: 'owner-notice', payload: { about: 'a:frank' } });

    for (const item of first.claimed) await store.outbox.complete(item.id, 'new-instance', { kind: 'sent', activityId: `act-${item.id}` }, new Date(T0));

    const second = await store.outbox.claimDue(new Date(LEASE_END), 50, 'new-instance', 60_000);
    expect(second.claimed.map((item) => item.id).sort()).toEqual(['claimed-live', 'retrying']);
    expect(second.claimed.find((item) => item.id === 'retrying')?.attempts).toBe(2);

    for (const item of second.claimed) await store.outbox.complete(item.id, 'new-instance', { kind: 'sent', activityId: `act-${item.id}` }, new Date(LEASE_END));

    const later = await store.outbox.claimDue(new Date(T0 + 86_400_000 * 40), 50, 'new-instance', 60_000);
    // Only the snooze and the d60 were left; catch-up keeps the latest of Alice's (d60) and skips the snooze.
    expect(later.claimed.map((item) => item.id)).toEqual(['pending-later']);
    expect(later.superseded).toBe(1);
    const sentTwice = (await store.reminders.deliveryStatus(CERT)).filter((d) => d.status === 'sent' && ROWS.some((row) => row.id === d.id && row.status === 'sent'));
    expect(sentTwice.map((d) => d.activityId).sort()).toEqual(['act-1', 'act-2']);
  });
}

describe('migration 8: reminder_deliveries becomes the outbox, nothing lost or sent twice', () => {
  forEachRawEngine(suite);
});
