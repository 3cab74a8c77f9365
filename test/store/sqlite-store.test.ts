import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../../src/store';
import { migrate, MIGRATIONS } from '../../src/store/migrations';
import { SqliteDatabase } from '../../src/store/sqlite';
import { CONTRACT_OPENED_AT, storeContract } from './store-contract';

const ALL_VERSIONS = MIGRATIONS.map((m) => m.version);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'certibot-sqlite-'));
const file = path.join(dir, 'contract', 'certibot.db');

storeContract(
  'SQLite',
  () => openStore({ engine: 'sqlite', file }, CONTRACT_OPENED_AT),
  async () => fs.rmSync(dir, { recursive: true, force: true }),
);

describe('SQLite engine', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'certibot-sqlite-engine-'));
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  test('the store creates its directory and a real database file on disk', async () => {
    const nested = path.join(scratch, 'deep', 'er', 'certibot.db');
    const store = await openStore({ engine: 'sqlite', file: nested }, CONTRACT_OPENED_AT);
    try {
      expect(store.engine).toBe('sqlite');
      expect(fs.statSync(nested).isFile()).toBe(true);
      const [mode] = await store.db.query<{ journal_mode: string }>('PRAGMA journal_mode');
      expect(mode).toEqual({ journal_mode: 'wal' });
    } finally {
      await store.close();
    }
  });

  test('two transactions started together run one after the other, never interleaved', async () => {
    const db = new SqliteDatabase(path.join(scratch, 'interleave.db'));
    try {
      await db.script('CREATE TABLE log (seq INTEGER PRIMARY KEY AUTOINCREMENT, entry TEXT NOT NULL)');
      const steps: string[] = [];
      const work = (name: string, waitMs: number) =>
        db.transaction(async (tx) => {
          steps.push(`${name} begins`);
          await tx.execute('INSERT INTO log (entry) VALUES ($1)', [`${name}1`]);
          await pause(waitMs);
          await tx.execute('INSERT INTO log (entry) VALUES ($1)', [`${name}2`]);
          steps.push(`${name} ends`);
          return name;
        });

      await expect(Promise.all([work('A', 30), work('B', 0), db.query<{ n: number }>('SELECT COUNT(*) AS n FROM log')])).resolves.toEqual([
        'A',
        'B',
        [{ n: 4 }],
      ]);
      expect(steps).toEqual(['A begins', 'A ends', 'B begins', 'B ends']);
      const rows = await db.query<{ entry: string }>('SELECT entry FROM log ORDER BY seq');
      expect(rows.map((row) => row.entry)).toEqual(['A1', 'A2', 'B1', 'B2']);
    } finally {
      await db.close();
    }
  });

  test('a failed transaction does not block the next one queued behind it', async () => {
    const db = new SqliteDatabase(path.join(scratch, 'queue.db'));
    try {
      await db.script('CREATE TABLE t (v TEXT)');
      const failing = db.transaction(async (tx) => {
        await tx.execute("INSERT INTO t (v) VALUES ('lost')");
        await pause(10);
        throw new Error('first fails');
      });
      const next = db.transaction(async (tx) => tx.execute("INSERT INTO t (v) VALUES ('kept')"));
      await expect(failing).rejects.toThrow('first fails');
      await expect(next).resolves.toBe(1);
      await expect(db.query('SELECT v FROM t')).resolves.toEqual([{ v: 'kept' }]);
    } finally {
      await db.close();
    }
  });

  test('two connections on the same file migrating at once apply each version exactly once, without error', async () => {
    const shared = path.join(scratch, 'two-instances.db');
    const first = new SqliteDatabase(shared);
    const second = new SqliteDatabase(shared);
    try {
      const started = Date.now();
      const results = await Promise.all([migrate(first, 1000), migrate(second, 2000)]);
      expect([...results].sort((a, b) => a.length - b.length)).toEqual([[], ALL_VERSIONS]);
      // Neither waited out busy_timeout (5 s) on the other.
      expect(Date.now() - started).toBeLessThan(4000);
      const rows = await second.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((row) => row.version)).toEqual(ALL_VERSIONS);
      expect(ALL_VERSIONS[0]).toBe(1);
    } finally {
      await first.close();
      await second.close();
    }
  });

  test('a connection closed while another stays open on the same file leaves the other usable', async () => {
    const shared = path.join(scratch, 'close-one.db');
    const first = new SqliteDatabase(shared);
    const second = new SqliteDatabase(shared);
    await migrate(first, 1000);
    await first.close();
    try {
      const rows = await second.transaction((tx) => tx.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version'));
      expect(rows.map((row) => row.version)).toEqual(ALL_VERSIONS);
    } finally {
      await second.close();
    }
  });
});
