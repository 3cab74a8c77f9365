import { Pool, types, type PoolClient } from 'pg';
import type { SqlDatabase, SqlExecutor, SqlValue } from './sql';

const INT8_OID = 20;
/** Instants are BIGINT epoch milliseconds: well inside Number's exact range, so read them as numbers. */
const typeParser = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (value: string) => Number(value) : types.getTypeParser(oid, format ?? 'text')) as typeof types.getTypeParser,
};

function executor(client: Pool | PoolClient): SqlExecutor {
  return {
    dialect: 'postgres',
    query: async <Row extends object>(sql: string, params?: readonly SqlValue[]) =>
      (await client.query({ text: sql, values: params ? [...params] : [], types: typeParser })).rows as Row[],
    execute: async (sql: string, params?: readonly SqlValue[]) =>
      (await client.query({ text: sql, values: params ? [...params] : [], types: typeParser })).rowCount ?? 0,
    script: async (sql: string) => void (await client.query(sql)),
  };
}

/** The shared engine for several bot instances: a pg connection pool. */
export class PostgresDatabase implements SqlDatabase {
  readonly dialect = 'postgres' as const;
  private readonly pool: Pool;
  private readonly direct: SqlExecutor;

  constructor(url: string, options: { max?: number } = {}) {
    this.pool = new Pool({ connectionString: url, max: options.max ?? 10, connectionTimeoutMillis: 5000 });
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
