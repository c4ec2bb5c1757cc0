/** The reporting domain's view of the database: platform tables plus its own. */
import type { Kysely } from "kysely";
import type { Database } from "../platform/db/schema";
import type { ReportingTables } from "./reporting.tables";

export type ReportingDb = Kysely<Database & ReportingTables>;

export const reportingDb = (kdb: Kysely<Database>): ReportingDb => kdb.withTables<ReportingTables>();

/** The JSON column's value, or the fallback when it is empty or not JSON. */
export function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}
