import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConversationState, PrivateConversationState, TestAdapter, type Storage, type TurnContext } from 'botbuilder';
import { ETagConflictError, ownerOfStateKey, SqlBotStorage } from '../../src/bot/bot-storage';
import type { Clock } from '../../src/domain/clock';
import { openStore, type Store } from '../../src/store';
import { createTestSchema, POSTGRES_SKIP_MESSAGE, TEST_DATABASE_URL, warnPostgresSkipped, type TestSchema } from '../store/postgres-schema';
import { CONTRACT_OPENED_AT } from '../store/store-contract';

const NOW = new Date('2025-03-01T09:00:00.000Z');
const fixedClock: Clock = { now: () => NOW };

describe('ownerOfStateKey', () => {
  // botbuilder's own keys end with "/{namespace}", empty by default: "…/users/29:alice/".
  test.each([
    ['msteams/conversations/a:1x/users/29:alice/', '29:alice'],
    ['msteams/users/29:alice/', '29:alice'],
    ['msteams/users/29:alice/profile', '29:alice'],
    ['msteams/conversations/a:1x/users/29:alice', '29:alice'],
    ['msteams/users/29:alice', '29:alice'],
    ['test/conversations/19:abc@thread.tacv2/users/29:bob', '29:bob'],
    ['msteams/conversations/a:1x', undefined],
    ['msteams/conversations/a:1x/users/', undefined],
    ['', undefined],
  ])('the owner of %j is %j', (key, owner) => {
    expect(ownerOfStateKey(key)).toBe(owner);
  });
});

/** botbuilder's Storage contract, over one engine. `open` answers a migrated store on a database of the suite. */
function botStorageSemantics(name: string, open: () => Promise<Store>, cleanup: () => Promise<void>): void {
  describe(`SqlBotStorage over ${name}`, () => {
    let store: Store;
    let storage: SqlBotStorage;
    let seq = 0;
    /** A key unique to one test. */
    const key = (suffix = 'doc') => `test/conversations/c-${++seq}-${Date.now()}/${suffix}`;

    beforeAll(async () => {
      store = await open();
      storage = new SqlBotStorage(store.state, fixedClock);
    });
    afterAll(async () => {
      await store?.close();
      await cleanup();
    });

    test('reading keys that were never written answers an empty object', async () => {
      await expect(storage.read([key(), key()])).resolves.toEqual({});
      await expect(storage.read([])).resolves.toEqual({});
    });

    test('a written document reads back with its fields and a string eTag, and the eTag is not stored in it', async () => {
      const k = key();
      await storage.write({ [k]: { count: 1, nested: { fr: 'données' } } });
      await expect(storage.read([k])).resolves.toEqual({ [k]: { count: 1, nested: { fr: 'données' }, eTag: '1' } });
      expect((await store.state.read([k])).get(k)?.value).toBe('{"count":1,"nested":{"fr":"données"}}');
      const rows = await store.db.query<{ updated_at: number }>('SELECT updated_at FROM bot_state WHERE state_key = $1', [k]);
      expect(rows).toEqual([{ updated_at: NOW.getTime() }]);
    });

    test('reading several keys answers only those that exist', async () => {
      const [a, b] = [key('a'), key('b')];
      await storage.write({ [a]: { v: 'a' } });
      await expect(storage.read([a, b])).resolves.toEqual({ [a]: { v: 'a', eTag: '1' } });
    });

    test('writing back with the eTag just read succeeds and moves the eTag on', async () => {
      const k = key();
      await storage.write({ [k]: { count: 1 } });
      const read = await storage.read([k]);
      await storage.write({ [k]: { ...read[k], count: 2 } });
      await expect(storage.read([k])).resolves.toEqual({ [k]: { count: 2, eTag: '2' } });
    });

    test('writing with a stale eTag throws ETagConflictError and leaves the document as it was', async () => {
      const k = key();
      await storage.write({ [k]: { count: 1 } });
      const stale = await storage.read([k]);
      await storage.write({ [k]: { ...stale[k], count: 2 } });

      const attempt = storage.write({ [k]: { ...stale[k], count: 99 } });
      await expect(attempt).rejects.toBeInstanceOf(ETagConflictError);
      await expect(storage.write({ [k]: { ...stale[k], count: 99 } })).rejects.toThrow(`State "${k}" was changed by another turn.`);
      await expect(storage.read([k])).resolves.toEqual({ [k]: { count: 2, eTag: '2' } });
    });

    test("writing with eTag '*' overwrites whatever version is stored", async () => {
      const k = key();
      await storage.write({ [k]: { count: 1 } });
      await storage.write({ [k]: { count: 2 } });
      await storage.write({ [k]: { count: 3, eTag: '*' } });
      await expect(storage.read([k])).resolves.toEqual({ [k]: { count: 3, eTag: '3' } });
    });

    test('writing without an eTag creates the document or overwrites it', async () => {
      const k = key();
      await storage.write({ [k]: { count: 1 } });
      await storage.write({ [k]: { count: 5 } });
      await expect(storage.read([k])).resolves.toEqual({ [k]: { count: 5, eTag: '2' } });
    });

    test('one write call stores every document it is given', async () => {
      const [a, b] = [key('a'), key('b')];
      await storage.write({ [a]: { v: 1 }, [b]: { v: 2 } });
      await expect(storage.read([a, b])).resolves.toEqual({ [a]: { v: 1, eTag: '1' }, [b]: { v: 2, eTag: '1' } });
    });

    test('delete removes the given documents only', async () => {
      const [a, b] = [key('a'), key('b')];
      await storage.write({ [a]: { v: 1 }, [b]: { v: 2 } });
      await storage.delete([a]);
      await expect(storage.read([a, b])).resolves.toEqual({ [b]: { v: 2, eTag: '1' } });
    });

    test("documents under …/users/{id} belong to that user, so deleteForOwner erases the user's private state only", async () => {
      const conversation = `msteams/conversations/a:${++seq}-${Date.now()}`;
      const alice = `29:alice-${seq}`;
      const bob = `29:bob-${seq}`;
      const keys = [conversation, `${conversation}/users/${alice}`, `msteams/users/${alice}`, `${conversation}/users/${bob}`];
      await storage.write(Object.fromEntries(keys.map((k) => [k, { k }])));

      await expect(store.state.countForOwner(alice)).resolves.toBe(2);
      await expect(store.state.deleteForOwner(alice)).resolves.toBe(2);
      expect(Object.keys(await storage.read(keys)).sort()).toEqual([conversation, `${conversation}/users/${bob}`].sort());
    });
  });
}

const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'certibot-botstorage-'));
afterAll(() => fs.rmSync(sqliteDir, { recursive: true, force: true }));

botStorageSemantics(
  'SQLite',
  () => openStore({ engine: 'sqlite', file: path.join(sqliteDir, 'semantics.db') }, CONTRACT_OPENED_AT),
  async () => undefined,
);

if (TEST_DATABASE_URL === undefined) warnPostgresSkipped();
(TEST_DATABASE_URL === undefined ? describe.skip : describe)(
  TEST_DATABASE_URL === undefined ? POSTGRES_SKIP_MESSAGE : 'PostgreSQL',
  () => {
    let schema: Promise<TestSchema> | undefined;
    const schemaOnce = (): Promise<TestSchema> => (schema ??= createTestSchema(TEST_DATABASE_URL ?? ''));
    botStorageSemantics(
      'PostgreSQL',
      async () => openStore({ engine: 'postgres', url: (await schemaOnce()).url }, CONTRACT_OPENED_AT),
      async () => (await schemaOnce()).drop(),
    );
  },
);

describe('SqlBotStorage under botbuilder state and a TestAdapter', () => {
  /** A bot that counts turns per conversation and per user in the conversation, saving both after each turn. */
  function countingBot(storage: Storage): (context: TurnContext) => Promise<void> {
    const conversationState = new ConversationState(storage);
    const privateState = new PrivateConversationState(storage);
    const turns = conversationState.createProperty<number>('turns');
    const mine = privateState.createProperty<number>('mine');
    return async (context) => {
      const t = (await turns.get(context, 0)) + 1;
      const m = (await mine.get(context, 0)) + 1;
      await turns.set(context, t);
      await mine.set(context, m);
      await context.sendActivity(`turns=${t} mine=${m}`);
      await conversationState.saveChanges(context);
      await privateState.saveChanges(context);
    };
  }

  const as = (userId: string) => ({ from: { id: userId, name: userId } });
  const openOn = (file: string) => openStore({ engine: 'sqlite', file }, CONTRACT_OPENED_AT);

  test('conversation and private conversation state survive a new store and storage on the same file', async () => {
    const file = path.join(sqliteDir, 'restart.db');
    const first = await openOn(file);
    try {
      await new TestAdapter(countingBot(new SqlBotStorage(first.state, fixedClock)), as('29:alice'))
        .send('bonjour')
        .assertReply('turns=1 mine=1')
        .send('encore')
        .assertReply('turns=2 mine=2');
    } finally {
      await first.close();
    }

    const second = await openOn(file);
    try {
      await new TestAdapter(countingBot(new SqlBotStorage(second.state, fixedClock)), as('29:alice'))
        .send('me revoilà')
        .assertReply('turns=3 mine=3');
      await new TestAdapter(countingBot(new SqlBotStorage(second.state, fixedClock)), as('29:bob'))
        .send('hello')
        .assertReply('turns=4 mine=1');
      await expect(second.state.countForOwner('29:alice')).resolves.toBe(1);
      const keys = await second.db.query<{ state_key: string; owner_id: string | null }>(
        'SELECT state_key, owner_id FROM bot_state ORDER BY state_key',
      );
      expect(keys).toEqual([
        { state_key: 'test/conversations/Convo1/', owner_id: null },
        { state_key: 'test/conversations/Convo1/users/29:alice/', owner_id: '29:alice' },
        { state_key: 'test/conversations/Convo1/users/29:bob/', owner_id: '29:bob' },
      ]);
    } finally {
      await second.close();
    }
  });

  test("erasing a user's data forgets their private conversation state but not the conversation's", async () => {
    const file = path.join(sqliteDir, 'erase.db');
    const store = await openOn(file);
    try {
      const storage = new SqlBotStorage(store.state, fixedClock);
      await new TestAdapter(countingBot(storage), as('29:alice')).send('un').assertReply('turns=1 mine=1').send('deux').assertReply('turns=2 mine=2');

      await expect(store.state.deleteForOwner('29:alice')).resolves.toBe(1);

      await new TestAdapter(countingBot(storage), as('29:alice')).send('trois').assertReply('turns=3 mine=1');
    } finally {
      await store.close();
    }
  });
});
