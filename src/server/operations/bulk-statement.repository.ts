/**
 * Multi-row statements for the write hot path (bulk import, ingest): each statement shape is
 * built with Kysely once per dialect and row count, then run again and again with fresh
 * parameters — the query builder's per-call cost (building and compiling a tree of thousands of
 * value nodes) was half the time of a bulk import. The SQL is still Kysely's, so it is the same
 * statement on SQLite and PostgreSQL.
 *
 * A shape is built over sentinel values; compiling it tells where each row cell and each
 * argument lands among the parameters, so no assumption about Kysely's column order is made.
 */
import { type Compilable, CompiledQuery, type Kysely, type QueryResult } from "kysely";
import type { Db } from "../platform/db/database";
import { isPostgres } from "../platform/db/dialect";

// Both dialects cap bound parameters per statement (SQLite 32,766; PostgreSQL 65,535).
const MAX_PARAMS = 30_000;
// Longer statements cost more to prepare than they save in round trips.
const MAX_ROWS = 500;

/** Sentinels stand for cells and arguments while a shape is compiled. */
const CELL = "\u0000cell:";
const ARG = "\u0000arg:";

/**
 * Per parameter: the row cell it takes (`cells[i]` ≥ 0, row-major over the statement's rows), or
 * else an argument (`args[i]` ≥ 0) or a constant — as flat arrays, so that filling the parameters
 * of a 500-row statement is one tight loop (objects per slot cost a fifth of an import).
 */
type Template = { sql: string; cells: Int32Array; args: Int32Array; constants: unknown[] };

export type BulkShape = {
  /** Unique name of the shape (with the column list, it keys the compiled statements). */
  name: string;
  columns: readonly string[];
  /** Builds the statement over `rows` (objects keyed by column) and `args` (sentinels). */
  build: (kdb: Kysely<any>, rows: Record<string, unknown>[], args: unknown[]) => Compilable<unknown>;
  /** How many extra arguments `build` takes (e.g. the county of a select). */
  args?: number;
};

const templates = new Map<string, Template>();

type SqliteHandle = NonNullable<Db["sqlite"]>;
type SqliteStatement = ReturnType<SqliteHandle["prepare"]>;

/**
 * SQLite databases whose connection handle is known: Kysely's driver prepares every statement
 * anew, which for a 500-row insert costs a tenth of the insert itself, so on a known handle the
 * prepared statements are kept and reused. Keyed by the Kysely adapter, which the database's
 * Kysely instance, its `withTables()` views and its transactions share.
 */
const handles = new WeakMap<object, SqliteHandle>();
const statements = new WeakMap<SqliteHandle, Map<string, SqliteStatement>>();

/** Lets runBulk reuse prepared statements on this database (SQLite: its one connection). */
export function reuseStatementsOn(db: Db): void {
  if (db.sqlite) handles.set(db.db.getExecutor().adapter, db.sqlite);
}

/**
 * The handle to run on directly, inside a transaction only: the transaction holds the one
 * connection (Kysely's lock keeps other queries out meanwhile), so a statement run on the
 * handle runs in it. Outside a transaction the connection may be another caller's.
 */
function handleFor(kdb: Kysely<any>): SqliteHandle | undefined {
  return kdb.isTransaction ? handles.get(kdb.getExecutor().adapter) : undefined;
}

function prepared(handle: SqliteHandle, sql: string): SqliteStatement {
  let cache = statements.get(handle);
  if (!cache) {
    cache = new Map();
    statements.set(handle, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    if (cache.size > 200) cache.clear();
    statement = handle.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}

function template(kdb: Kysely<any>, shape: BulkShape, rowCount: number): Template {
  const key = `${isPostgres(kdb) ? "pg" : "sqlite"}|${shape.name}|${rowCount}`;
  const cached = templates.get(key);
  if (cached) return cached;
  const width = shape.columns.length;
  const rows = Array.from({ length: rowCount }, (_, r) =>
    Object.fromEntries(shape.columns.map((c, j) => [c, `${CELL}${r * width + j}`])),
  );
  const args = Array.from({ length: shape.args ?? 0 }, (_, i) => `${ARG}${i}`);
  const compiled = shape.build(kdb, rows, args).compile();
  const n = compiled.parameters.length;
  const made: Template = {
    sql: compiled.sql,
    cells: new Int32Array(n).fill(-1),
    args: new Int32Array(n).fill(-1),
    constants: new Array(n),
  };
  compiled.parameters.forEach((p, i) => {
    if (typeof p === "string" && p.startsWith(CELL)) made.cells[i] = Number(p.slice(CELL.length));
    else if (typeof p === "string" && p.startsWith(ARG)) made.args[i] = Number(p.slice(ARG.length));
    else made.constants[i] = p;
  });
  // Shapes × a few row counts (full chunks and remainders); a bound keeps odd remainders in check.
  if (templates.size > 500) templates.clear();
  templates.set(key, made);
  return made;
}

/** Rows per statement for a shape of `width` columns. */
export const rowsPerStatement = (width: number) =>
  Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / width)));

/**
 * Runs the shape over `rows` (arrays of cells in the shape's column order), in as few statements
 * as the parameter cap allows; returns the rows every statement returned.
 */
export async function runBulk<R = unknown>(
  kdb: Kysely<any>,
  shape: BulkShape,
  rows: readonly (readonly unknown[])[],
  args: readonly unknown[] = [],
): Promise<R[]> {
  const out: R[] = [];
  const per = rowsPerStatement(shape.columns.length);
  for (let start = 0; start < rows.length; start += per) {
    const end = Math.min(rows.length, start + per);
    const { sql, cells, args: argAt, constants } = template(kdb, shape, end - start);
    const width = shape.columns.length;
    const parameters = new Array(cells.length);
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i]!;
      if (cell >= 0) parameters[i] = rows[start + ((cell / width) | 0)]![cell % width];
      else if (argAt[i]! >= 0) parameters[i] = args[argAt[i]!];
      else parameters[i] = constants[i];
    }
    const handle = handleFor(kdb);
    if (handle) {
      const statement = prepared(handle, sql);
      if (statement.reader) for (const r of statement.all(parameters) as R[]) out.push(r);
      else statement.run(parameters);
      continue;
    }
    const result: QueryResult<R> = await kdb.executeQuery<R>(CompiledQuery.raw(sql, parameters));
    for (const r of result.rows) out.push(r);
  }
  return out;
}
