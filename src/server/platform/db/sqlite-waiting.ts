/**
 * SQLite with more than one connection to the file (the server's, a workbook import's worker, a
 * `shifan import` beside the server): transactions take the write lock at BEGIN, and a locked
 * database is waited for between turns of the event loop instead of in SQLite's busy handler,
 * which sleeps the whole thread.
 *
 * - `begin immediate`: a deferred transaction that read before another connection committed
 *   cannot write afterwards (SQLITE_BUSY_SNAPSHOT, no wait helps); taking the lock first avoids it.
 * - busy_timeout 0 and an asynchronous retry: while the import worker commits, the server's own
 *   writes (a sign-in, a session refresh) wait without stalling `/api/v1/health` and the pages.
 */
import type SqliteDatabase from "better-sqlite3";
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  SqliteDialect,
  type TransactionSettings,
} from "kysely";

/**
 * How long a statement waits for another connection's write lock before it fails. The wait holds
 * no thread, so it can outlast the commit of the largest workbook (a 50 MiB file, ~700k rows)
 * rather than fail a sign-in that arrives meanwhile.
 */
export const BUSY_WAIT_MS = 30_000;

const isBusy = (error: unknown) =>
  typeof (error as { code?: unknown })?.code === "string" &&
  (error as { code: string }).code.startsWith("SQLITE_BUSY");

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `attempt` again while SQLite answers SQLITE_BUSY, for up to BUSY_WAIT_MS. */
async function whileBusy<T>(attempt: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + BUSY_WAIT_MS;
  for (let delay = 1; ; delay = Math.min(delay * 2, 25)) {
    try {
      return await attempt();
    } catch (error) {
      if (!isBusy(error) || Date.now() + delay > deadline) throw error;
      await sleep(delay);
    }
  }
}

/** A connection whose statements outside a transaction wait for a busy database. */
function waiting(connection: DatabaseConnection, sqlite: SqliteDatabase.Database): DatabaseConnection {
  return {
    executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      // Inside a transaction the lock is held since BEGIN; a statement that failed there is not
      // retried (it may have been half done), the transaction's error handling decides.
      if (sqlite.inTransaction) return connection.executeQuery<R>(query);
      return whileBusy(() => connection.executeQuery<R>(query));
    },
    streamQuery<R>(query: CompiledQuery, chunkSize?: number) {
      return connection.streamQuery<R>(query, chunkSize);
    },
  };
}

class WaitingSqliteDriver implements Driver {
  constructor(
    readonly inner: Driver,
    readonly sqlite: SqliteDatabase.Database,
  ) {}
  init() {
    return this.inner.init();
  }
  async acquireConnection() {
    return waiting(await this.inner.acquireConnection(), this.sqlite);
  }
  async beginTransaction(connection: DatabaseConnection, _settings: TransactionSettings) {
    await whileBusy(() => connection.executeQuery(CompiledQuery.raw("begin immediate")));
  }
  commitTransaction(connection: DatabaseConnection) {
    return this.inner.commitTransaction(connection);
  }
  rollbackTransaction(connection: DatabaseConnection) {
    return this.inner.rollbackTransaction(connection);
  }
  savepoint: Driver["savepoint"] = (connection, name, compile) =>
    this.inner.savepoint!(connection, name, compile);
  rollbackToSavepoint: Driver["rollbackToSavepoint"] = (connection, name, compile) =>
    this.inner.rollbackToSavepoint!(connection, name, compile);
  releaseSavepoint: Driver["releaseSavepoint"] = (connection, name, compile) =>
    this.inner.releaseSavepoint!(connection, name, compile);
  releaseConnection(connection: DatabaseConnection) {
    return this.inner.releaseConnection(connection);
  }
  destroy() {
    return this.inner.destroy();
  }
}

/** Kysely's SQLite dialect over `sqlite`, with the two changes of the module comment. */
export class WaitingSqliteDialect extends SqliteDialect {
  readonly #sqlite: SqliteDatabase.Database;
  constructor(sqlite: SqliteDatabase.Database) {
    sqlite.pragma("busy_timeout = 0");
    super({ database: sqlite });
    this.#sqlite = sqlite;
  }
  override createDriver(): Driver {
    return new WaitingSqliteDriver(super.createDriver(), this.#sqlite);
  }
}
