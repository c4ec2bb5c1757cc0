/**
 * M5: the county files its performance evaluation with the province in 2018-11/12 (the grade as it
 * stands on the filing day, frozen), and the province publishes the results and typical counties.
 */
import type { Kysely } from "kysely";
import type { PerformanceEvaluation } from "../../rules/acceptance/performance";
import { recordAudit } from "../platform/audit/audit";
import type { Principal } from "../platform/auth/roles";
import { newId } from "../platform/auth/sessions";
import type { Database } from "../platform/db/schema";
import { AppError, badRequest } from "../platform/http/errors";
import { chinaTimestamp } from "../platform/time/china-time";
import { procedureDb } from "./procedure.repository";

/** The M5 window (rules.md M5: 2018-11 to 2018-12); a reading, so a setting. */
export const DEFAULT_M5_WINDOW = { from: "2018-11-01", to: "2018-12-31" };

const outsideWindow = (date: string, window = DEFAULT_M5_WINDOW) =>
  date < window.from || date > window.to
    ? new AppError(409, "outside_m5_window", {
        zh: `绩效评价在 ${window.from} 至 ${window.to} 间报送与公布（规则 M5）`,
        en: `Performance evaluation is filed and published between ${window.from} and ${window.to} (rule M5)`,
      })
    : null;

export async function filePerformance(
  db: Kysely<Database>,
  actor: Principal,
  countyCode: string,
  input: { filedOn: string; summary: string; evaluation: PerformanceEvaluation; isDemo?: boolean },
) {
  const refused = outsideWindow(input.filedOn);
  if (refused) throw refused;
  const row = {
    id: newId(),
    county_code: countyCode,
    filed_on: input.filedOn,
    score_hundredths: Math.round(input.evaluation.points * 100),
    grade: input.evaluation.grade,
    summary: input.summary,
    filed_by: actor.displayName,
    created_at: chinaTimestamp(),
    is_demo: input.isDemo ? 1 : 0,
  };
  await db.transaction().execute(async (trx) => {
    await procedureDb(trx).insertInto("performance_filings").values(row).execute();
    await recordAudit(
      trx,
      { id: input.isDemo ? null : actor.id, name: actor.username },
      {
        action: "performance.filed",
        entity: "performance_filing",
        entityId: row.id,
        countyCode,
        after: { filedOn: row.filed_on, points: input.evaluation.points, grade: row.grade },
      },
    );
  });
  return { id: row.id, points: input.evaluation.points, grade: row.grade };
}

/** The latest filing of each county, by county. */
export async function latestFilings(db: Kysely<Database>) {
  const rows = await procedureDb(db)
    .selectFrom("performance_filings")
    .selectAll()
    .orderBy("created_at")
    .execute();
  const byCounty = new Map<
    string,
    { countyCode: string; filedOn: string; points: number; grade: string; summary: string }
  >();
  for (const r of rows) {
    byCounty.set(r.county_code, {
      countyCode: r.county_code,
      filedOn: r.filed_on,
      points: Number(r.score_hundredths) / 100,
      grade: r.grade,
      summary: r.summary,
    });
  }
  return byCounty;
}

export async function publishPerformance(
  db: Kysely<Database>,
  actor: Principal,
  input: { publishedOn: string; typicalCounties: string[]; note: string; isDemo?: boolean },
) {
  const refused = outsideWindow(input.publishedOn);
  if (refused) throw refused;
  const filings = await latestFilings(db);
  const results = [...filings.values()].filter((f) => f.filedOn <= input.publishedOn);
  const unfiled = input.typicalCounties.filter((c) => !results.some((r) => r.countyCode === c));
  if (unfiled.length) {
    throw badRequest("typical_not_filed", {
      zh: `典型县须已报送绩效评价：${unfiled.join("、")}（规则 M5）`,
      en: `Typical counties must have filed their evaluation: ${unfiled.join(", ")} (rule M5)`,
    });
  }
  const row = {
    id: newId(),
    published_on: input.publishedOn,
    results_json: JSON.stringify(results),
    typical_counties_json: JSON.stringify(input.typicalCounties),
    note: input.note,
    published_by: actor.displayName,
    created_at: chinaTimestamp(),
    is_demo: input.isDemo ? 1 : 0,
  };
  await db.transaction().execute(async (trx) => {
    await procedureDb(trx).insertInto("performance_publications").values(row).execute();
    await recordAudit(
      trx,
      { id: input.isDemo ? null : actor.id, name: actor.username },
      {
        action: "performance.published",
        entity: "performance_publication",
        entityId: row.id,
        after: { publishedOn: row.published_on, counties: results.length, typical: input.typicalCounties },
      },
    );
  });
  return { id: row.id, results: results.length };
}

export async function listPublications(db: Kysely<Database>) {
  const rows = await procedureDb(db)
    .selectFrom("performance_publications")
    .selectAll()
    .orderBy("published_on", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    publishedOn: r.published_on,
    results: JSON.parse(r.results_json) as {
      countyCode: string;
      filedOn: string;
      points: number;
      grade: string;
    }[],
    typicalCounties: JSON.parse(r.typical_counties_json) as string[],
    note: r.note,
    publishedBy: r.published_by,
  }));
}
