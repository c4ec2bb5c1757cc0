/** The demonstration counties (示范县) are reference data of the foundation: every domain's routes check one. */
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { notFound } from "../http/errors";

/** Resolves when `code` is a demonstration county; a 404 in the API's error shape otherwise. */
export async function countyOr404(db: Kysely<Database>, code: string): Promise<void> {
  const row = await db
    .selectFrom("demonstration_counties")
    .select("county_code")
    .where("county_code", "=", code)
    .executeTakeFirst();
  if (!row) throw notFound({ zh: "该示范县", en: "Demonstration county" });
}
