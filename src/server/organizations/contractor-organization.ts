/**
 * A contractor organization (承办企业) a county may name: of kind contractor, and registered in the
 * county or above it (a province-wide company serves many counties). Tokens, stations and accounts
 * linked to it move together in a supervised handover (rule K2).
 */
import type { Kysely } from "kysely";
import { isWithin } from "../../rules/regions";
import type { Database } from "../platform/db/schema";
import { badRequest } from "../platform/http/errors";

export type ContractorOrganization = { id: string; name: string; regionCode: string };

export async function requireContractorOrganization(
  db: Kysely<Database>,
  countyCode: string,
  id: string,
  field = "organizationId",
): Promise<ContractorOrganization> {
  const org = await db
    .selectFrom("organizations")
    .select(["id", "name", "region_code"])
    .where("id", "=", id)
    .where("kind", "=", "contractor")
    .executeTakeFirst();
  if (!org || !(isWithin(org.region_code, countyCode) || isWithin(countyCode, org.region_code))) {
    throw badRequest(
      "unknown_contractor",
      { zh: "该县没有登记这个承办企业单位", en: "No such contractor organization for this county" },
      [{ path: field, message: "该县没有登记这个承办企业单位" }],
    );
  }
  return { id: org.id, name: org.name, regionCode: org.region_code };
}

/** Names of organizations by id, for presenting records that link to them. */
export async function organizationNames(
  db: Kysely<Database>,
  ids: readonly (string | null)[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom("organizations")
    .select(["id", "name"])
    .where("id", "in", wanted)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
