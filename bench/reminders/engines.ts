/** The two databases the bench runs on, opened through the real store, with a bulk loader and the claim's query plan. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { openStore, type StorageSettings, type Store } from '../../src/store';
import { claimCandidatesSql } from '../../src/store/outbox-store';
import { benchDatabaseUrl, createBenchSchema, withClient } from '../postgres-schema';
import { BATCH, onCleanup } from './common';
import { placeholders } from './queries';
import { TABLES, type Rows } from './rows';

export type EngineName = 'SQLite' | 'PostgreSQL';

/** A database the bench runs on, with what the phases need of it beyond the store. */
export interface Engine {
  readonly name: EngineName;
  readonly where: string;
  readonly settings: StorageSettings;
  readonly store: Store;
  /** Inserts one chunk in one transaction. */
  load(rows: Rows): Promise<void>;
  /** What a production engine would have done by itself after a bulk load (PostgreSQL: autovacuum's ANALYZE). */
  afterLoad(): Promise<void>;
  /** The plan of the claim's candidate query at `now`. */
  claimPlan(now: number): Promise<string[]>;
  /** Closes what the engine opened (the database itself is removed by the cleanup). */
  close(): Promise<void>;
  /** A schema change tried when the claim's plan scans conversations (PostgreSQL), created and dropped around one measurement. */
  readonly whatIf?: { readonly description: string; create(): Promise<void>; drop(): Promise<void> };
}

/** SQLite in a temp file, removed at the end. */
export async function openSqlite(): Promise<Engine> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'certibot-bench-reminders-'));
  onCleanup(`remove ${dir}`, async () => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'certibot.db');
  const settings: StorageSettings = { engine: 'sqlite', file };
  const store = await openStore(settings, new Date());
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await store.close();
  };
  onCleanup('close SQLite', close);
  /** Multi-row INSERTs of 100 rows (well under SQLite's parameter limit), in one transaction per chunk. */
  const load = (rows: Rows): Promise<void> =>
    store.db.transaction(async (tx) => {
      for (const table of TABLES) {
        const all = rows[table.key];
        const width = table.columns.length;
        for (let start = 0; start < all.length; start += 100) {
          const part = all.slice(start, start + 100);
          const values = part.map((_, r) => `(${placeholders(width, r * width + 1)})`).join(', ');
          await tx.execute(`INSERT INTO ${table.name} (${table.columns.join(', ')}) VALUES ${values}`, part.flat());
        }
      }
    });
  return {
    name: 'SQLite',
    where: `temp file ${file}`,
    settings,
    store,
    load,
    // certibot never runs ANALYZE on SQLite: the plan must hold without statistics.
    afterLoad: async () => undefined,
    claimPlan: async (now) =>
      (await store.db.query<{ detail: string }>(`EXPLAIN QUERY PLAN ${claimCandidatesSql('sqlite')}`, [now, BATCH])).map((row) => row.detail),
    close,
  };
}

/**
 * PostgreSQL at BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the local default, in a fresh schema dropped at the end.
 */
export async function openPostgres(): Promise<Engine> {
  const base = benchDatabaseUrl();
  const schema = await createBenchSchema(base);
  const version = await withClient(base, async (client) =>
    String((await client.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ?? '?'),
  );
  onCleanup(`drop schema ${schema.name}`, () => schema.drop());
  const url = schema.url;
  const settings: StorageSettings = { engine: 'postgres', url };
  const store = await openStore(settings, new Date());
  // A plain connection for the bulk load: arrays are not SqlValues.
  const loader = new Client({ connectionString: url });
  await loader.connect();
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await loader.end().catch(() => undefined);
    await store.close();
  };
  onCleanup('close PostgreSQL connections', close);
  /** One INSERT … SELECT FROM unnest($1::text[], …) per table, in one transaction per chunk. */
  const load = async (rows: Rows): Promise<void> => {
    await loader.query('BEGIN');
    try {
      for (const table of TABLES) {
        const all = rows[table.key];
        const arrays = table.columns.map((_, c) => all.map((row) => row[c] ?? null));
        const unnest = table.types.map((type, i) => `$${i + 1}::${type}[]`).join(', ');
        await loader.query(`INSERT INTO ${table.name} (${table.columns.join(', ')}) SELECT * FROM unnest(${unnest})`, arrays);
      }
      await loader.query('COMMIT');
    } catch (error) {
      await loader.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  };
  return {
    name: 'PostgreSQL',
    where: `PostgreSQL ${version}, schema ${schema.name}`,
    settings,
    store,
    load,
    afterLoad: async () => void (await loader.query('ANALYZE')),
    claimPlan: async (now) =>
      (
        await store.db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${claimCandidatesSql('postgres')}`, [now, BATCH])
      ).map((row) => row['QUERY PLAN']),
    close,
    whatIf: {
      description: 'a partial index conversations (conversation_id) WHERE unreachable_reason IS NOT NULL',
      create: async () => {
        await loader.query('CREATE INDEX bench_conversations_unreachable ON conversations (conversation_id) WHERE unreachable_reason IS NOT NULL');
        await loader.query('ANALYZE conversations');
      },
      drop: async () => {
        await loader.query('DROP INDEX bench_conversations_unreachable');
        await loader.query('ANALYZE conversations');
      },
    },
  };
}
