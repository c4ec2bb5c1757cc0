// The ordered list of migrations; a new one is appended here (npm run db:new-migration).
import type { Migration } from "kysely";
import * as foundation from "./2026-11-29-0001-foundation";
import * as accessGrants from "./2026-11-29-0002-access-grants";
import * as dataVersions from "./2026-11-30-0001-data-versions";
import * as accountSecurity from "./2026-11-30-0002-account-security";
import * as auditProtection from "./2026-11-30-0003-audit-protection";

export const migrations: Record<string, Migration> = {
  "2026-11-29-0001-foundation": foundation,
  "2026-11-29-0002-access-grants": accessGrants,
  "2026-11-30-0001-data-versions": dataVersions,
  "2026-11-30-0002-account-security": accountSecurity,
  "2026-11-30-0003-audit-protection": auditProtection,
};
