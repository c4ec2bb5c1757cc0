/**
 * The outcomes domain's facts about a county as of a date (acceptance C1, C2, C4, C5, D1–D4; rules
 * K3–K7, O9): year figures up to the as-of year, poor households' sales up to the as-of month, and
 * counts of the records dated on or before the as-of date.
 */
import { Kysely } from "kysely";
import type { OutcomesFacts } from "../../rules/acceptance/facts";
import type { Db } from "../platform/db/database";
import type { Database } from "../platform/db/schema";
import type { OutcomesTables } from "./outcomes.tables";
import { presentYearFigures } from "./save-year-figures";

const n = (v: unknown) => Number(v ?? 0);

/** Exactly `OutcomesFacts` of src/rules/acceptance/facts.ts for one county as of a date. */
export async function outcomesFacts(
  database: Db | Kysely<Database>,
  countyCode: string,
  asOf: string,
): Promise<OutcomesFacts> {
  const db = (database instanceof Kysely ? database : database.db).withTables<OutcomesTables>();
  const asOfYear = Number(asOf.slice(0, 4));
  const years = (
    await db
      .selectFrom("year_figures")
      .selectAll()
      .where("county_code", "=", countyCode)
      .where("year", "<=", asOfYear)
      .orderBy("year")
      .execute()
  ).map((r) => {
    const { sourceDocument: _s, isDemo: _d, ...figures } = presentYearFigures(r);
    return figures;
  });

  const sales = await db
    .selectFrom("poor_household_sales")
    .where("county_code", "=", countyCode)
    .where("month", "<=", asOf.slice(0, 7))
    .where("amount_fen", ">", 0)
    .select((eb) => [
      eb.fn.count<number>("household_code").distinct().as("households"),
      eb.fn.sum<number>("quantity").as("quantity"),
      eb.fn.sum<number>("amount_fen").as("amount"),
      eb.fn.sum<number>("income_gain_fen").as("gain"),
    ])
    .executeTakeFirstOrThrow();

  // Staff employed on the as-of date (started, not yet left).
  const staff = await db
    .selectFrom("facility_staff")
    .where("county_code", "=", countyCode)
    .where("started_on", "<=", asOf)
    .where((eb) => eb.or([eb("ended_on", "is", null), eb("ended_on", ">", asOf)]))
    .select((eb) => [eb.fn.countAll<number>().as("staff"), eb.fn.sum<number>("is_poor").as("poor")])
    .executeTakeFirstOrThrow();

  const group = await db
    .selectFrom("leading_group_members")
    .where("county_code", "=", countyCode)
    .select((eb) => [
      eb.fn.countAll<number>().as("members"),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.and([eb("group_role", "=", "leader"), eb("is_county_head", "=", 1)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as("headLeads"),
    ])
    .executeTakeFirstOrThrow();

  const meetings = await db
    .selectFrom("joint_meetings")
    .where("county_code", "=", countyCode)
    .where("held_on", "<=", asOf)
    .select((eb) => [
      eb.fn.countAll<number>().as("n"),
      eb.fn.sum<number>("decisions").as("decisions"),
      eb.fn.sum<number>("decisions_followed_up").as("followed"),
    ])
    .executeTakeFirstOrThrow();

  const inspections = await db
    .selectFrom("inspections")
    .where("county_code", "=", countyCode)
    .where("inspected_on", "<=", asOf)
    .select((eb) => [
      eb.fn.sum<number>(eb.case().when("kind", "=", "county").then(1).else(0).end()).as("county"),
      eb.fn.sum<number>(eb.case().when("kind", "=", "county").then(0).else(1).end()).as("visits"),
      eb.fn.sum<number>("findings_open").as("open"),
    ])
    .executeTakeFirstOrThrow();

  const photos = await db
    .selectFrom("inspection_photos")
    .innerJoin("inspections", "inspections.id", "inspection_photos.inspection_id")
    .where("inspection_photos.county_code", "=", countyCode)
    .where("inspections.county_code", "=", countyCode)
    .where("inspections.inspected_on", "<=", asOf)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();

  const cases = await db
    .selectFrom("typical_cases")
    .where("county_code", "=", countyCode)
    .select((eb) => [
      eb.fn.countAll<number>().as("n"),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.and([eb("reported_on", "is not", null), eb("reported_on", "<=", asOf)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as("reported"),
    ])
    .executeTakeFirstOrThrow();

  const countDated = async (
    table: "research_reports" | "recognitions" | "poverty_channel_listings" | "direct_supply_links",
    column: "published_on" | "recognized_on" | "listed_on" | "started_on",
  ) =>
    n(
      (
        await db
          .selectFrom(table)
          .where("county_code", "=", countyCode)
          .where(column as never, "<=", asOf as never)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  const enterprises = await db
    .selectFrom("upgraded_enterprises")
    .where("county_code", "=", countyCode)
    .where("upgraded_on", "<=", asOf)
    .select(["has_inventory", "has_purchasing", "has_online_sales", "has_statistics"])
    .execute();
  const capabilities = (e: (typeof enterprises)[number]) =>
    n(e.has_inventory) + n(e.has_purchasing) + n(e.has_online_sales) + n(e.has_statistics);

  const market = await db
    .selectFrom("market_records")
    .where("county_code", "=", countyCode)
    .where("recorded_on", "<=", asOf)
    .select(["kind"])
    .execute();
  const marketOf = (kind: string) => market.filter((m) => m.kind === kind).length;

  return {
    years,
    poorSales: {
      households: n(sales.households),
      quantity: n(sales.quantity),
      amountFen: n(sales.amount),
      incomeGainFen: n(sales.gain),
    },
    staffing: { staff: n(staff.staff), poorStaff: n(staff.poor) },
    leadingGroup: { members: n(group.members), headedByCountyHead: n(group.headLeads) > 0 },
    jointMeetings: n(meetings.n),
    decisions: n(meetings.decisions),
    decisionsFollowedUp: n(meetings.followed),
    inspections: n(inspections.county),
    supervisionVisits: n(inspections.visits),
    findingsOpen: n(inspections.open),
    inspectionPhotos: n(photos.n),
    typicalCases: n(cases.n),
    casesReportedUpward: n(cases.reported),
    researchReports: await countDated("research_reports", "published_on"),
    recognitions: await countDated("recognitions", "recognized_on"),
    upgradedEnterprises: enterprises.filter((e) => capabilities(e) === 4).length,
    enterprisesPartlyUpgraded: enterprises.filter((e) => capabilities(e) > 0 && capabilities(e) < 4).length,
    marketRecords: {
      policies: marketOf("policy"),
      supervision: marketOf("supervision"),
      creditEvaluations: marketOf("credit"),
    },
    channelListings: await countDated("poverty_channel_listings", "listed_on"),
    directSupplyLinks: await countDated("direct_supply_links", "started_on"),
  };
}
