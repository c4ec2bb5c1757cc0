/** Applies the app's migrations (one set for SQLite and PostgreSQL) with Kysely's migrator. */
import { type Kysely, type Migration, Migrator } from "kysely";

export async function runMigrations(
  db: Kysely<any>,
  migrations: Record<string, Migration>,
): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    // Strict order: a migration named before one a database already has is refused, so a fresh and
    // an upgraded database apply the same migrations in the same order (test/architecture/migrations.test.ts).
    allowUnorderedMigrations: false,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
