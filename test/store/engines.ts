import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore, type Store } from '../../src/store';
import { createTestSchema, POSTGRES_SKIP_MESSAGE, TEST_DATABASE_URL, warnPostgresSkipped } from './postgres-schema';

/** When every test database is first migrated. */
export const OPENED_AT = new Date('2025-01-01T00:00:00.000Z');

/** A database of one test: any number of stores (instances) can connect to it. */
export interface TestDatabase {
  connect(): Promise<Store>;
  /** Closes the stores it connected and removes the database. */
  drop(): Promise<void>;
}

export interface Engine {
  readonly name: 'SQLite' | 'PostgreSQL';
  create(): Promise<TestDatabase>;
}

function tracking(open: () => Promise<Store>, remove: () => Promise<void>): TestDatabase {
  const stores: Store[] = [];
  return {
    connect: async () => {
      const store = await open();
      stores.push(store);
      return store;
    },
    drop: async () => {
      await Promise.all(stores.map((store) => store.close().catch(() => undefined)));
      await remove();
    },
  };
}

export const sqliteEngine: Engine = {
  name: 'SQLite',
  create: async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'certibot-reminders-'));
    const file = path.join(dir, 'certibot.db');
    return tracking(
      () => openStore({ engine: 'sqlite', file }, OPENED_AT),
      async () => fs.rmSync(dir, { recursive: true, force: true }),
    );
  },
};

export const postgresEngine: Engine = {
  name: 'PostgreSQL',
  create: async () => {
    const schema = await createTestSchema(TEST_DATABASE_URL ?? '');
    return tracking(() => openStore({ engine: 'postgres', url: schema.url }, OPENED_AT), () => schema.drop());
  },
};

/**
 * Runs `suite` once per engine: SQLite always, PostgreSQL when TEST_DATABASE_URL is set — otherwise a skipped
 * describe says so in the report, and a warning on the console.
 */
export function forEachEngine(suite: (engine: Engine) => void): void {
  describe('SQLite', () => suite(sqliteEngine));
  if (TEST_DATABASE_URL === undefined) {
    warnPostgresSkipped();
    describe.skip(POSTGRES_SKIP_MESSAGE, () => {
      test('needs PostgreSQL', () => undefined);
    });
  } else {
    describe('PostgreSQL', () => suite(postgresEngine));
  }
}

/** Runs `work` on one store of a fresh database of `engine`, removed afterwards whatever happens. */
export async function withStore<T>(engine: Engine, work: (store: Store, database: TestDatabase) => Promise<T>): Promise<T> {
  const database = await engine.create();
  try {
    return await work(await database.connect(), database);
  } finally {
    await database.drop();
  }
}
