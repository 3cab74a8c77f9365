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
 * How long better-sqlite3 may wait for another process's lock on its own: it waits synchronously, with the event loop
 * stopped (a 5 s busy_timeout once kept /healthz from answering for 9 s). Longer waits are retried asynchronously.
 */
const BUSY_TIMEOUT_MS = 2;
/** How long a statement waiting for another process's lock is retried before it fails (the turn says "try again"). */
export const DEFAULT_LOCK_WAIT_MS = 2000;
/** How long the readiness check waits for the write lock before it says that writes fail. */
const READY_LOCK_WAIT_MS = 250;
const FIRST_RETRY_MS = 5;
const MAX_RETRY_MS = 100;

/** Another process holds the lock (SQLITE_BUSY and its extended codes). */
function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * How often the change stamp asks SQLite whether another process committed (PRAGMA data_version): every turn, that
 * question cost more than the read it spares. One instance per SQLite file is the supported setup; a write by another
 * program (a maintenance script, the sqlite3 shell) is seen within this delay.
 */
export const OTHER_WRITERS_CHECK_MS = 100;

/**
 * What this process shares about one database file among the connections it opens on it: their queue, and how many
 * statements that may have written they ran (see changeStamp).
 */
interface FileState {
  tail: Promise<unknown>;
  connections: number;
  writes: number;
}

/**
 * One queue per database file, shared by every connection this process opens on it. better-sqlite3 waits for a
 * locked file synchronously (busy_timeout), so a second connection queued on its own would block the event loop
 * while the transaction holding the lock could never finish.
 */
const queues = new Map<string, FileState>();

/**
 * The embedded engine: one better-sqlite3 connection in WAL mode. better-sqlite3 is synchronous, so a transaction
 * that awaits between statements holds a queue that other callers wait on; nothing interleaves inside it.
 */
export class SqliteDatabase implements SqlDatabase {
  readonly dialect = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly queue: FileState;
  private readonly queueKey: string | undefined;
  private closed = false;
  private dataVersion: { statement: Database.Statement; value: unknown; readAt: number } | undefined;

  /** `lockWaitMs`: how long a statement is retried while another process holds the lock. */
  constructor(
    file: string,
    private readonly lockWaitMs = DEFAULT_LOCK_WAIT_MS,
  ) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    this.db.pragma('foreign_keys = ON');
    this.queueKey = file === ':memory:' ? undefined : path.resolve(file);
    this.queue = (this.queueKey && queues.get(this.queueKey)) || { tail: Promise.resolve(), connections: 0, writes: 0 };
    this.queue.connections += 1;
    if (this.queueKey) queues.set(this.queueKey, this.queue);
  }

  private direct: SqlExecutor = {
    dialect: 'sqlite',
    query: async <Row extends object>(sql: string, params?: readonly SqlValue[]) => this.all<Row>(sql, params),
    execute: async (sql: string, params?: readonly SqlValue[]) => this.run(sql, params),
    script: async (sql: string) => this.exec(sql),
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
    if (!statement.readonly) this.queue.writes += 1;
    return (statement.reader ? statement.all(bindings(params)) : (statement.run(bindings(params)), [])) as Row[];
  }

  private run(sql: string, params?: readonly SqlValue[]): number {
    this.queue.writes += 1;
    return this.prepare(sql).run(bindings(params)).changes;
  }

  private exec(sql: string): void {
    this.queue.writes += 1;
    this.db.exec(sql);
  }

  /**
   * Changes with every statement of this process that may have written to the file (through any of its connections;
   * a transaction also counts when it ends, so that what it rolled back is never taken for current), and with
   * PRAGMA data_version, which moves when another process commits — asked at most every OTHER_WRITERS_CHECK_MS.
   */
  changeStamp(now = Date.now()): string | undefined {
    if (this.closed) return undefined;
    try {
      if (!this.dataVersion || now - this.dataVersion.readAt >= OTHER_WRITERS_CHECK_MS || now < this.dataVersion.readAt) {
        const statement = this.dataVersion?.statement ?? this.db.prepare('PRAGMA data_version').pluck();
        this.dataVersion = { statement, value: statement.get(), readAt: now };
      }
      return `${this.queue.writes}:${String(this.dataVersion.value)}`;
    } catch {
      return undefined;
    }
  }

  /** Runs `work` after everything queued before it, so transactions never interleave. */
  private serialize<T>(work: () => Promise<T> | T): Promise<T> {
    const next = this.queue.tail.then(work, work);
    this.queue.tail = next.catch(() => undefined);
    return next;
  }

  /**
   * Runs a statement that takes no lock of ours yet, trying again with growing pauses while another process holds the
   * file's lock, for up to `waitMs`; the event loop runs between tries. A statement refused as busy changed nothing.
   */
  private async whenUnlocked<T>(attempt: () => T, waitMs = this.lockWaitMs): Promise<T> {
    const started = Date.now();
    for (let pause = FIRST_RETRY_MS; ; pause = Math.min(pause * 2, MAX_RETRY_MS)) {
      try {
        return attempt();
      } catch (error) {
        if (!isBusy(error) || Date.now() - started + pause > waitMs) throw error;
        await sleep(pause);
      }
    }
  }

  query<Row extends object>(sql: string, params?: readonly SqlValue[]): Promise<Row[]> {
    return this.serialize(() => this.whenUnlocked(() => this.all<Row>(sql, params)));
  }

  execute(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.serialize(() => this.whenUnlocked(() => this.run(sql, params)));
  }

  script(sql: string): Promise<void> {
    return this.serialize(() => this.whenUnlocked(() => this.exec(sql)));
  }

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.serialize(async () => {
      // Once BEGIN IMMEDIATE holds the write lock, no statement of the transaction waits for another process.
      await this.whenUnlocked(() => this.db.exec('BEGIN IMMEDIATE'));
      try {
        const result = await work(this.direct);
        this.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.exec('ROLLBACK');
        throw error;
      }
    });
  }

  /** Ready means writable: takes the write lock (briefly, writing nothing), which a reader would not notice is held. */
  async ping(): Promise<void> {
    await this.serialize(() =>
      this.whenUnlocked(() => {
        this.db.exec('BEGIN IMMEDIATE');
        this.db.exec('ROLLBACK');
      }, READY_LOCK_WAIT_MS),
    );
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
