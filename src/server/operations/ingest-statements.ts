/**
 * The ingest API's write statements (issue 19.2): each is a Kysely statement of one row,
 * compiled once per dialect. On SQLite it is prepared once on the connection and run row by row
 * inside the batch's transaction — better-sqlite3 binds an array straight into the prepared
 * statement, with no statement building, no parameter list of thousands and (for inserts) no
 * result rows: `changes` tells whether a row was new. On PostgreSQL, where each statement is a
 * round trip, the same rows go through runBulk's multi-row statements.
 */
import type { Kysely } from "kysely";
import { databaseOf } from "../platform/db/database";
import { type BulkShape, runBulk } from "./bulk-statement.repository";

type SqliteHandle = NonNullable<ReturnType<typeof databaseOf>["sqlite"]>;
type SqliteStatement = ReturnType<SqliteHandle["prepare"]>;

/** A one-row statement with its parameters in the shape's column order. */
type Prepared = { statement: SqliteStatement; inOrder: boolean; slots: number[] };

const statements = new WeakMap<SqliteHandle, Map<string, Prepared>>();
const SENTINEL = "\u0000col:";

/**
 * The SQLite connection to run on: only inside a transaction, which holds the one connection
 * (Kysely's lock keeps every other query out meanwhile), so a statement run on the handle runs
 * in the caller's transaction. Undefined on PostgreSQL.
 */
export function sqliteHandleIn(kdb: Kysely<any>): SqliteHandle | undefined {
  if (!kdb.isTransaction) return undefined;
  let handle: SqliteHandle | undefined;
  try {
    handle = databaseOf(kdb).sqlite;
  } catch {
    return undefined; // a Kysely instance not opened by openDatabase: the multi-row path serves it
  }
  return handle?.inTransaction ? handle : undefined;
}

function prepare(kdb: Kysely<any>, handle: SqliteHandle, shape: BulkShape): Prepared {
  let cache = statements.get(handle);
  if (!cache) {
    cache = new Map();
    statements.set(handle, cache);
  }
  const found = cache.get(shape.name);
  if (found) return found;
  const row = Object.fromEntries(shape.columns.map((c, j) => [c, `${SENTINEL}${j}`]));
  const compiled = shape.build(kdb, [row], []).compile();
  const slots = compiled.parameters.map((p) => {
    if (typeof p !== "string" || !p.startsWith(SENTINEL)) {
      throw new Error(`${shape.name}: a one-row ingest statement binds its columns only`);
    }
    return Number(p.slice(SENTINEL.length));
  });
  const prepared: Prepared = {
    statement: handle.prepare(compiled.sql),
    inOrder: slots.length === shape.columns.length && slots.every((s, i) => s === i),
    slots,
  };
  cache.set(shape.name, prepared);
  return prepared;
}

/** Writes the cells of row i, in the shape's column order, into `row`. */
export type FillRow = (i: number, row: unknown[]) => void;

/**
 * Runs the shape once per row and returns, per row, whether it changed a row: on SQLite from
 * `changes` (one array is refilled for every row: nothing allocated per row); on PostgreSQL the
 * shape must return `key` (a column whose values are unique among the rows), and a row changed
 * when its key came back.
 */
export async function writeRows(
  kdb: Kysely<any>,
  shape: BulkShape,
  count: number,
  fill: FillRow,
  returned?: { key: string; column: number },
): Promise<Uint8Array> {
  const changed = new Uint8Array(count);
  const handle = sqliteHandleIn(kdb);
  const width = shape.columns.length;
  if (handle) {
    const p = prepare(kdb, handle, shape);
    const row: unknown[] = new Array(width);
    const bound: unknown[] = new Array(width);
    for (let i = 0; i < count; i++) {
      fill(i, row);
      if (!p.inOrder) for (let j = 0; j < p.slots.length; j++) bound[j] = row[p.slots[j]!];
      changed[i] = p.statement.run(p.inOrder ? row : bound).changes > 0 ? 1 : 0;
    }
    return changed;
  }
  const rows: unknown[][] = [];
  for (let i = 0; i < count; i++) {
    const row: unknown[] = new Array(width);
    fill(i, row);
    rows.push(row);
  }
  const out = await runBulk<Record<string, unknown>>(kdb, shape, rows);
  if (!returned) return changed.fill(1);
  const keys = new Set(out.map((r) => r[returned.key]));
  for (let i = 0; i < count; i++) changed[i] = keys.has(rows[i]![returned.column]) ? 1 : 0;
  return changed;
}
