/** A value that both engines bind the same way. Booleans are stored as 0/1, instants as epoch milliseconds. */
export type SqlValue = string | number | null;

export type SqlDialect = 'sqlite' | 'postgres';

/**
 * The little SQL both engines share. Statements use PostgreSQL-style `$1` placeholders; the SQLite engine binds
 * them by name. Repositories are written once against this interface.
 */
export interface SqlExecutor {
  readonly dialect: SqlDialect;
  query<Row extends object>(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
  /** Runs a statement and answers how many rows it changed. */
  execute(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** Runs several parameterless statements separated by semicolons (migrations). */
  script(sql: string): Promise<void>;
}

export interface SqlDatabase extends SqlExecutor {
  /** Runs `work` in one transaction; concurrent work waits (SQLite) or is isolated (PostgreSQL). */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Throws when the engine cannot be reached or would refuse a write (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
  /**
   * A value that changes whenever what the database holds may have changed — a write of this process, another
   * connection's commit — for caches of reads. Absent where no such value is cheap to get (PostgreSQL, which several
   * instances write); undefined when it cannot be read just now (cache nothing then).
   */
  changeStamp?(): string | undefined;
}

/** The first row, or undefined. */
export async function queryOne<Row extends object>(
  db: SqlExecutor,
  sql: string,
  params?: readonly SqlValue[],
): Promise<Row | undefined> {
  const rows = await db.query<Row>(sql, params);
  return rows[0];
}
