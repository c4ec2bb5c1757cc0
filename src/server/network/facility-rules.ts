/**
 * Checks a facility must pass before a form saves it: its township lies in the county (and a
 * township centre has one), its number is free, and rule F9 (one centrally funded company per
 * logistics route) holds against stored facilities.
 */
import type { Kysely } from "kysely";
import { normalizeName, routeFundingConflicts } from "../../rules/network";
import type { Database } from "../platform/db/schema";
import { AppError, badRequest } from "../platform/http/errors";
import type { NetworkTables } from "./network.tables";
import type { FacilityInput } from "./write-facility";

export async function assertFacilityAllowed(
  kdb: Kysely<Database>,
  countyCode: string,
  input: FacilityInput,
  selfId?: string,
): Promise<void> {
  const db = kdb.withTables<NetworkTables>();
  if (input.townshipCode === null && input.kind === "township_center") {
    throw badRequest("township_required", {
      zh: "乡镇配送中心须填写乡镇代码",
      en: "A township centre needs its township code",
    });
  }
  if (input.townshipCode !== null) {
    const township = await db
      .selectFrom("regions")
      .select("code")
      .where("code", "=", input.townshipCode)
      .where("level", "=", "township")
      .where("county_code", "=", countyCode)
      .executeTakeFirst();
    if (!township) {
      throw badRequest("township_not_in_county", {
        zh: `乡镇代码 ${input.townshipCode} 不是本县的乡镇`,
        en: `${input.townshipCode} is not a township of this county`,
      });
    }
  }
  const sameNo = await db
    .selectFrom("facilities")
    .select("id")
    .where("county_code", "=", countyCode)
    .where("facility_no", "=", input.facilityNo)
    .executeTakeFirst();
  if (sameNo && sameNo.id !== selfId) {
    throw new AppError(409, "facility_no_taken", {
      zh: `设施编号 ${input.facilityNo} 已存在`,
      en: `Facility number ${input.facilityNo} already exists`,
    });
  }
  if (!input.isCentrallyFunded || !input.logisticsRoute || !input.logisticsCompany) return;
  const route = normalizeName(input.logisticsRoute);
  const others = (
    await db
      .selectFrom("facilities")
      .select(["id", "logistics_route", "logistics_company", "is_centrally_funded"])
      .where("county_code", "=", countyCode)
      .where("is_centrally_funded", "=", 1)
      .where("logistics_route", "is not", null)
      .execute()
  ).filter((f) => f.id !== selfId && normalizeName(f.logistics_route ?? "") === route);
  const conflicts = routeFundingConflicts([
    ...others.map((f) => ({
      route: f.logistics_route,
      company: f.logistics_company,
      isCentrallyFunded: true,
    })),
    { route: input.logisticsRoute, company: input.logisticsCompany, isCentrallyFunded: true },
  ]);
  if (conflicts.length) {
    throw new AppError(409, "route_funded_twice", {
      zh: conflicts[0]!,
      en: `Route "${input.logisticsRoute}" already has another centrally funded company: at most one per route (F9)`,
    });
  }
}
