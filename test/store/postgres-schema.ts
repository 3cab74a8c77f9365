import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The PostgreSQL server the contract runs against, or undefined to skip those suites visibly. */
export const TEST_DATABASE_URL: string | undefined = process.env.TEST_DATABASE_URL?.trim() || undefined;

export const POSTGRES_SKIP_MESSAGE = 'PostgreSQL contract skipped: TEST_DATABASE_URL not set';

/** A schema of its own for one suite, so concurrent runs and earlier runs never meet. */
export interface TestSchema {
  readonly name: string;
  /** TEST_DATABASE_URL with `search_path` pointing at this schema only. */
  readonly url: string;
  drop(): Promise<void>;
}

/** Appends `options=-c search_path=<schema>` to a connection URL, keeping whatever query it already has. */
export function urlWithSearchPath(base: string, schema: string): string {
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

async function withClient<T>(base: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: base });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates `certibot_test_<random>` and answers how to reach and drop it. */
export async function createTestSchema(base: string): Promise<TestSchema> {
  const name = `certibot_test_${randomBytes(6).toString('hex')}`;
  await withClient(base, (client) => client.query(`CREATE SCHEMA ${name}`));
  return {
    name,
    url: urlWithSearchPath(base, name),
    drop: () => withClient(base, async (client) => void (await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`))),
  };
}

/** Says on the console, once per file, that a PostgreSQL suite did not run. */
export function warnPostgresSkipped(): void {
  console.warn(`${POSTGRES_SKIP_MESSAGE}: set it (e.g. postgres://postgres@127.0.0.1:5432/test) to run these tests.`);
}
