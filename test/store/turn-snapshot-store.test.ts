import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { TurnSnapshot, TurnSnapshotKeys, TurnSnapshotReader } from '../../src/domain/conversation';
import { openStore, type Store } from '../../src/store';
import { OTHER_WRITERS_CHECK_MS, SqliteDatabase } from '../../src/store/sqlite';
import { StampedTurnSnapshots } from '../../src/store/turn-snapshot-store';

/**
 * On SQLite a turn's snapshot is kept while the database has not changed: what a turn reads must still be what the
 * database holds, whoever wrote — this process, another connection, another program on the file.
 */
const AT = new Date('2026-01-05T09:00:00Z');

/** A write to the file from outside certibot (its own connection, as a script or the sqlite3 shell would). */
function writeByAnotherProgram(file: string, sql: string, value: string | number): void {
  const raw = new Database(file);
  try {
    raw.prepare(sql).run(value);
  } finally {
    raw.close();
  }
}
const KEYS: TurnSnapshotKeys = { conversationId: 'a:chat-1', userId: '29:alice', dialogKey: 'dialog:a:chat-1:29:alice' };

describe('turn snapshots on SQLite', () => {
  let dir: string;
  let file: string;
  let store: Store;
  let queries: jest.SpyInstance;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'certibot-snapshots-'));
    file = path.join(dir, 'certibot.db');
    store = await openStore({ engine: 'sqlite', file }, AT);
    await store.users.setLocale(KEYS.userId, 'fr', AT);
    queries = jest.spyOn(SqliteDatabase.prototype, 'query');
  });

  afterEach(async () => {
    queries.mockRestore();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const snapshotReads = () => queries.mock.calls.filter(([sql]) => String(sql).includes('AS s_value')).length;

  test('a turn that changed nothing is answered again without reading', async () => {
    const first = await store.turnSnapshots.read(KEYS);
    const second = await store.turnSnapshots.read(KEYS);

    expect(second).toEqual(first);
    expect(first.person?.locale).toBe('fr');
    expect(snapshotReads()).toBe(1);
  });

  test("this process's writes are seen by the next read (locale, dialog state, conversation)", async () => {
    await store.turnSnapshots.read(KEYS);

    await store.users.setLocale(KEYS.userId, 'en', AT);
    expect((await store.turnSnapshots.read(KEYS)).person?.locale).toBe('en');

    await store.state.write(KEYS.dialogKey as string, KEYS.userId, '{"step":"name"}', undefined, AT);
    expect((await store.turnSnapshots.read(KEYS)).dialogDocument).toBe('{"step":"name"}');

    await store.state.delete([KEYS.dialogKey as string]);
    expect((await store.turnSnapshots.read(KEYS)).dialogDocument).toBeUndefined();

    expect((await store.turnSnapshots.read(KEYS)).conversation).toBeUndefined();
    await store.conversations.save({
      conversationId: KEYS.conversationId,
      kind: 'personal',
      tenantId: 'tenant-1',
      teamId: undefined,
      channelId: undefined,
      userId: KEYS.userId,
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      reference: {},
      updatedAt: AT,
    });
    expect((await store.turnSnapshots.read(KEYS)).conversation).toMatchObject({ conversationId: KEYS.conversationId, tenantId: 'tenant-1' });
    expect(snapshotReads()).toBe(5);
  });

  test('a commit of another connection (a second instance on the same file) is seen by the next read', async () => {
    await store.turnSnapshots.read(KEYS);
    const other = await openStore({ engine: 'sqlite', file }, AT);
    try {
      await other.users.setLocale(KEYS.userId, 'en', AT);
    } finally {
      await other.close();
    }

    expect((await store.turnSnapshots.read(KEYS)).person?.locale).toBe('en');
  });

  test('a write by another program on the file (not through certibot) is seen within OTHER_WRITERS_CHECK_MS', async () => {
    await store.turnSnapshots.read(KEYS);
    writeByAnotherProgram(file, "UPDATE users SET locale = 'en' WHERE user_id = ?", KEYS.userId);
    await new Promise((resolve) => setTimeout(resolve, OTHER_WRITERS_CHECK_MS + 10));

    expect((await store.turnSnapshots.read(KEYS)).person?.locale).toBe('en');
  });

  test('a transaction that rolled back leaves the snapshot as it was, read again', async () => {
    await store.turnSnapshots.read(KEYS);
    await expect(
      store.db.transaction(async (tx) => {
        await tx.execute("UPDATE users SET locale = 'en' WHERE user_id = $1", [KEYS.userId]);
        throw new Error('abandoned');
      }),
    ).rejects.toThrow('abandoned');

    expect((await store.turnSnapshots.read(KEYS)).person?.locale).toBe('fr');
    expect(snapshotReads()).toBe(2);
  });
});

describe("the SQLite engine's change stamp", () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'certibot-stamp-'));
    file = path.join(dir, 'certibot.db');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('moves with every statement of this process that may write, through any of its connections on the file', async () => {
    const db = new SqliteDatabase(file);
    const other = new SqliteDatabase(file);
    try {
      await db.script('CREATE TABLE t (v INTEGER)');
      const at = 1_000_000;
      const stamps = [db.changeStamp(at)];
      await db.query('SELECT v FROM t');
      stamps.push(db.changeStamp(at));
      await other.execute('INSERT INTO t (v) VALUES ($1)', [1]);
      stamps.push(db.changeStamp(at));
      await db.query('UPDATE t SET v = 2 RETURNING v');
      stamps.push(db.changeStamp(at));
      await db.transaction(async (tx) => tx.query('SELECT v FROM t'));
      stamps.push(db.changeStamp(at));

      // A read changes nothing; a write through the other connection, a write that returns rows and a transaction do.
      expect(stamps[1]).toBe(stamps[0]);
      expect(new Set(stamps.slice(1)).size).toBe(4);
    } finally {
      await other.close();
      await db.close();
    }
  });

  test("another process's commit moves it once OTHER_WRITERS_CHECK_MS have passed since SQLite was last asked", async () => {
    const db = new SqliteDatabase(file);
    try {
      await db.script('CREATE TABLE t (v INTEGER)');
      const at = 1_000_000;
      const before = db.changeStamp(at);
      writeByAnotherProgram(file, 'INSERT INTO t (v) VALUES (?)', 1);

      expect(db.changeStamp(at + OTHER_WRITERS_CHECK_MS - 1)).toBe(before);
      expect(db.changeStamp(at + OTHER_WRITERS_CHECK_MS)).not.toBe(before);
    } finally {
      await db.close();
    }
  });

  test('a closed database has none: nothing is cached', async () => {
    const db = new SqliteDatabase(file);
    await db.close();
    expect(db.changeStamp()).toBeUndefined();
  });
});

describe('StampedTurnSnapshots', () => {
  const snapshot = (locale: 'fr' | 'en'): TurnSnapshot => ({
    conversation: undefined,
    person: { userId: KEYS.userId, locale } as TurnSnapshot['person'],
    dialogDocument: undefined,
  });

  function counting(answer: () => TurnSnapshot, during?: () => void): TurnSnapshotReader & { reads: number } {
    const reader = {
      reads: 0,
      read: async () => {
        reader.reads += 1;
        during?.();
        return answer();
      },
    };
    return reader;
  }

  test('no stamp (the engine cannot tell just now): every turn reads', async () => {
    const reader = counting(() => snapshot('fr'));
    const snapshots = new StampedTurnSnapshots(reader, () => undefined);

    await snapshots.read(KEYS);
    await snapshots.read(KEYS);

    expect(reader.reads).toBe(2);
  });

  test('a snapshot read while something was written is not kept', async () => {
    let stamp = 1;
    const reader = counting(
      () => snapshot('fr'),
      () => (stamp += 1),
    );
    const snapshots = new StampedTurnSnapshots(reader, () => String(stamp));

    await snapshots.read(KEYS);
    await snapshots.read(KEYS);

    expect(reader.reads).toBe(2);
  });

  test('each conversation, person and dialog is kept apart, and the cache is bounded', async () => {
    const reader = counting(() => snapshot('fr'));
    const snapshots = new StampedTurnSnapshots(reader, () => 'same', 2);
    const other = { ...KEYS, dialogKey: undefined };

    await snapshots.read(KEYS);
    await snapshots.read(other);
    await snapshots.read(KEYS);
    expect(reader.reads).toBe(2);

    await snapshots.read({ ...KEYS, userId: '29:bob' });
    await snapshots.read(KEYS);
    expect(reader.reads).toBe(4);
  });
});
