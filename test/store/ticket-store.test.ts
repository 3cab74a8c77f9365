import { decide } from '../../src/domain/tickets/lifecycle';
import type { Requester, TicketDraft } from '../../src/domain/tickets/ticket';
import { forEachEngine, withStore, type Engine } from './engines';

const NOW = new Date('2026-03-01T10:00:00.000Z');
const draft = (n = 0): TicketDraft => ({
  queueId: 'ans',
  topic: 'renewal',
  urgency: 'normal',
  structure: `CH ${n}`,
  finess: undefined,
  description: 'Le renouvellement échoue',
  contactEmail: 'si@chu.fr',
  certificate: { label: 'DMP', expiry: '2027-03-15' },
});
const requester = (n = 0): Requester => ({ userId: `29:req-${n}`, name: `Req ${n}`, tenantId: 'tenant', conversationId: `a:req-${n}` });
const alice = { userId: '29:alice', name: 'Alice' };
const bob = { userId: '29:bob', name: 'Bob' };

forEachEngine((engine: Engine) => {
  describe('tickets', () => {
    test('a form sends one ticket: a second open with its id fails and takes no number', () =>
      withStore(engine, async (store) => {
        const first = await store.tickets.open({ ...draft(1), formId: 'form-0001-abcd' }, requester(1), NOW, () => []);
        // The driver's own error (better-sqlite3's comes from another realm than the test's: matched by its message).
        await expect(store.tickets.open({ ...draft(1), formId: 'form-0001-abcd' }, requester(1), NOW, () => [])).rejects.toHaveProperty('message', expect.stringMatching(/unique|duplicate/i));
        await expect(store.tickets.byForm('form-0001-abcd')).resolves.toMatchObject({ id: first.id, number: 'CERT-2026-0001' });
        const next = await store.tickets.open({ ...draft(2), formId: 'form-0002-abcd' }, requester(2), NOW, () => []);
        expect(next.number).toBe('CERT-2026-0002');
        await expect(store.tickets.byForm('unknown-form')).resolves.toBeUndefined();
      }));

    test('deflections are counted per queue, with no one’s identity', () =>
      withStore(engine, async (store) => {
        await store.tickets.recordDeflection({ queueId: 'ans', topic: 'renewal', intent: 'kb.renewal', at: NOW });
        await store.tickets.recordDeflection({ queueId: 'ans', topic: 'other', intent: 'kb.sharing', at: NOW });
        await store.tickets.recordDeflection({ queueId: 'occitanie', topic: 'sharing', intent: 'kb.sharing', at: NOW });
        expect([await store.tickets.countDeflections('ans'), await store.tickets.countDeflections('occitanie'), await store.tickets.countDeflections('none')]).toEqual([2, 1, 0]);
      }));

    test('numbers run per year without gaps, and the card item is stored with the ticket', () =>
      withStore(engine, async (store) => {
        const first = await store.tickets.open(draft(1), requester(1), NOW, (t) => [
          { kind: 'ticket-card', topic: t.id, cycle: '', key: 'card', target: '19:support', payload: { ticketId: t.id }, dueAt: NOW },
        ]);
        const second = await store.tickets.open(draft(2), requester(2), NOW, () => []);
        const nextYear = await store.tickets.open(draft(3), requester(3), new Date('2027-01-02T00:00:00Z'), () => []);

        expect([first.number, second.number, nextYear.number]).toEqual(['CERT-2026-0001', 'CERT-2026-0002', 'CERT-2027-0001']);
        expect(first).toMatchObject({ status: 'open', version: 1, requester: requester(1), certificate: { label: 'DMP', expiry: '2027-03-15' } });
        const { claimed } = await store.outbox.claimDue(NOW, 10, 'A', 60_000);
        expect(claimed.map((item) => [item.kind, item.payload])).toEqual([['ticket-card', { ticketId: first.id }]]);
        await expect(store.tickets.events(first.id)).resolves.toMatchObject([{ seq: 1, kind: 'opened', actorId: '29:req-1' }]);
      }));

    test('a ticket whose notifications cannot be stored is not stored either, and its number is not lost', () =>
      withStore(engine, async (store) => {
        await expect(
          store.tickets.open(draft(), requester(), NOW, () => {
            throw new Error('notify failed');
          }),
        ).rejects.toThrow('notify failed');
        const next = await store.tickets.open(draft(), requester(), NOW, () => []);
        expect(next.number).toBe('CERT-2026-0001');
      }));

    test('50 tickets opened at once by 5 instances get 50 distinct, gapless numbers', async () => {
      const database = await engine.create();
      try {
        const stores = await Promise.all(Array.from({ length: 5 }, () => database.connect()));
        const opened = await Promise.all(Array.from({ length: 50 }, (_, i) => stores[i % 5]!.tickets.open(draft(i), requester(i), NOW, () => [])));
        const numbers = opened.map((t) => Number(t.number.slice(-4))).sort((a, b) => a - b);
        expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      } finally {
        await database.drop();
      }
    });

    test('a decision applies only to the version it was taken on: the slower of two agents gets nothing', () =>
      withStore(engine, async (store) => {
        const ticket = await store.tickets.open(draft(), requester(), NOW, () => []);
        const forAlice = decide(ticket, { kind: 'take' }, alice);
        const forBob = decide(ticket, { kind: 'take' }, bob);
        if (!forAlice.ok || !forBob.ok) throw new Error('both decisions should be ok on the open ticket');

        const taken = await store.tickets.apply(ticket, forAlice, alice, NOW, () => []);
        const late = await store.tickets.apply(ticket, forBob, bob, NOW, () => []);

        expect(taken).toMatchObject({ status: 'assigned', assignee: alice, version: 2 });
        expect(late).toBeUndefined();
        const again = decide((await store.tickets.get(ticket.id))!, { kind: 'take' }, bob);
        expect(again).toEqual({ ok: false, refusal: 'taken-by-other', holder: 'Alice' });
        await expect(store.tickets.events(ticket.id)).resolves.toMatchObject([{ kind: 'opened' }, { kind: 'taken', actorId: '29:alice', actorName: 'Alice' }]);
      }));

    test('"delete my data" removes the requester from their tickets, which stay for the support team', () =>
      withStore(engine, async (store) => {
        const ticket = await store.tickets.open(draft(), requester(7), NOW, () => []);
        await expect(store.tickets.countForRequester('29:req-7')).resolves.toBe(1);

        await expect(store.tickets.eraseRequester('29:req-7')).resolves.toBe(1);

        const kept = await store.tickets.get(ticket.id);
        expect(kept).toMatchObject({ number: ticket.number, description: 'Le renouvellement échoue', requester: undefined, contactEmail: '' });
        await expect(store.tickets.countForRequester('29:req-7')).resolves.toBe(0);
        await expect(store.tickets.events(ticket.id)).resolves.toMatchObject([{ kind: 'opened', actorId: undefined, actorName: undefined }]);
      }));

    test('a queue has one support channel; saying « support ici » elsewhere moves it', () =>
      withStore(engine, async (store) => {
        const channel = { queueId: 'ans', conversationId: '19:a', teamId: 'team', tenantId: 't', serviceUrl: 'https://smba', setBy: '29:admin', setAt: NOW };
        await store.tickets.setSupportChannel(channel);
        await store.tickets.setSupportChannel({ ...channel, conversationId: '19:b' });
        await expect(store.tickets.supportChannel('ans')).resolves.toMatchObject({ conversationId: '19:b' });
        await expect(store.tickets.queuesWorkedIn('19:a')).resolves.toEqual([]);
        await expect(store.tickets.queuesWorkedIn('19:b')).resolves.toEqual(['ans']);
      }));
  });
});
