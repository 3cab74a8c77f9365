/** PostgreSQL for the benchmarks: the server to use, and a fresh schema of their own in it, reached by search_path. */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the local default. */
export function benchDatabaseUrl(): string {
  return process.env.BENCH_DATABASE_URL?.trim() || process.env.TEST_DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/test';
}

/** `base` with `search_path` set to `schema` only, so that a bot's pool sees that schema alone. */
export function urlWithSearchPath(base: string, schema: string): string {
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

/** Runs `work` on one short-lived connection. */
export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A schema made for one bench run: its name, the URL that reaches it, and how to drop it. */
export interface BenchSchema {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

/** Creates `<prefix>_<random>` on `base`. */
export async function createBenchSchema(base: string, prefix = 'bench'): Promise<BenchSchema> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await withClient(base, (client) => client.query(`CREATE SCHEMA ${name}`));
  return {
    name,
    url: urlWithSearchPath(base, name),
    drop: () => withClient(base, async (client) => void (await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`))),
  };
}
