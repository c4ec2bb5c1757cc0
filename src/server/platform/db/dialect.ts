/** Dialect-specific pieces that domain code must not write itself. */
import { type Kysely, PostgresAdapter, sql } from "kysely";

export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Serialises writers of one logical resource within a transaction. PostgreSQL takes a
 * transaction-scoped advisory lock; SQLite transactions are already serialised by its single
 * writer connection.
 */
export async function lockForTransaction(trx: Kysely<any>, key: number): Promise<void> {
  if (isPostgres(trx)) await sql`select pg_advisory_xact_lock(${key})`.execute(trx);
}

/** Case-insensitive substring match, the same on both dialects. */
export function containsInsensitive(column: string, needle: string) {
  const pattern = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`lower(${sql.ref(column)}) like lower(${pattern}) escape '\\'`;
}
