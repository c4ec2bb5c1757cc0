/** Applies the app's migrations (one set for SQLite and PostgreSQL) with Kysely's migrator. */
import { type Kysely, type Migration, Migrator } from "kysely";

export async function runMigrations(
  db: Kysely<any>,
  migrations: Record<string, Migration>,
): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    // Domains add migrations independently; one dated before another already applied still runs.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
