import type { CertificateRecord } from '../../src/domain/reminders/certificate';
import type { Delivery } from '../../src/domain/reminders/delivery';
import { dueInstant } from '../../src/domain/reminders/schedule';
import type { Store } from '../../src/store';
import { claimCandidatesSql } from '../../src/store/outbox-store';
import { forEachEngine, withStore, type Engine } from './engines';
import { certificate, channelTarget, conversation, DAY_MS, later, paris, personalTarget, unique } from '../fixtures/reminders';

const REGISTERED = paris('2026-01-05', 10);
const LEASE = 60_000;

/** Threshold → status of one conversation's deliveries, e.g. { d7: 'sent', d1: 'pending' }. */
async function statuses(store: Store, certificateId: string, conversationId?: string): Promise<Record<string, string>> {
  const rows = (await store.reminders.deliveryStatus(certificateId)).filter((d) => !conversationId || d.conversationId === conversationId);
  return Object.fromEntries(rows.map((d) => [`${d.threshold}${d.expiryDate === '2026-11-26' ? '' : `@${d.expiryDate}`}`, d.status]));
}

async function only(store: Store, certificateId: string, threshold: string, conversationId?: string): Promise<Delivery> {
  const found = (await store.reminders.deliveryStatus(certificateId)).filter(
    (d) => d.threshold === threshold && (!conversationId || d.conversationId === conversationId),
  );
  expect(found).toHaveLength(1);
  return found[0] as Delivery;
}

/** Registers a certificate with one personal chat and answers both. */
async function register(store: Store, overrides: Partial<CertificateRecord> = {}, at = REGISTERED) {
  const cert = certificate(overrides);
  const target = personalTarget(cert.createdBy);
  await store.reminders.create(cert, [target], at);
  return { cert, conversationId: target.conversationId };
}

forEachEngine((engine: Engine) => {
  const run = (work: (store: Store) => Promise<void>) => withStore(engine, (store) => work(store));

  describe('the certificate register', () => {
    test('a certificate reads back with every field and its targets', () =>
      run(async (store) => {
        const cert = certificate({ finess: undefined, corridor: undefined, usage: 'DMP', delivery: { hour: 7, workingDaysOnly: true } });
        const alice = personalTarget('29:alice');
        const channel = channelTarget();
        await store.reminders.create(cert, [alice, channel], REGISTERED);
        await expect(store.reminders.get(cert.id)).resolves.toEqual({
          certificate: cert,
          targets: [
            { certificateId: cert.id, ...alice },
            { certificateId: cert.id, ...channel },
          ].sort((a, b) => a.conversationId.localeCompare(b.conversationId)),
        });
        await expect(store.reminders.get('unknown')).resolves.toBeUndefined();
      }));

    test('registering plans one pending delivery per threshold and target, at the schedule instants', () =>
      run(async (store) => {
        const cert = certificate();
        const targets = [personalTarget('29:alice'), channelTarget()];
        await store.reminders.create(cert, targets, REGISTERED);
        const rows = await store.reminders.deliveryStatus(cert.id);
        expect(rows).toHaveLength(16);
        for (const target of targets) {
          const mine = rows.filter((d) => d.conversationId === target.conversationId);
          expect(mine.map((d) => d.threshold)).toEqual(['d90', 'd60', 'd30', 'd14', 'd7', 'd1', 'd0', 'w1']);
          expect(mine.every((d) => d.status === 'pending' && d.attempts === 0 && d.expiryDate === '2026-11-26')).toBe(true);
          expect(mine.every((d) => d.nextAttemptAt.getTime() === d.dueAt.getTime())).toBe(true);
        }
        expect(rows.find((d) => d.threshold === 'd30')?.dueAt).toEqual(dueInstant('2026-11-26', 30, cert.delivery));
      }));

    test('a certificate whose schedule is invalid is not registered at all (one transaction)', () =>
      run(async (store) => {
        const cert = certificate({ thresholds: [30, -2] });
        await expect(store.reminders.create(cert, [personalTarget('29:alice')], REGISTERED)).rejects.toThrow('invalid-threshold');
        await expect(store.reminders.get(cert.id)).resolves.toBeUndefined();
        await expect(store.reminders.deliveryStatus(cert.id)).resolves.toEqual([]);
      }));

    test('the same conversation given twice is one target with one set of deliveries', () =>
      run(async (store) => {
        const cert = certificate({ thresholds: [7] , weeklyAfterExpiry: false });
        const target = personalTarget('29:alice');
        await store.reminders.create(cert, [target, target], REGISTERED);
        expect((await store.reminders.get(cert.id))?.targets).toHaveLength(1);
        await expect(store.reminders.deliveryStatus(cert.id)).resolves.toHaveLength(1);
      }));

    test('saving an unchanged certificate again duplicates nothing and changes nothing', () =>
      run(async (store) => {
        const { cert } = await register(store);
        const before = await store.reminders.deliveryStatus(cert.id);
        await expect(store.reminders.update(cert, later(REGISTERED, DAY_MS))).resolves.toBe(true);
        await expect(store.reminders.deliveryStatus(cert.id)).resolves.toEqual(before);
      }));

    test('renewal: the old date’s reminders still to go are skipped, sent ones stay sent, the new date gets its own d90…w1', () =>
      run(async (store) => {
        const { cert, conversationId } = await register(store);
        const d90At = paris('2026-08-28');
        const [claimed] = (await store.outbox.claimDue(d90At, 10, 'A', LEASE)).claimed;
        await store.outbox.complete(claimed?.id ?? '', 'A', { kind: 'sent', activityId: 'act-1' }, d90At);

        const renewed = { ...cert, expiryDate: '2029-11-20', updatedAt: later(d90At, DAY_MS) };
        await expect(store.reminders.update(renewed, later(d90At, DAY_MS))).resolves.toBe(true);

        expect(await statuses(store, cert.id, conversationId)).toEqual({
          d90: 'sent',
          d60: 'skipped',
          d30: 'skipped',
          d14: 'skipped',
          d7: 'skipped',
          d1: 'skipped',
          d0: 'skipped',
          w1: 'skipped',
          'd90@2029-11-20': 'pending',
          'd60@2029-11-20': 'pending',
          'd30@2029-11-20': 'pending',
          'd14@2029-11-20': 'pending',
          'd7@2029-11-20': 'pending',
          'd1@2029-11-20': 'pending',
          'd0@2029-11-20': 'pending',
          'w1@2029-11-20': 'pending',
        });
        const old = (await store.reminders.deliveryStatus(cert.id)).filter((d) => d.expiryDate === '2026-11-26' && d.status === 'skipped');
        expect(new Set(old.map((d) => d.lastError))).toEqual(new Set(['renewed']));
        // Nothing of the old date is ever claimed again.
        await expect(store.outbox.claimDue(paris('2026-12-31'), 100, 'A', LEASE)).resolves.toEqual({ claimed: [], superseded: 0 });
      }));

    test('a threshold removed is skipped as unplanned; put back, it is pending again', () =>
      run(async (store) => {
        const { cert, conversationId } = await register(store);
        await store.reminders.update({ ...cert, thresholds: [90, 60, 14, 7, 1, 0] }, REGISTERED);
        const d30 = await only(store, cert.id, 'd30', conversationId);
        expect([d30.status, d30.lastError]).toEqual(['skipped', 'unplanned']);
        await store.reminders.update(cert, REGISTERED);
        const back = await only(store, cert.id, 'd30', conversationId);
        expect([back.status, back.lastError, back.id]).toEqual(['pending', undefined, d30.id]);
      }));

    test('a new delivery hour re-times the reminders still to go, not those sent', () =>
      run(async (store) => {
        const { cert } = await register(store, { thresholds: [90, 7] , weeklyAfterExpiry: false });
        const d90At = paris('2026-08-28');
        const [claimed] = (await store.outbox.claimDue(d90At, 10, 'A', LEASE)).claimed;
        await store.outbox.complete(claimed?.id ?? '', 'A', { kind: 'sent', activityId: undefined }, d90At);
        await store.reminders.update({ ...cert, delivery: { hour: 14, workingDaysOnly: false } }, later(d90At, DAY_MS));
        const [d90, d7] = await store.reminders.deliveryStatus(cert.id);
        expect(d90?.dueAt).toEqual(d90At);
        expect([d7?.dueAt, d7?.nextAttemptAt]).toEqual([paris('2026-11-19', 14), paris('2026-11-19', 14)]);
      }));

    test('stop switches reminders off: thresholds emptied, every reminder still to go skipped, the next save plans none', () =>
      run(async (store) => {
        const { cert, conversationId } = await register(store);
        await expect(store.reminders.stop(cert.id, later(REGISTERED, DAY_MS))).resolves.toBe(true);
        const stopped = await store.reminders.get(cert.id);
        expect(stopped?.certificate.thresholds).toEqual([]);
        const rows = await store.reminders.deliveryStatus(cert.id);
        expect(rows.every((d) => d.status === 'skipped' && d.lastError === 'stopped')).toBe(true);
        await store.reminders.update({ ...cert, thresholds: [], label: 'renamed' }, later(REGISTERED, 2 * DAY_MS));
        expect(Object.values(await statuses(store, cert.id, conversationId)).every((s) => s === 'skipped')).toBe(true);
        await expect(store.reminders.stop('unknown', REGISTERED)).resolves.toBe(false);
      }));

    test('deleting a certificate deletes its targets and deliveries', () =>
      run(async (store) => {
        const { cert } = await register(store);
        await expect(store.reminders.delete(cert.id)).resolves.toBe(true);
        await expect(store.reminders.get(cert.id)).resolves.toBeUndefined();
        await expect(store.reminders.deliveryStatus(cert.id)).resolves.toEqual([]);
        await expect(store.db.query('SELECT * FROM reminder_targets WHERE certificate_id = $1', [cert.id])).resolves.toEqual([]);
        await expect(store.reminders.delete(cert.id)).resolves.toBe(false);
      }));

    test('an update of an unknown certificate answers false and creates nothing', () =>
      run(async (store) => {
        const cert = certificate();
        await expect(store.reminders.update(cert, REGISTERED)).resolves.toBe(false);
        await expect(store.reminders.get(cert.id)).resolves.toBeUndefined();
      }));
  });

  describe('targets and listing', () => {
    test('a user sees the certificates they created or are reminded of in person, with next and last reminders', () =>
      run(async (store) => {
        const bob = unique('29:bob');
        const created = certificate({ createdBy: bob, expiryDate: '2026-12-01' });
        const remindedOf = certificate({ createdBy: '29:carol', expiryDate: '2026-11-26' });
        const inChannelOnly = certificate({ createdBy: '29:carol' });
        await store.reminders.create(created, [channelTarget()], REGISTERED);
        await store.reminders.create(remindedOf, [personalTarget(bob), personalTarget('29:carol')], REGISTERED);
        await store.reminders.create(inChannelOnly, [{ conversationId: unique('19:c'), kind: 'channel', userId: bob }], REGISTERED);

        const now = paris('2026-10-01');
        for (const item of (await store.outbox.claimDue(paris('2026-08-28'), 100, 'A', LEASE)).claimed) {
          await store.outbox.complete(item.id, 'A', { kind: 'sent', activityId: 'x' }, paris('2026-08-28'));
        }
        expect(await statuses(store, remindedOf.id)).toMatchObject({ d90: 'sent', d60: 'pending' });

        const list = await store.reminders.listForUser(bob, now);
        expect(list.map((s) => s.certificate.id)).toEqual([remindedOf.id, created.id]);
        const first = list[0];
        expect(first?.targets).toHaveLength(2);
        expect(first?.nextDelivery?.threshold).toBe('d60');
        expect(first?.nextDelivery?.status).toBe('pending');
        expect(first?.lastDelivery?.threshold).toBe('d60');
        expect(first?.lastDelivery?.status).toBe('pending');
        await expect(store.reminders.listForUser(unique('29:nobody'), now)).resolves.toEqual([]);
      }));

    test('a conversation\'s certificates: those reminded there, soonest expiry first, each with its next reminder there', () =>
      run(async (store) => {
        const channel = channelTarget();
        const later = certificate({ expiryDate: '2026-12-01' });
        const sooner = certificate({ expiryDate: '2026-11-26' });
        const stopped = certificate({ expiryDate: '2027-01-10', thresholds: [] });
        const elsewhere = certificate({ expiryDate: '2026-10-01' });
        await store.reminders.create(later, [channel], REGISTERED);
        await store.reminders.create(sooner, [personalTarget('29:alice'), channel], REGISTERED);
        await store.reminders.create(stopped, [channel], REGISTERED);
        await store.reminders.create(elsewhere, [channelTarget()], REGISTERED);

        const here = await store.reminders.listForConversation(channel.conversationId);

        expect(here.map((r) => r.certificate.id)).toEqual([sooner.id, later.id, stopped.id]);
        expect(here[0]?.nextReminderAt).toEqual((await only(store, sooner.id, 'd90', channel.conversationId)).dueAt);
        expect(here[2]?.nextReminderAt).toBeUndefined();
        await expect(store.reminders.listForConversation(unique('19:nothing'))).resolves.toEqual([]);
      }));

    test("a team sees the certificates reminded in its channels, soonest expiry first, with its channels' reminders only", () =>
      run(async (store) => {
        const [general, security] = [channelTarget(), channelTarget()];
        const later = certificate({ expiryDate: '2027-02-01' });
        const sooner = certificate({ expiryDate: '2026-12-15' });
        const elsewhere = certificate({ expiryDate: '2026-11-30' });
        await store.reminders.create(later, [personalTarget('29:alice'), general], REGISTERED);
        await store.reminders.create(sooner, [security], REGISTERED);
        await store.reminders.create(elsewhere, [personalTarget('29:bob')], REGISTERED);

        const list = await store.reminders.listForConversations([general.conversationId, security.conversationId], paris('2026-10-01'));
        expect(list.map((s) => s.certificate.id)).toEqual([sooner.id, later.id]);
        expect(list[1]?.targets.map((t) => t.conversationId)).toEqual([general.conversationId]);
        expect(list[0]?.nextDelivery).toMatchObject({ threshold: 'd90', status: 'pending' }); // due, not sent yet
        // Alice snoozes her own chat's reminder of `later`: the team's next reminder is still its channel's.
        const [alice] = (await store.reminders.get(later.id))?.targets.filter((t) => t.kind === 'personal') ?? [];
        await store.reminders.snooze(later.id, alice?.conversationId ?? '', paris('2026-10-02'), paris('2026-10-01'));
        const [, team] = await store.reminders.listForConversations([general.conversationId, security.conversationId], paris('2026-10-01'));
        expect(team?.nextDelivery?.conversationId).toBe(general.conversationId);
        await expect(store.reminders.listForConversations([], paris('2026-10-01'))).resolves.toEqual([]);
      }));

    test('a target added later gets its own plan; given twice, or for an unknown certificate, it is refused', () =>
      run(async (store) => {
        const { cert, conversationId } = await register(store, { thresholds: [7, 0], weeklyAfterExpiry: false });
        const channel = { certificateId: cert.id, ...channelTarget() };
        await expect(store.reminders.addTarget(channel, REGISTERED)).resolves.toBe(true);
        await expect(store.reminders.addTarget(channel, REGISTERED)).resolves.toBe(false);
        await expect(store.reminders.addTarget({ ...channel, certificateId: 'unknown' }, REGISTERED)).resolves.toBe(false);
        expect(await statuses(store, cert.id, channel.conversationId)).toEqual({ d7: 'pending', d0: 'pending' });
        expect(await statuses(store, cert.id, conversationId)).toEqual({ d7: 'pending', d0: 'pending' });
      }));

    test('removing a target skips its reminders still to go and leaves the others', () =>
      run(async (store) => {
        const cert = certificate({ thresholds: [7], weeklyAfterExpiry: false });
        const [alice, channel] = [personalTarget('29:alice'), channelTarget()];
        await store.reminders.create(cert, [alice, channel], REGISTERED);
        await expect(store.reminders.removeTarget(cert.id, channel.conversationId, REGISTERED)).resolves.toBe(true);
        await expect(store.reminders.removeTarget(cert.id, channel.conversationId, REGISTERED)).resolves.toBe(false);
        const d7 = await only(store, cert.id, 'd7', channel.conversationId);
        expect([d7.status, d7.lastError]).toEqual(['skipped', 'target-removed']);
        expect(await statuses(store, cert.id, alice.conversationId)).toEqual({ d7: 'pending' });
      }));
  });

  describe('claiming due deliveries', () => {
    test('only due deliveries are claimed, leased to the claimer; a second claim finds nothing', () =>
      run(async (store) => {
        const { cert } = await register(store);
        const now = later(paris('2026-08-28'), 1000);
        const batch = await store.outbox.claimDue(now, 10, 'A', LEASE);
        expect(batch.claimed.map((c) => [c.key, c.status, c.leaseUntil?.getTime()])).toEqual([
          ['d90', 'claimed', now.getTime() + LEASE],
        ]);
        expect(batch.claimed[0]?.topic).toEqual(cert.id);
        await expect(store.outbox.claimDue(now, 10, 'B', LEASE)).resolves.toEqual({ claimed: [], superseded: 0 });
      }));

    test('a claim whose lease ran out (its dispatcher died) is claimed again by another', () =>
      run(async (store) => {
        await register(store);
        const now = paris('2026-08-28');
        const [first] = (await store.outbox.claimDue(now, 10, 'A', LEASE)).claimed;
        await expect(store.outbox.claimDue(later(now, LEASE - 1), 10, 'B', LEASE)).resolves.toEqual({ claimed: [], superseded: 0 });
        const [again] = (await store.outbox.claimDue(later(now, LEASE), 10, 'B', LEASE)).claimed;
        expect(again?.id).toBe(first?.id);
        expect(again?.leaseUntil).toEqual(later(now, 2 * LEASE));
      }));

    test('the limit caps a claim, earliest first', () =>
      run(async (store) => {
        const certs = [];
        for (let i = 0; i < 5; i += 1) certs.push((await register(store, { thresholds: [0], weeklyAfterExpiry: false, expiryDate: `2026-06-0${i + 1}` })).cert);
        const batch = await store.outbox.claimDue(paris('2026-07-01'), 3, 'A', LEASE);
        expect(batch.claimed.map((c) => c.cycle)).toEqual(['2026-06-01', '2026-06-02', '2026-06-03']);
      }));

    test('catch-up: of the reminders due during a downtime, only the latest per target is claimed; the older are superseded', () =>
      run(async (store) => {
        const cert = certificate();
        const [alice, channel] = [personalTarget('29:alice'), channelTarget()];
        await store.reminders.create(cert, [alice, channel], REGISTERED);
        const back = paris('2026-11-20', 11);
        const batch = await store.outbox.claimDue(back, 100, 'A', LEASE);
        expect(batch.claimed.map((c) => c.key)).toEqual(['d7', 'd7']);
        expect(batch.superseded).toBe(8);
        for (const target of [alice, channel]) {
          expect(await statuses(store, cert.id, target.conversationId)).toEqual({
            d90: 'skipped',
            d60: 'skipped',
            d30: 'skipped',
            d14: 'skipped',
            d7: 'claimed',
            d1: 'pending',
            d0: 'pending',
            w1: 'pending',
          });
        }
        expect((await only(store, cert.id, 'd30', alice.conversationId)).lastError).toBe('superseded');
      }));

    test('catch-up still holds when a small batch holds only stale rows: it looks further', () =>
      run(async (store) => {
        const { cert } = await register(store);
        const batch = await store.outbox.claimDue(paris('2026-11-20', 11), 1, 'A', LEASE);
        expect(batch.claimed.map((c) => c.key)).toEqual(['d7']);
        expect(batch.superseded).toBe(4);
        expect((await only(store, cert.id, 'd7')).status).toBe('claimed');
      }));

    test('a stale row is superseded even when the later one is in another dispatcher’s hands', () =>
      run(async (store) => {
        const { cert } = await register(store, { thresholds: [14, 7], weeklyAfterExpiry: false });
        const d7At = paris('2026-11-19');
        // A claimed d7 (it was due alone then); d14 has come back for a retry since.
        await store.db.execute("UPDATE outbox SET status = 'claimed', lease_owner = 'B', lease_until = $1, next_attempt_at = $1 WHERE item_key = 'd7'", [
          later(d7At, LEASE).getTime(),
        ]);
        const batch = await store.outbox.claimDue(d7At, 10, 'A', LEASE);
        expect(batch).toEqual({ claimed: [], superseded: 1 });
        expect(await statuses(store, cert.id)).toEqual({ d14: 'skipped', d7: 'claimed' });
      }));

    test('nothing goes to a conversation marked unreachable until it speaks again; then only the latest', () =>
      run(async (store) => {
        const { cert, conversationId } = await register(store, { weeklyAfterExpiry: false });
        await store.conversations.save(conversation(conversationId, REGISTERED));
        await store.notices.markUnreachable(conversationId, 'ConversationBlockedByUser', paris('2026-08-01'));
        await expect(store.outbox.claimDue(paris('2026-11-20'), 100, 'A', LEASE)).resolves.toEqual({ claimed: [], superseded: 0 });
        await store.conversations.save({ ...conversation(conversationId, paris('2026-11-21')), reference: { revision: 2 } });
        const batch = await store.outbox.claimDue(paris('2026-11-21'), 100, 'A', LEASE);
        expect(batch.claimed.map((c) => c.key)).toEqual(['d7']);
        expect(await statuses(store, cert.id)).toMatchObject({ d14: 'skipped', d7: 'claimed', d1: 'pending' });
      }));

    test('finding due rows is a range scan of the (status, next_attempt_at) index, not a table scan', () =>
      run(async (store) => {
        const cert = certificate({ thresholds: [0], weeklyAfterExpiry: false });
        await store.reminders.create(cert, [personalTarget('29:alice')], REGISTERED);
        // Many rows that went long ago, as a real table would hold.
        await store.db.execute(
          store.engine === 'postgres'
            ? `INSERT INTO outbox (id, kind, topic, cycle, item_key, target, payload, due_at, status, attempts, next_attempt_at, created_at)
               SELECT 'old-' || g, 'reminder', $1, '2020-01-01', 'd0', 'c-' || g, '{}', g, 'sent', 1, g, g FROM generate_series(1, 20000) AS g`
            : `WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 20000)
               INSERT INTO outbox (id, kind, topic, cycle, item_key, target, payload, due_at, status, attempts, next_attempt_at, created_at)
               SELECT 'old-' || n, 'reminder', $1, '2020-01-01', 'd0', 'c-' || n, '{}', n, 'sent', 1, n, n FROM g`,
          [cert.id],
        );
        // And many conversations, none unreachable: the claim must not read them all to find the unreachable ones.
        await store.db.execute(
          store.engine === 'postgres'
            ? `INSERT INTO conversations (conversation_id, kind, service_url, reference, created_at, updated_at)
               SELECT 'conv-' || g, 'personal', 'https://smba.example/', '{}', 1, 1 FROM generate_series(1, 20000) AS g`
            : `WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 20000)
               INSERT INTO conversations (conversation_id, kind, service_url, reference, created_at, updated_at)
               SELECT 'conv-' || n, 'personal', 'https://smba.example/', '{}', 1, 1 FROM g`,
        );
        await store.db.execute(store.engine === 'postgres' ? 'ANALYZE outbox; ANALYZE conversations' : 'ANALYZE');
        const sql = claimCandidatesSql(store.engine);
        const params = [paris('2026-12-01').getTime(), 100];
        if (store.engine === 'postgres') {
          const plan = (await store.db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params)).map((row) => row['QUERY PLAN']).join('\n');
          expect(plan).toMatch(/Index (Only )?Scan using outbox_due|Bitmap Index Scan on outbox_due/);
          expect(plan).not.toMatch(/Seq Scan on outbox/);
          expect(plan).not.toMatch(/Seq Scan on conversations/);
        } else {
          const plan = (await store.db.query<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params)).map((row) => row.detail).join('\n');
          expect(plan).toMatch(/SEARCH o USING INDEX outbox_due \(status=\? AND next_attempt_at<\?\)/);
          expect(plan).not.toMatch(/SCAN o\b/);
          expect(plan).not.toMatch(/SCAN c\b/);
        }
        expect((await store.outbox.claimDue(paris('2026-12-01'), 100, 'A', LEASE)).claimed).toHaveLength(1);
      }));
  });

  describe('completing a claimed delivery', () => {
    async function claimOne(store: Store, overrides: Partial<CertificateRecord> = {}, at = paris('2026-11-19')) {
      const registered = await register(store, { thresholds: [7], weeklyAfterExpiry: false, ...overrides });
      const [claimed] = (await store.outbox.claimDue(at, 10, 'A', LEASE)).claimed;
      const delivery = claimed && (await store.reminders.getDelivery(claimed.id));
      if (!delivery) throw new Error('nothing claimed');
      return { ...registered, delivery };
    }

    test('sent: the time, the activity id and one attempt are recorded, the lease released; a second completion is refused', () =>
      run(async (store) => {
        const { cert, delivery } = await claimOne(store);
        const at = later(delivery.dueAt, 500);
        await expect(store.outbox.complete(delivery.id, 'A', { kind: 'sent', activityId: 'act-7' }, at)).resolves.toBe(true);
        expect(await only(store, cert.id, 'd7')).toMatchObject({ status: 'sent', sentAt: at, activityId: 'act-7', attempts: 1, leaseUntil: undefined });
        await expect(store.outbox.complete(delivery.id, 'A', { kind: 'failed', reason: 'late' }, at)).resolves.toBe(false);
        expect((await only(store, cert.id, 'd7')).status).toBe('sent');
      }));

    test('a completion from a dispatcher whose lease was taken over is ignored; the new holder’s counts', () =>
      run(async (store) => {
        const { cert, delivery } = await claimOne(store);
        const takeover = later(delivery.dueAt, LEASE + 1);
        const [again] = (await store.outbox.claimDue(takeover, 10, 'B', LEASE)).claimed;
        expect(again?.id).toBe(delivery.id);
        await expect(store.outbox.complete(delivery.id, 'A', { kind: 'sent', activityId: 'from-A' }, takeover)).resolves.toBe(false);
        expect((await only(store, cert.id, 'd7')).status).toBe('claimed');
        await expect(store.outbox.complete(delivery.id, 'B', { kind: 'sent', activityId: 'from-B' }, takeover)).resolves.toBe(true);
        expect((await only(store, cert.id, 'd7')).activityId).toBe('from-B');
      }));

    test('a completion from someone who never held the lease is ignored', () =>
      run(async (store) => {
        const { delivery } = await claimOne(store);
        await expect(store.outbox.complete(delivery.id, 'intruder', { kind: 'sent', activityId: 'x' }, delivery.dueAt)).resolves.toBe(false);
        await expect(store.outbox.complete('unknown', 'A', { kind: 'sent', activityId: 'x' }, delivery.dueAt)).resolves.toBe(false);
      }));

    test('retry: back to pending at the given time with one more attempt; not claimable before, claimable then', () =>
      run(async (store) => {
        const { cert, delivery } = await claimOne(store);
        const at = later(delivery.dueAt, 30_000);
        await store.outbox.complete(delivery.id, 'A', { kind: 'retry', at, error: 'HTTP 503' }, delivery.dueAt);
        expect(await only(store, cert.id, 'd7')).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: at, lastError: 'HTTP 503', leaseUntil: undefined });
        await expect(store.outbox.claimDue(later(at, -1), 10, 'A', LEASE)).resolves.toEqual({ claimed: [], superseded: 0 });
        const [again] = (await store.outbox.claimDue(at, 10, 'A', LEASE)).claimed;
        expect(again?.attempts).toBe(1);
      }));

    test('deferred: back to pending without counting an attempt', () =>
      run(async (store) => {
        const { cert, delivery } = await claimOne(store);
        const at = later(delivery.dueAt, 2000);
        await store.outbox.complete(delivery.id, 'A', { kind: 'deferred', at, reason: 'rate limited' }, delivery.dueAt);
        expect(await only(store, cert.id, 'd7')).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: at });
      }));

    test.each([
      ['unreachable', { kind: 'unreachable', reason: 'ConversationBlockedByUser' }, 'ConversationBlockedByUser'],
      ['failed', { kind: 'failed', reason: 'HTTP 400' }, 'HTTP 400'],
    ] as const)('%s: the status and its reason are kept', (status, completion, reason) =>
      run(async (store) => {
        const { cert, delivery } = await claimOne(store);
        await store.outbox.complete(delivery.id, 'A', completion, delivery.dueAt);
        expect(await only(store, cert.id, 'd7')).toMatchObject({ status, lastError: reason, attempts: 1 });
      }),
    );
  });

  describe('weekly reminders after expiry', () => {
    const weeklyCert = { thresholds: [0] };

    test('a weekly reminder sent plans the next week; one that failed does too', () =>
      run(async (store) => {
        const { cert, conversationId } = await register(store, weeklyCert);
        const d0 = (await store.outbox.claimDue(paris('2026-11-26'), 10, 'A', LEASE)).claimed[0];
        await store.outbox.complete(d0?.id ?? '', 'A', { kind: 'sent', activityId: undefined }, paris('2026-11-26'));
        expect(await statuses(store, cert.id, conversationId)).toEqual({ d0: 'sent', w1: 'pending' });

        const w1 = (await store.outbox.claimDue(paris('2026-12-03'), 10, 'A', LEASE)).claimed[0];
        await store.outbox.complete(w1?.id ?? '', 'A', { kind: 'sent', activityId: undefined }, paris('2026-12-03'));
        expect((await only(store, cert.id, 'w2')).dueAt).toEqual(paris('2026-12-10'));

        const w2 = (await store.outbox.claimDue(paris('2026-12-10'), 10, 'A', LEASE)).claimed[0];
        await store.outbox.complete(w2?.id ?? '', 'A', { kind: 'failed', reason: 'HTTP 400' }, paris('2026-12-10'));
        expect(await statuses(store, cert.id, conversationId)).toEqual({ d0: 'sent', w1: 'sent', w2: 'failed', w3: 'pending' });
      }));

    test('a weekly reminder retried does not plan the next one yet', () =>
      run(async (store) => {
        const { cert, conversationId } = await register(store, weeklyCert, paris('2026-11-30'));
        expect(await statuses(store, cert.id, conversationId)).toEqual({ d0: 'pending', w1: 'pending' });
        const claimed = (await store.outbox.claimDue(paris('2026-12-03'), 10, 'A', LEASE)).claimed[0];
        await store.outbox.complete(claimed?.id ?? '', 'A', { kind: 'retry', at: paris('2026-12-03', 10), error: 'HTTP 503' }, paris('2026-12-03'));
        expect(await statuses(store, cert.id, conversationId)).toEqual({ d0: 'skipped', w1: 'pending' });
      }));

    test('after a long downtime the next week planned is the coming one, not the missed ones', () =>
      run(async (store) => {
        const { cert } = await register(store, weeklyCert, paris('2026-11-30'));
        const back = paris('2026-12-29', 12);
        const [w1] = (await store.outbox.claimDue(back, 10, 'A', LEASE)).claimed;
        expect(w1?.key).toBe('w1');
        await store.outbox.complete(w1?.id ?? '', 'A', { kind: 'sent', activityId: undefined }, back);
        expect(await statuses(store, cert.id)).toEqual({ d0: 'skipped', w1: 'sent', w5: 'pending' });
        expect((await only(store, cert.id, 'w5')).dueAt).toEqual(paris('2026-12-31'));
      }));

    test('renewal ends the weekly chain of the old date', () =>
      run(async (store) => {
        const { cert } = await register(store, weeklyCert, paris('2026-11-30'));
        const [claimed] = (await store.outbox.claimDue(paris('2026-12-03'), 10, 'A', LEASE)).claimed;
        await store.reminders.update({ ...cert, expiryDate: '2029-12-01' }, paris('2026-12-03', 10));
        await expect(store.outbox.complete(claimed?.id ?? '', 'A', { kind: 'sent', activityId: undefined }, paris('2026-12-03', 10))).resolves.toBe(false);
        const old = (await store.reminders.deliveryStatus(cert.id)).filter((d) => d.expiryDate === '2026-11-26');
        expect(old.map((d) => [d.threshold, d.status, d.lastError])).toEqual([
          ['d0', 'skipped', 'superseded'],
          ['w1', 'skipped', 'renewed'],
        ]);
      }));
  });

  describe('snooze and acknowledge', () => {
    test('snoozing skips what would come before (the day before and the expiry day excepted) and plans s1 at the time asked; a second snooze is s2', () =>
      run(async (store) => {
        const { cert, conversationId } = await register(store, { thresholds: [7, 1, 0], weeklyAfterExpiry: false });
        const [d7] = (await store.outbox.claimDue(paris('2026-11-19'), 10, 'A', LEASE)).claimed;
        await store.outbox.complete(d7?.id ?? '', 'A', { kind: 'sent', activityId: undefined }, paris('2026-11-19'));

        const until = paris('2026-11-25', 14);
        const s1 = await store.reminders.snooze(cert.id, conversationId, until, paris('2026-11-19', 10));
        expect(s1).toMatchObject({ threshold: 's1', status: 'pending', dueAt: until, nextAttemptAt: until, expiryDate: '2026-11-26' });
        // J-1 and the expiry day are never snoozed away.
        expect(await statuses(store, cert.id, conversationId)).toEqual({ d7: 'sent', d1: 'pending', s1: 'pending', d0: 'pending' });

        const s2 = await store.reminders.snooze(cert.id, conversationId, paris('2026-11-27'), paris('2026-11-19', 11));
        expect(s2?.threshold).toBe('s2');
        expect(await statuses(store, cert.id, conversationId)).toEqual({ d7: 'sent', d1: 'pending', s1: 'skipped', d0: 'pending', s2: 'pending' });
      }));

    test('a snooze into the past is due now; an unknown certificate or conversation snoozes nothing', () =>
      run(async (store) => {
        const { cert, conversationId } = await register(store);
        const now = paris('2026-11-20');
        expect((await store.reminders.snooze(cert.id, conversationId, paris('2026-01-01'), now))?.dueAt).toEqual(now);
        await expect(store.reminders.snooze(cert.id, 'not-a-target', now, now)).resolves.toBeUndefined();
        await expect(store.reminders.snooze('unknown', conversationId, now, now)).resolves.toBeUndefined();
      }));

    test('snoozing past a weekly reminder keeps the weekly chain going after the snooze', () =>
      run(async (store) => {
        const { cert, conversationId } = await register(store, { thresholds: [0] }, paris('2026-12-01'));
        // Registered 5 days after expiry: d0 is due at once and w1 on 3 December; a snooze until 5 December skips both.
        await store.reminders.snooze(cert.id, conversationId, paris('2026-12-05'), paris('2026-12-02'));
        expect(await statuses(store, cert.id, conversationId)).toEqual({ d0: 'skipped', w1: 'skipped', s1: 'pending', w2: 'pending' });
        expect((await only(store, cert.id, 'w2')).dueAt).toEqual(paris('2026-12-10'));
      }));

    test('acknowledging a sent reminder records who and when, once; an unsent one cannot be', () =>
      run(async (store) => {
        const { cert } = await register(store, { thresholds: [7, 1], weeklyAfterExpiry: false });
        const [d7] = (await store.outbox.claimDue(paris('2026-11-19'), 10, 'A', LEASE)).claimed;
        await store.outbox.complete(d7?.id ?? '', 'A', { kind: 'sent', activityId: undefined }, paris('2026-11-19'));
        const at = paris('2026-11-19', 11);
        const alice = { userId: '29:alice', name: 'Alice Martin' };
        await expect(store.reminders.acknowledge(d7?.id ?? '', alice, at)).resolves.toHaveLength(1);
        await expect(store.reminders.acknowledge(d7?.id ?? '', { userId: '29:bob', name: undefined }, at)).resolves.toEqual([]);
        expect(await only(store, cert.id, 'd7')).toMatchObject({ acknowledgedBy: '29:alice', acknowledgedByName: 'Alice Martin', acknowledgedAt: at });
        await expect(store.reminders.getDelivery(d7?.id ?? '')).resolves.toEqual(await only(store, cert.id, 'd7'));
        await expect(store.reminders.getDelivery('unknown')).resolves.toBeUndefined();
        const d1 = await only(store, cert.id, 'd1');
        await expect(store.reminders.acknowledge(d1.id, alice, at)).resolves.toEqual([]);
      }));

    test('one acknowledgement answers for the copies of that reminder in the other targets, not for other reminders', () =>
      run(async (store) => {
        const cert = certificate({ thresholds: [7, 1], weeklyAfterExpiry: false });
        const personal = personalTarget(cert.createdBy);
        const channel = channelTarget();
        await store.reminders.create(cert, [personal, channel], REGISTERED);
        for (const item of (await store.outbox.claimDue(paris('2026-11-25'), 10, 'A', LEASE)).claimed) {
          await store.outbox.complete(item.id, 'A', { kind: 'sent', activityId: `act-${item.key}` }, paris('2026-11-25'));
        }
        // Catch-up on the 25th: only d1 went, to both targets; d7 was superseded.
        const inChannel = await only(store, cert.id, 'd1', channel.conversationId);
        const at = paris('2026-11-25', 10);
        const acknowledged = await store.reminders.acknowledge(inChannel.id, { userId: '29:bob', name: 'Bob' }, at);
        expect(acknowledged.map((d) => d.conversationId)).toEqual([channel.conversationId, personal.conversationId]);
        expect(await only(store, cert.id, 'd1', personal.conversationId)).toMatchObject({ acknowledgedBy: '29:bob', acknowledgedByName: 'Bob', activityId: 'act-d1' });
        expect((await only(store, cert.id, 'd7', personal.conversationId)).acknowledgedAt).toBeUndefined();
        // Erasing Bob's data forgets his id and name on every copy, keeping that it was acknowledged.
        await store.reminders.eraseForUser('29:bob');
        expect(await only(store, cert.id, 'd1', personal.conversationId)).toMatchObject({ acknowledgedBy: undefined, acknowledgedByName: undefined, acknowledgedAt: at });
      }));
  });

  describe('unreachable targets and owner notices', () => {
    /** A certificate reminded in Alice's and Bob's personal chats and a channel; the conversations known. */
    async function shared(store: Store) {
      const cert = certificate({ createdBy: unique('29:alice') });
      const alice = personalTarget(cert.createdBy);
      const bob = personalTarget(unique('29:bob'));
      const channel = channelTarget();
      await store.reminders.create(cert, [alice, bob, channel], REGISTERED);
      for (const target of [alice, bob, channel]) await store.conversations.save(conversation(target.conversationId, REGISTERED, target.kind));
      return { cert, alice, bob, channel };
    }

    test('a channel that blocks the bot: marked once, one notice due now to each owner, none to the channel itself', () =>
      run(async (store) => {
        const { cert, alice, bob, channel } = await shared(store);
        const other = certificate({ createdBy: cert.createdBy, expiryDate: '2027-02-01', label: 'INSi' });
        await store.reminders.create(other, [alice, channel], REGISTERED);
        const now = paris('2026-08-28', 9);
        const notices = await store.notices.markUnreachable(channel.conversationId, 'ConversationBlockedByUser', now);
        // One notice per owner, even when several of their certificates were reminded in that channel.
        expect(notices.map((n) => [n.conversationId, n.threshold, n.aboutConversationId, n.status]).sort()).toEqual(
          [
            [alice.conversationId, 'u1', channel.conversationId, 'pending'],
            [bob.conversationId, 'u1', channel.conversationId, 'pending'],
          ].sort(),
        );
        expect(notices.every((n) => n.dueAt.getTime() === now.getTime())).toBe(true);
        expect((await store.conversations.get(channel.conversationId))?.unreachableReason).toBe('ConversationBlockedByUser');
        const [before] = (await store.reminders.listForUser(cert.createdBy, now)).filter((s) => s.certificate.id === cert.id);
        expect(before?.nextDelivery?.threshold).toBe('d90');
        // Marked already: nobody is told twice.
        await expect(store.notices.markUnreachable(channel.conversationId, 'ConversationBlockedByUser', now)).resolves.toEqual([]);
        expect((await store.reminders.sharedCertificates(alice.conversationId, channel.conversationId)).map((c) => c.id)).toEqual([cert.id, other.id]);
        expect((await store.reminders.sharedCertificates(bob.conversationId, channel.conversationId)).map((c) => c.id)).toEqual([cert.id]);
        // The notice is claimed like a reminder (not superseded by the due d90), but is not listed as a reminder.
        const claimed = (await store.outbox.claimDue(now, 50, 'A', LEASE)).claimed.map((c) => `${c.key}:${c.target === channel.conversationId ? 'channel' : 'person'}`);
        expect(claimed.filter((c) => c.startsWith('u'))).toEqual(['u1:person', 'u1:person']);
        expect(claimed).not.toContain('d90:channel');
      }));

    test('an owner who blocks the bot: the other owner is told; with no other owner, the channel is', () =>
      run(async (store) => {
        const { alice, bob, channel } = await shared(store);
        const notices = await store.notices.markUnreachable(bob.conversationId, 'HTTP 403', paris('2026-08-28'));
        expect(notices.map((n) => n.conversationId)).toEqual([alice.conversationId]);

        const lonely = certificate({ createdBy: unique('29:dan') });
        const dan = personalTarget(lonely.createdBy);
        const team = channelTarget();
        await store.reminders.create(lonely, [dan, team], REGISTERED);
        const toTeam = await store.notices.markUnreachable(dan.conversationId, 'HTTP 404', paris('2026-08-28'));
        // Dan's chat has no record (removed before records were kept): told once per expiry cycle, not at every reminder.
        expect(toTeam.map((n) => [n.conversationId, n.certificateId])).toEqual([[team.conversationId, lonely.id]]);
        await expect(store.notices.markUnreachable(dan.conversationId, 'HTTP 404', paris('2026-09-28'))).resolves.toEqual([]);
        // A recipient that is itself unreachable is not planned for.
        await store.notices.markUnreachable(alice.conversationId, 'HTTP 403', paris('2026-08-28'));
        await store.conversations.save(conversation(bob.conversationId, paris('2026-08-29'), 'personal'));
        const again = await store.notices.markUnreachable(bob.conversationId, 'HTTP 403', paris('2026-08-30'));
        expect(again.map((n) => n.conversationId)).toEqual([channel.conversationId]);
      }));

    test('removed from a team: every channel of the team that is reminded is marked and its owners told; the rest of the team forgotten', () =>
      run(async (store) => {
        const teamId = unique('19:team');
        const inTeam = (conversationId: string) => ({ ...conversation(conversationId, REGISTERED, 'channel'), teamId });
        const cert = certificate({ createdBy: unique('29:alice') });
        const alice = personalTarget(cert.createdBy);
        const bob = personalTarget(unique('29:bob'));
        const channel = channelTarget();
        const elsewhere = channelTarget();
        await store.reminders.create(cert, [alice, bob, channel], REGISTERED);
        await store.reminders.create(certificate({ createdBy: cert.createdBy }), [alice, elsewhere], REGISTERED);
        const general = unique('19:general');
        const quiet = unique('19:quiet');
        for (const id of [general, quiet, channel.conversationId]) await store.conversations.save(inTeam(id));
        for (const target of [alice, bob]) await store.conversations.save(conversation(target.conversationId, REGISTERED, 'personal'));
        await store.conversations.save(conversation(elsewhere.conversationId, REGISTERED, 'channel'));

        const notices = await store.notices.conversationRemoved(general, paris('2026-08-28'), teamId);

        expect(notices.map((n) => [n.conversationId, n.aboutConversationId]).sort()).toEqual(
          [
            [alice.conversationId, channel.conversationId],
            [bob.conversationId, channel.conversationId],
          ].sort(),
        );
        expect((await store.conversations.get(channel.conversationId))?.unreachableReason).toBe('BotRemoved');
        await expect(store.conversations.get(general)).resolves.toBeUndefined();
        await expect(store.conversations.get(quiet)).resolves.toBeUndefined();
        expect((await store.conversations.get(elsewhere.conversationId))?.unreachableReason).toBeUndefined();
      }));

    test('changing the settings or catching up never skips a notice; a second episode gets the next key', () =>
      run(async (store) => {
        const { cert, alice, channel } = await shared(store);
        await store.notices.markUnreachable(channel.conversationId, 'HTTP 403', paris('2026-08-28'));
        await store.reminders.update({ ...cert, thresholds: [7] }, paris('2026-08-28', 10));
        expect((await only(store, cert.id, 'u1', alice.conversationId)).status).toBe('pending');
        await store.conversations.save(conversation(channel.conversationId, paris('2026-09-01'), 'channel'));
        await store.notices.markUnreachable(channel.conversationId, 'HTTP 403', paris('2026-09-02'));
        expect((await only(store, cert.id, 'u2', alice.conversationId)).aboutConversationId).toBe(channel.conversationId);
      }));
  });
});
