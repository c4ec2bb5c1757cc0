// The ordered list of migrations; a new one is appended here (npm run db:new-migration).
import type { Migration } from "kysely";
import * as foundation from "./2026-11-29-0001-foundation";
import * as accessGrants from "./2026-11-29-0002-access-grants";

export const migrations: Record<string, Migration> = {
  "2026-11-29-0001-foundation": foundation,
  "2026-11-29-0002-access-grants": accessGrants,
};
