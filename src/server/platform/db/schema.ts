/**
 * Table types of the platform's own tables. Domain folders declare their tables beside their
 * code and reach them with `db.withTables<TheirTables>()`, so platform never imports a domain.
 *
 * Conventions: ids are text (UUIDs) so rows can be created on any node at national scale;
 * flags are integers 0/1 on both dialects; money is integer fen; timestamps are ISO strings with
 * the China offset (+08:00); every county-owned row carries `county_code`.
 */
import type { Generated } from "kysely";

export type RegionTable = {
  /** Short statistical code: 2 (province), 4 (city), 6 (county), 9 (township), 12 (village) digits. */
  code: string;
  name: string;
  level: "province" | "city" | "county" | "township" | "village";
  parent_code: string | null;
  /** The county a township or village lies in (null above county level); a county's own code. */
  county_code: string | null;
  /** Village-level units only: 村民委员会 or 居民委员会 (rule G1). */
  village_kind: "village_committee" | "residents_committee" | null;
};

export type DemonstrationCountyTable = {
  county_code: string;
  name: string;
  city_code: string;
  batch: number;
  subsidy_fen: number;
  /** selected | implementing | accepted | failed */
  status: string;
};

export type OrganizationTable = {
  id: string;
  name: string;
  /** department | contractor | assessor | training_institution | express_company */
  kind: string;
  region_code: string;
  credit_code: string | null;
  contact: string | null;
  is_demo: number;
  created_at: string;
};

export type UserTable = {
  id: string;
  username: string;
  display_name: string;
  role: string;
  region_code: string;
  organization_id: string | null;
  password_hash: string;
  failed_logins: number;
  locked_until: string | null;
  is_disabled: number;
  created_at: string;
  /** 1 for an account an administrator created: its first session may only change the password. */
  must_change_password: number;
  /** When the password was last set (its age, for expiry); null only before the first change. */
  password_changed_at: string | null;
};

/** An account's previous password hashes (never clear text), so a recent one is not reused. */
export type PasswordHistoryTable = {
  id: string;
  user_id: string;
  password_hash: string;
  created_at: string;
};

export type SessionTable = {
  /** sha256 of the cookie token: a stolen database does not yield live sessions. */
  id: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
};

/** A scope's write counter (a county code, or "*" for data of no one county); see platform/cache. */
export type DataVersionTable = {
  scope: string;
  version: number;
};

export type AuditLogTable = {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  entity: string;
  entity_id: string | null;
  county_code: string | null;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
  hash: string;
};

/** Access a county grants to an outside account (a third-party assessor it engaged). */
export type AccessGrantTable = {
  id: string;
  user_id: string;
  county_code: string;
  granted_by: string;
  granted_at: string;
  revoked_at: string | null;
};

export type MetaTable = {
  key: string;
  value: string;
};

export type Database = {
  regions: RegionTable;
  demonstration_counties: DemonstrationCountyTable;
  organizations: OrganizationTable;
  users: UserTable;
  password_history: PasswordHistoryTable;
  sessions: SessionTable;
  audit_log: AuditLogTable;
  data_versions: DataVersionTable;
  access_grants: AccessGrantTable;
  meta: MetaTable;
};

export type { Generated };
