import type { NewOutboxItem } from '../../src/domain/outbox/outbox-item';
import { forEachEngine, withStore, type Engine } from './engines';

const NOW = new Date('2026-09-01T08:00:00.000Z');
const LEASE = 60_000;
const later = (ms: number) => new Date(NOW.getTime() + ms);

const message = (target: string, key: string): NewOutboxItem => ({
  kind: 'message',
  topic: 'cert-1',
  cycle: '',
  key,
  target,
  payload: { text: { key: 'targets.youWereAdded', params: { by: 'Alice', label: 'DMP' }, dates: { expiry: '2026-11-26' } } },
  dueAt: NOW,
});

const cardUpdate = (key: string, by: string): NewOutboxItem => ({
  kind: 'card-update',
  topic: 'cert-1',
  cycle: 'reminder-7',
  key,
  target: '19:channel',
  payload: { itemId: 'reminder-7', activityId: 'act-7', state: { kind: 'stopped', by } },
  dueAt: NOW,
});

forEachEngine((engine: Engine) => {
  describe('the outbox', () => {
    test('an item is stored once per (kind, topic, target, cycle, key) and claimed with its payload', () =>
      withStore(engine, async (store) => {
        await store.outbox.enqueue([message('a:bob', 'm1'), message('a:bob', 'm1')], NOW);
        await store.outbox.enqueue([message('a:bob', 'm1')], NOW);

        const { claimed } = await store.outbox.claimDue(NOW, 10, 'A', LEASE);

        expect(claimed).toHaveLength(1);
        expect(claimed[0]).toMatchObject({ kind: 'message', target: 'a:bob', status: 'claimed', payload: message('a:bob', 'm1').payload });
      }));

    test('only the kinds asked for are claimed', () =>
      withStore(engine, async (store) => {
        await store.outbox.enqueue([message('a:bob', 'm1'), cardUpdate('u1', 'Alice')], NOW);

        const { claimed } = await store.outbox.claimDue(NOW, 10, 'A', LEASE, ['card-update']);

        expect(claimed.map((item) => item.kind)).toEqual(['card-update']);
      }));

    test('a card update replaces the updates of the same card still waiting', () =>
      withStore(engine, async (store) => {
        await store.outbox.enqueue([cardUpdate('u1', 'Alice')], NOW);
        await store.outbox.enqueue([cardUpdate('u2', 'Bob')], later(1));

        const { claimed } = await store.outbox.claimDue(later(2), 10, 'A', LEASE);

        expect(claimed.map((item) => item.payload)).toEqual([{ itemId: 'reminder-7', activityId: 'act-7', state: { kind: 'stopped', by: 'Bob' } }]);
      }));

    test('what a card shows is what its latest update set, sent or still waiting; nothing for a card never updated', () =>
      withStore(engine, async (store) => {
        await store.outbox.enqueue([cardUpdate('u1', 'Alice')], NOW);
        await store.outbox.claimDue(NOW, 10, 'A', LEASE);
        const snoozed: NewOutboxItem = {
          kind: 'card-update',
          topic: 'cert-1',
          cycle: 'reminder-7',
          key: 'u2',
          target: '19:channel',
          payload: { itemId: 'reminder-7', activityId: 'act-7', state: { kind: 'snoozed', by: 'Bob', until: '2026-09-08' } },
          dueAt: later(1),
        };
        await store.outbox.enqueue([snoozed], later(1));

        await expect(store.outbox.lastCardState('cert-1', '19:channel', 'reminder-7')).resolves.toEqual({ kind: 'snoozed', by: 'Bob', until: '2026-09-08' });
        await expect(store.outbox.lastCardState('cert-1', '19:other', 'reminder-7')).resolves.toBeUndefined();
        await expect(store.outbox.lastCardState('cert-1', '19:channel', 'reminder-8')).resolves.toBeUndefined();
      }));

    test('a card update can say the reminder was snoozed, and until when', () =>
      withStore(engine, async (store) => {
        const snoozed = { itemId: 'reminder-7', activityId: 'act-7', state: { kind: 'snoozed', by: 'Alice', until: '2026-12-22' } } as const;
        await store.outbox.enqueue([{ kind: 'card-update', topic: 'cert-1', cycle: 'reminder-7', key: 'u1', target: '19:channel', payload: snoozed, dueAt: NOW }], NOW);

        const { claimed } = await store.outbox.claimDue(NOW, 10, 'A', LEASE);

        expect(claimed.map((item) => item.payload)).toEqual([snoozed]);
      }));

    test('an item whose payload does not fit its kind fails once, is never sent, and does not block the queue', () =>
      withStore(engine, async (store) => {
        await store.outbox.enqueue([message('a:bob', 'm1'), message('a:carol', 'm2')], NOW);
        await store.db.execute("UPDATE outbox SET payload = '{\"text\":42}' WHERE target = 'a:bob'");

        const { claimed } = await store.outbox.claimDue(NOW, 10, 'A', LEASE);

        expect(claimed.map((item) => item.target)).toEqual(['a:carol']);
        const [bad] = await store.db.query<{ status: string; last_error: string }>("SELECT status, last_error FROM outbox WHERE target = 'a:bob'");
        expect(bad).toEqual({ status: 'failed', last_error: 'malformed' });
      }));

    test('done card updates and messages are purged after their retention; pending ones never', () =>
      withStore(engine, async (store) => {
        await store.outbox.enqueue([message('a:bob', 'm1'), message('a:carol', 'm2')], NOW);
        const { claimed } = await store.outbox.claimDue(NOW, 1, 'A', LEASE);
        await store.outbox.complete(claimed[0]?.id ?? '', 'A', { kind: 'sent', activityId: 'x' }, NOW);

        await expect(store.outbox.purgeDone(['card-update', 'message'], later(LEASE + 1))).resolves.toBe(1);

        const left = await store.db.query<{ status: string }>('SELECT status FROM outbox');
        expect(left).toEqual([{ status: 'pending' }]);
      }));
  });
});
