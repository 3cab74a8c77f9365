import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { SqlDatabase, SqlExecutor, SqlValue } from './sql';

function bindings(params: readonly SqlValue[] | undefined): Record<string, SqlValue> {
  const named: Record<string, SqlValue> = {};
  params?.forEach((value, index) => {
    named[String(index + 1)] = value;
  });
  return named;
}

/**
 * One queue per database file, shared by every connection this process opens on it. better-sqlite3 waits for a
 * locked file synchronously (busy_timeout), so a second connection queued on its own would block the event loop
 * while the transaction holding the lock could never finish.
 */
const queues = new Map<string, { tail: Promise<unknown>; connections: number }>();

/**
 * The embedded engine: one better-sqlite3 connection in WAL mode. better-sqlite3 is synchronous, so a transaction
 * that awaits between statements holds a queue that other callers wait on; nothing interleaves inside it.
 */
export class SqliteDatabase implements SqlDatabase {
  readonly dialect = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly queue: { tail: Promise<unknown>; connections: number };
  private readonly queueKey: string | undefined;
  private closed = false;

  constructor(file: string) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    this.queueKey = file === ':memory:' ? undefined : path.resolve(file);
    this.queue = (this.queueKey && queues.get(this.queueKey)) || { tail: Promise.resolve(), connections: 0 };
    this.queue.connections += 1;
    if (this.queueKey) queues.set(this.queueKey, this.queue);
  }

  private direct: SqlExecutor = {
    dialect: 'sqlite',
    query: async <Row extends object>(sql: string, params?: readonly SqlValue[]) => this.all<Row>(sql, params),
    execute: async (sql: string, params?: readonly SqlValue[]) => this.run(sql, params),
    script: async (sql: string) => void this.db.exec(sql),
  };

  private prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      if (this.statements.size > 500) this.statements.clear();
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private all<Row>(sql: string, params?: readonly SqlValue[]): Row[] {
    const statement = this.prepare(sql);
    return (statement.reader ? statement.all(bindings(params)) : (statement.run(bindings(params)), [])) as Row[];
  }

  private run(sql: string, params?: readonly SqlValue[]): number {
    return this.prepare(sql).run(bindings(params)).changes;
  }

  /** Runs `work` after everything queued before it, so transactions never interleave. */
  private serialize<T>(work: () => Promise<T> | T): Promise<T> {
    const next = this.queue.tail.then(work, work);
    this.queue.tail = next.catch(() => undefined);
    return next;
  }

  query<Row extends object>(sql: string, params?: readonly SqlValue[]): Promise<Row[]> {
    return this.serialize(() => this.all<Row>(sql, params));
  }

  execute(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.serialize(() => this.run(sql, params));
  }

  script(sql: string): Promise<void> {
    return this.serialize(() => void this.db.exec(sql));
  }

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.serialize(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(this.direct);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1 AS ok');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.serialize(() => undefined);
    this.db.close();
    this.queue.connections -= 1;
    if (this.queueKey && this.queue.connections === 0) queues.delete(this.queueKey);
  }
}
