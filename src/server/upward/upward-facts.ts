/**
 * The upward domain's facts about a county as of a date (acceptance B4–B8, D3; rules O5–O9, G4):
 * counts from the catalogue, incubation, traceability and training tables. Training counts only
 * attendances dated on or before asOf; one attendance row is one person-time.
 */
import { Kysely } from "kysely";
import type { UpwardFacts } from "../../rules/acceptance/facts";
import {
  DEFAULT_UPWARD_SETTINGS,
  type Platform,
  platformLabel,
  type UpwardSettings,
} from "../../rules/upward";
import type { Db } from "../platform/db/database";
import type { Database } from "../platform/db/schema";
import type { UpwardTables } from "./upward.tables";

const count = (row: { n: number | string | bigint } | undefined) => Number(row?.n ?? 0);

/** Exactly `UpwardFacts` of src/rules/acceptance/facts.ts for one county as of a date. */
export async function upwardFacts(
  database: Db | Kysely<Database>,
  countyCode: string,
  asOf: string,
  settings: UpwardSettings = DEFAULT_UPWARD_SETTINGS,
): Promise<UpwardFacts> {
  const db = (database instanceof Kysely ? database : database.db).withTables<UpwardTables>();
  const training = await db
    .selectFrom("training_attendances")
    .select((eb) => [
      eb.fn.countAll<number>().as("personTimes"),
      eb.fn.count<number>("person_key").distinct().as("people"),
    ])
    .where("county_code", "=", countyCode)
    .where("date", "<=", asOf)
    .executeTakeFirstOrThrow();

  // Uncorrelated IN subqueries: computed once, fast on both dialects without planner statistics.
  const trainedBy = (column: "household_code" | "person_key") =>
    db
      .selectFrom("training_attendances")
      .select(column)
      .where("county_code", "=", countyCode)
      .where("date", "<=", asOf)
      .where(column, "is not", null);

  const households = await db
    .selectFrom("poor_households")
    .select((eb) => [
      eb.fn.countAll<number>().as("n"),
      eb.fn
        .sum<number>(eb.case().when("code", "in", trainedBy("household_code")).then(1).else(0).end())
        .as("trained"),
    ])
    .where("county_code", "=", countyCode)
    .executeTakeFirstOrThrow();

  const followedUp = await db
    .selectFrom("training_followups")
    .select((eb) => eb.fn.count<number>("person_key").distinct().as("n"))
    .where("county_code", "=", countyCode)
    .where("date", "<=", asOf)
    .where("person_key", "in", trainedBy("person_key"))
    .executeTakeFirst();

  const surveys = await db
    .selectFrom("product_surveys")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("county_code", "=", countyCode)
    .where("surveyed_on", "<=", asOf)
    .executeTakeFirst();
  // Optional dates (registration, launch, listing): a row without one counts at any asOf.
  const brands = await db
    .selectFrom("brands")
    .where("county_code", "=", countyCode)
    .where((eb) => eb.or([eb("registered_on", "is", null), eb("registered_on", "<=", asOf)]))
    .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.sum<number>("is_regional").as("regional")])
    .executeTakeFirst();
  const products = await db
    .selectFrom("developed_products")
    .where("county_code", "=", countyCode)
    .where((eb) => eb.or([eb("launched_on", "is", null), eb("launched_on", "<=", asOf)]))
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirst();
  const standards = await db
    .selectFrom("circulation_standards")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("county_code", "=", countyCode)
    .where("issued_on", "<=", asOf)
    .executeTakeFirst();
  const listings = await db
    .selectFrom("platform_listings")
    .where("county_code", "=", countyCode)
    .where((eb) => eb.or([eb("listed_on", "is", null), eb("listed_on", "<=", asOf)]))
    .select(["platform", "platform_name"])
    .distinct()
    .execute();
  const shops = await db
    .selectFrom("incubated_shops")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("county_code", "=", countyCode)
    .where("opened_on", "<=", asOf)
    // rule O6 reading: a shop counts when its annual transactions reach the setting (30,000 yuan)
    .where("annual_transactions_fen", ">=", settings.incubatedShopAnnualFen)
    .executeTakeFirst();
  const traced = await db
    .selectFrom("trace_enterprises")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("county_code", "=", countyCode)
    .where("joined_on", "<=", asOf)
    .where("sales_fen", ">", 0)
    .executeTakeFirst();

  return {
    hasProductSurvey: count(surveys) > 0,
    brands: count(brands),
    regionalBrands: Number(brands?.regional ?? 0),
    developedProducts: count(products),
    circulationStandards: count(standards),
    platformsWithListings: [
      ...new Set(listings.map((l) => platformLabel(l.platform as Platform, l.platform_name))),
    ].sort(),
    incubatedShops: count(shops),
    traceEnterprisesWithSales: count(traced),
    personTimes: Number(training.personTimes),
    people: Number(training.people),
    poorHouseholds: count(households),
    poorHouseholdsTrained: Number(households.trained ?? 0),
    traineesFollowedUp: count(followedUp),
  };
}
