import { openStore } from '../../src/store';
import { migrate, MIGRATIONS } from '../../src/store/migrations';
import { PostgresDatabase } from '../../src/store/postgres';
import { SqlUserPreferencesRepository } from '../../src/store/user-preferences-store';
import { CONTRACT_OPENED_AT, storeContract } from './store-contract';

const ALL_VERSIONS = MIGRATIONS.map((m) => m.version);
import {
  createTestSchema,
  POSTGRES_SKIP_MESSAGE,
  TEST_DATABASE_URL,
  warnPostgresSkipped,
  type TestSchema,
} from './postgres-schema';

if (TEST_DATABASE_URL === undefined) warnPostgresSkipped();
const suite = TEST_DATABASE_URL === undefined ? describe.skip : describe;
const baseUrl = TEST_DATABASE_URL ?? 'postgres://unset';

suite(TEST_DATABASE_URL === undefined ? POSTGRES_SKIP_MESSAGE : 'PostgreSQL', () => {
  let contractSchema: Promise<TestSchema> | undefined;
  const schemaOnce = (): Promise<TestSchema> => (contractSchema ??= createTestSchema(baseUrl));

  storeContract(
    'PostgreSQL',
    async () => openStore({ engine: 'postgres', url: (await schemaOnce()).url }, CONTRACT_OPENED_AT),
    async () => (await schemaOnce()).drop(),
  );

  describe('PostgreSQL engine', () => {
    /** Runs `work` on a fresh schema of its own, dropped afterwards whatever happens. */
    async function withFreshSchema(work: (schema: TestSchema) => Promise<void>): Promise<void> {
      const schema = await createTestSchema(baseUrl);
      try {
        await work(schema);
      } finally {
        await schema.drop();
      }
    }

    test('a statement that runs past the timeout is cancelled by PostgreSQL with a clean error, and the pool goes on', async () => {
      const db = new PostgresDatabase(baseUrl, { max: 1, statementTimeoutMs: 200 });
      try {
        const started = Date.now();
        await expect(db.query('SELECT pg_sleep($1::float8)', [5])).rejects.toMatchObject({ code: '57014' });
        expect(Date.now() - started).toBeLessThan(3000);
        // The same (only) connection answers the next query.
        await expect(db.query<{ ok: number }>('SELECT 1 AS ok')).resolves.toEqual([{ ok: 1 }]);
        // Migrations lift it: a long statement inside migrate's transaction is not cancelled.
        await db.transaction(async (tx) => {
          await tx.script('SET LOCAL statement_timeout = 0');
          await tx.query('SELECT pg_sleep($1::float8)', [0.4]);
        });
      } finally {
        await db.close();
      }
    });

    test("the connection string's search_path puts every table in the suite's own schema", async () => {
      await withFreshSchema(async (schema) => {
        const store = await openStore({ engine: 'postgres', url: schema.url }, CONTRACT_OPENED_AT);
        try {
          expect(store.engine).toBe('postgres');
          const tables = await store.db.query<{ table_name: string }>(
            'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
            [schema.name],
          );
          expect(tables.map((row) => row.table_name)).toEqual(
            expect.arrayContaining(['bot_state', 'conversations', 'schema_migrations', 'users']),
          );
          await expect(store.db.query('SELECT current_schema() AS name')).resolves.toEqual([{ name: schema.name }]);
        } finally {
          await store.close();
        }
      });
    });

    test('two instances migrating a fresh schema at once apply version 1 (and every later one) exactly once, without error', async () => {
      await withFreshSchema(async (schema) => {
        const first = new PostgresDatabase(schema.url, { max: 2 });
        const second = new PostgresDatabase(schema.url, { max: 2 });
        try {
          const results = await Promise.all([migrate(first, 1000), migrate(second, 2000)]);
          expect([...results].sort((a, b) => a.length - b.length)).toEqual([[], ALL_VERSIONS]);
          const rows = await first.query<{ version: number; applied_at: number }>(
            'SELECT version, applied_at FROM schema_migrations ORDER BY version',
          );
          expect(rows.map((row) => row.version)).toEqual(ALL_VERSIONS);
          expect(ALL_VERSIONS[0]).toBe(1);
          // One instance applied them all, in one transaction.
          expect(new Set(rows.map((row) => row.applied_at)).size).toBe(1);
          expect([1000, 2000]).toContain(rows[0]?.applied_at);
        } finally {
          await first.close();
          await second.close();
        }
      });
    });

    test("a transaction's writes stay invisible to other connections until it commits", async () => {
      await withFreshSchema(async (schema) => {
        const store = await openStore({ engine: 'postgres', url: schema.url }, CONTRACT_OPENED_AT);
        try {
          let release: () => void = () => undefined;
          const held = new Promise<void>((resolve) => {
            release = resolve;
          });
          let written: () => void = () => undefined;
          const wrote = new Promise<void>((resolve) => {
            written = resolve;
          });
          const transaction = store.db.transaction(async (tx) => {
            await new SqlUserPreferencesRepository(tx).setLocale('29:pending', 'en', new Date(1000));
            written();
            await held;
          });
          await wrote;
          await expect(store.users.exists('29:pending')).resolves.toBe(false);
          release();
          await transaction;
          await expect(store.users.getLocale('29:pending')).resolves.toBe('en');
        } finally {
          await store.close();
        }
      });
    });
  });
});
