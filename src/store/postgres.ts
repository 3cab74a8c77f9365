import { createHash } from 'node:crypto';
import { Pool, types, type PoolClient } from 'pg';
import type { SqlDatabase, SqlExecutor, SqlValue } from './sql';

const INT8_OID = 20;
/** Instants are BIGINT epoch milliseconds: well inside Number's exact range, so read them as numbers. */
const typeParser = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (value: string) => Number(value) : types.getTypeParser(oid, format ?? 'text')) as typeof types.getTypeParser,
};

/** How many statement texts get a name; past that (texts built from many list lengths), statements go unnamed. */
const MAX_NAMED_STATEMENTS = 500;
const statementNames = new Map<string, string>();

/**
 * A name for a statement text, the same in every process: pg then prepares it once per connection, and PostgreSQL
 * parses and plans it once per connection instead of on every turn. The name is derived from the text, so that two
 * texts never share one.
 */
function statementName(sql: string): string | undefined {
  let name = statementNames.get(sql);
  if (name === undefined && statementNames.size < MAX_NAMED_STATEMENTS) {
    name = `certibot_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
    statementNames.set(sql, name);
  }
  return name;
}

function executor(client: Pool | PoolClient): SqlExecutor {
  // A statement without parameters goes by the simple protocol, as pg sends it: it may hold several commands.
  const run = (sql: string, params?: readonly SqlValue[]) =>
    params && params.length > 0
      ? client.query({ text: sql, name: statementName(sql), values: [...params], types: typeParser })
      : client.query({ text: sql, values: [], types: typeParser });
  return {
    dialect: 'postgres',
    query: async <Row extends object>(sql: string, params?: readonly SqlValue[]) => (await run(sql, params)).rows as Row[],
    execute: async (sql: string, params?: readonly SqlValue[]) => (await run(sql, params)).rowCount ?? 0,
    script: async (sql: string) => void (await client.query(sql)),
  };
}

/**
 * How long one statement may run on the server before PostgreSQL cancels it (a lock held by a stuck session, a query
 * gone wrong): a turn fails cleanly with "try again" instead of waiting with the person. Migrations lift it.
 */
export const STATEMENT_TIMEOUT_MS = 10_000;
/** The client's own limit, a little longer: it also covers a server that stopped answering (a cut network). */
const QUERY_TIMEOUT_MS = STATEMENT_TIMEOUT_MS + 5_000;

/** The shared engine for several bot instances: a pg connection pool. */
export class PostgresDatabase implements SqlDatabase {
  readonly dialect = 'postgres' as const;
  private readonly pool: Pool;
  private readonly direct: SqlExecutor;

  constructor(url: string, options: { max?: number; statementTimeoutMs?: number } = {}) {
    const statementTimeout = options.statementTimeoutMs ?? STATEMENT_TIMEOUT_MS;
    this.pool = new Pool({
      connectionString: url,
      max: options.max ?? 10,
      connectionTimeoutMillis: 5000,
      statement_timeout: statementTimeout,
      query_timeout: statementTimeout + (QUERY_TIMEOUT_MS - STATEMENT_TIMEOUT_MS),
      // A transaction left open (a process frozen mid-turn) must not hold its row locks for ever.
      idle_in_transaction_session_timeout: 30_000,
      // A connection whose peer vanished (a cut network) is found out by TCP keepalives, not by the next query.
      keepAlive: true,
    });
    // An idle client that loses its connection must not crash the process; the next query reconnects.
    this.pool.on('error', () => undefined);
    this.direct = executor(this.pool);
  }

  query<Row extends object>(sql: string, params?: readonly SqlValue[]): Promise<Row[]> {
    return this.direct.query<Row>(sql, params);
  }

  execute(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.direct.execute(sql, params);
  }

  script(sql: string): Promise<void> {
    return this.direct.script(sql);
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    // A connection that cannot even roll back is broken: released with the error, the pool drops it and opens another.
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(executor(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error('ROLLBACK failed');
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** Ready means writable: a standby (or a read-only default) answers queries but refuses every write. */
  async ping(): Promise<void> {
    const { rows } = await this.pool.query<{ transaction_read_only: string }>('SHOW transaction_read_only');
    if (rows[0]?.transaction_read_only !== 'off') throw new Error('PostgreSQL is read-only: writes would fail');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
