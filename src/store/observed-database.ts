import type { SqlDatabase, SqlExecutor, SqlValue } from './sql';

/** Told of each failed database call, by operation ('query', 'execute', 'transaction', 'ping'…). */
export type DatabaseErrorObserver = (operation: string) => void;

async function observed<T>(operation: string, onError: DatabaseErrorObserver, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    onError(operation);
    throw error;
  }
}

/**
 * The same database, with every failed call reported (for metrics) before it is thrown on. A failed transaction counts
 * once, whichever of its statements failed.
 */
export function observedDatabase(db: SqlDatabase, onError: DatabaseErrorObserver): SqlDatabase {
  return {
    dialect: db.dialect,
    query: <Row extends object>(sql: string, params?: readonly SqlValue[]) => observed('query', onError, () => db.query<Row>(sql, params)),
    execute: (sql: string, params?: readonly SqlValue[]) => observed('execute', onError, () => db.execute(sql, params)),
    script: (sql: string) => observed('script', onError, () => db.script(sql)),
    transaction: <T>(work: (tx: SqlExecutor) => Promise<T>) => observed('transaction', onError, () => db.transaction(work)),
    ping: () => observed('ping', onError, () => db.ping()),
    close: () => db.close(),
    ...(db.changeStamp ? { changeStamp: () => db.changeStamp?.() } : {}),
  };
}
