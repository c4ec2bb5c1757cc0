/** Reads of training, poor households and after-training follow-up (rules G4, O8, O9). */
import type { Kysely } from "kysely";
import type { Database } from "../platform/db/schema";
import type { UpwardTables } from "./upward.tables";

const tables = (kdb: Kysely<Database>) => kdb.withTables<UpwardTables>();

/** Person-times and distinct people per category, up to asOf (G4: one row = one 人次). */
export async function trainingByCategory(kdb: Kysely<Database>, countyCode: string, asOf: string) {
  const rows = await tables(kdb)
    .selectFrom("training_attendances")
    .select((eb) => [
      "category",
      eb.fn.countAll<number>().as("personTimes"),
      eb.fn.count<number>("person_key").distinct().as("people"),
      eb.fn.sum<number>("is_poor").as("poorPersonTimes"),
    ])
    .where("county_code", "=", countyCode)
    .where("date", "<=", asOf)
    .groupBy("category")
    .execute();
  const of = (category: string) => {
    const r = rows.find((x) => x.category === category);
    return {
      personTimes: Number(r?.personTimes ?? 0),
      people: Number(r?.people ?? 0),
      poorPersonTimes: Number(r?.poorPersonTimes ?? 0),
    };
  };
  return { basic: of("basic"), value_added: of("value_added") };
}

/** Courses as the 培训 sheet defines them (code, category, dates), with their optional details. */
export async function listCourses(
  kdb: Kysely<Database>,
  countyCode: string,
  range: { from?: string; to?: string },
) {
  let query = tables(kdb)
    .selectFrom("training_attendances as a")
    .leftJoin("training_courses as c", (j) =>
      j.onRef("c.county_code", "=", "a.county_code").onRef("c.code", "=", "a.course_code"),
    )
    .select((eb) => [
      "a.course_code as code",
      eb.fn.min("a.category").as("category"),
      eb.fn.min("a.date").as("firstDate"),
      eb.fn.max("a.date").as("lastDate"),
      eb.fn.countAll<number>().as("personTimes"),
      eb.fn.count<number>("a.person_key").distinct().as("people"),
      eb.fn.sum<number>("a.is_poor").as("poorPersonTimes"),
      eb.fn.max("c.title").as("title"),
      eb.fn.max("c.audiences").as("audiences"),
      eb.fn.max("c.institution").as("institution"),
      eb.fn.max("c.hours_tenths").as("hoursTenths"),
      eb.fn.max("a.is_demo").as("isDemo"),
    ])
    .where("a.county_code", "=", countyCode)
    .groupBy("a.course_code");
  if (range.from) query = query.having((eb) => eb.fn.max("a.date"), ">=", range.from);
  if (range.to) query = query.having((eb) => eb.fn.min("a.date"), "<=", range.to);
  const rows = await query.orderBy("firstDate").orderBy("a.course_code").execute();
  return rows.map((r) => ({
    code: r.code,
    category: r.category as "basic" | "value_added",
    firstDate: r.firstDate as string,
    lastDate: r.lastDate as string,
    personTimes: Number(r.personTimes),
    people: Number(r.people),
    poorPersonTimes: Number(r.poorPersonTimes ?? 0),
    title: (r.title as string | null) ?? null,
    audiences: JSON.parse((r.audiences as string | null) ?? "[]") as string[],
    institution: (r.institution as string | null) ?? null,
    hours: r.hoursTenths === null || r.hoursTenths === undefined ? null : Number(r.hoursTenths) / 10,
    isDemo: Number(r.isDemo) === 1,
  }));
}

export type AttendanceQuery = { countyCode: string; course?: string; page: number; pageSize: number };

/** Attendance rows with the masked person and household labels; never a key or an ID number. */
export async function listAttendances(kdb: Kysely<Database>, q: AttendanceQuery) {
  let base = tables(kdb)
    .selectFrom("training_attendances as a")
    .leftJoin("poor_households as h", (j) =>
      j.onRef("h.county_code", "=", "a.county_code").onRef("h.code", "=", "a.household_code"),
    )
    .where("a.county_code", "=", q.countyCode);
  if (q.course) base = base.where("a.course_code", "=", q.course);
  const total = await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await base
    .select([
      "a.id",
      "a.course_code",
      "a.date",
      "a.category",
      "a.person_label",
      "a.is_poor",
      "h.code_label as household",
      "a.is_demo",
    ])
    .orderBy("a.date")
    .orderBy("a.course_code")
    .orderBy("a.person_label")
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return {
    total: Number(total.n),
    page: q.page,
    pageSize: q.pageSize,
    items: rows.map((r) => ({
      id: r.id,
      courseCode: r.course_code,
      date: r.date,
      category: r.category as "basic" | "value_added",
      person: r.person_label,
      isPoor: r.is_poor === 1,
      household: r.household ?? null,
      isDemo: r.is_demo === 1,
    })),
  };
}

export type HouseholdQuery = {
  countyCode: string;
  asOf: string;
  village?: string;
  trained?: boolean;
  page: number;
  pageSize: number;
};

/** The poor-household roster, each with whether a member was trained by asOf (O9). */
export async function listPoorHouseholds(kdb: Kysely<Database>, q: HouseholdQuery) {
  const db = tables(kdb);
  // Trained members per household, computed once (not per household row).
  const trained = db
    .selectFrom("training_attendances")
    .select((eb) => ["household_code", eb.fn.count<number>("person_key").distinct().as("members")])
    .where("county_code", "=", q.countyCode)
    .where("date", "<=", q.asOf)
    .where("household_code", "is not", null)
    .groupBy("household_code")
    .as("tr");
  let base = db
    .selectFrom("poor_households as h")
    .leftJoin("regions as v", "v.code", "h.village_code")
    .leftJoin(trained, "tr.household_code", "h.code")
    .where("h.county_code", "=", q.countyCode);
  if (q.village) base = base.where("h.village_code", "=", q.village);
  if (q.trained === true) base = base.where("tr.members", ">", 0);
  if (q.trained === false) base = base.where("tr.members", "is", null);
  const total = await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await base
    .select([
      "h.id",
      "h.code_label",
      "h.village_code",
      "v.name as village_name",
      "h.members",
      "h.is_demo",
      "tr.members as trained_members",
    ])
    .orderBy("h.village_code")
    .orderBy("h.code_label")
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return {
    total: Number(total.n),
    page: q.page,
    pageSize: q.pageSize,
    items: rows.map((r) => ({
      id: r.id,
      household: r.code_label,
      villageCode: r.village_code,
      villageName: r.village_name ?? "",
      members: Number(r.members),
      trainedMembers: Number(r.trained_members ?? 0),
      isDemo: r.is_demo === 1,
    })),
  };
}

/** Poor households and those with a trained member, per village, up to asOf (O9 by village). */
export async function householdCoverageByVillage(kdb: Kysely<Database>, countyCode: string, asOf: string) {
  const rows = await tables(kdb)
    .selectFrom("poor_households as h")
    .leftJoin("regions as v", "v.code", "h.village_code")
    .leftJoin("regions as t", "t.code", "v.parent_code")
    .select((eb) => [
      "h.village_code",
      eb.fn.max("v.name").as("village_name"),
      eb.fn.max("t.name").as("township_name"),
      eb.fn.countAll<number>().as("households"),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(
              "h.code",
              "in",
              eb
                .selectFrom("training_attendances as a")
                .select("a.household_code")
                .where("a.county_code", "=", countyCode)
                .where("a.date", "<=", asOf)
                .where("a.household_code", "is not", null),
            )
            .then(1)
            .else(0)
            .end(),
        )
        .as("trained"),
    ])
    .where("h.county_code", "=", countyCode)
    .groupBy("h.village_code")
    .orderBy("h.village_code")
    .execute();
  return rows.map((r) => ({
    villageCode: r.village_code,
    villageName: (r.village_name as string | null) ?? "",
    townshipName: (r.township_name as string | null) ?? "",
    households: Number(r.households),
    trained: Number(r.trained ?? 0),
  }));
}

/** Follow-up records, newest first, with the trainee's label. */
export async function listFollowups(
  kdb: Kysely<Database>,
  q: { countyCode: string; page: number; pageSize: number },
) {
  const base = tables(kdb).selectFrom("training_followups").where("county_code", "=", q.countyCode);
  const total = await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await base
    .select(["id", "person_label", "date", "kind", "note", "is_demo"])
    .orderBy("date", "desc")
    .orderBy("id")
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return {
    total: Number(total.n),
    page: q.page,
    pageSize: q.pageSize,
    items: rows.map((r) => ({
      id: r.id,
      person: r.person_label,
      date: r.date,
      kind: r.kind,
      note: r.note,
      isDemo: r.is_demo === 1,
    })),
  };
}

/** Follow-up rows up to asOf, for the periodic statistics (counted in code: periods differ by dialect). */
export async function followupRows(kdb: Kysely<Database>, countyCode: string, asOf: string) {
  return tables(kdb)
    .selectFrom("training_followups")
    .select(["person_key", "date", "kind"])
    .where("county_code", "=", countyCode)
    .where("date", "<=", asOf)
    .execute();
}
