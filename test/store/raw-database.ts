import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PostgresDatabase } from '../../src/store/postgres';
import type { SqlDatabase } from '../../src/store/sql';
import { SqliteDatabase } from '../../src/store/sqlite';
import { createTestSchema, POSTGRES_SKIP_MESSAGE, TEST_DATABASE_URL, warnPostgresSkipped } from './postgres-schema';

/** A bare database, not migrated: a migration test brings it to the version it starts from. */
export interface RawDatabase {
  readonly db: SqlDatabase;
  drop(): Promise<void>;
}

/**
 * Runs `suite` once per engine with a way to open a fresh bare database: SQLite always, PostgreSQL when
 * TEST_DATABASE_URL is set (otherwise a skipped describe says so).
 */
export function forEachRawEngine(suite: (open: () => Promise<RawDatabase>) => void): void {
  describe('SQLite', () =>
    suite(async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'certibot-migration-'));
      return { db: new SqliteDatabase(path.join(dir, 'certibot.db')), drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
    }));
  if (TEST_DATABASE_URL === undefined) {
    warnPostgresSkipped();
    describe.skip(POSTGRES_SKIP_MESSAGE, () => {
      test('needs PostgreSQL', () => undefined);
    });
  } else {
    describe('PostgreSQL', () =>
      suite(async () => {
        const schema = await createTestSchema(TEST_DATABASE_URL ?? '');
        return { db: new PostgresDatabase(schema.url), drop: () => schema.drop() };
      }));
  }
}
