/**
 * The province's view of acceptance (M4, M5): every county within the caller's reach, side by side —
 * item counts by status, veto items triggered or still open, verdict, performance points and grade,
 * and the assessor's signature. The standard, decisions and signatures load once for all counties;
 * each county's facts are read a few at a time.
 */
import { evaluate, type Verdict } from "../../rules/acceptance/evaluate";
import type { CountyFacts } from "../../rules/acceptance/facts";
import {
  DEFAULT_PERFORMANCE_SETTINGS,
  evaluatePerformance,
  type PerformanceGrade,
  type PerformanceSettings,
} from "../../rules/acceptance/performance";
import type { Principal } from "../platform/auth/roles";
import { canRead } from "../platform/auth/roles";
import type { Db } from "../platform/db/database";
import { currentStandard, decisionsByCounty, signoffsByCounty } from "./acceptance.repository";

export type ProvinceAcceptanceOptions = {
  db: Db;
  countyFacts: (countyCode: string, asOf: string) => Promise<CountyFacts>;
  /** Only the counties this caller may read are listed. */
  viewer: Principal;
  asOf: string;
  settings?: PerformanceSettings;
};

export type CountyAcceptanceSummary = {
  code: string;
  name: string;
  cityCode: string;
  cityName: string;
  verdict: Verdict;
  counts: { pass: number; fail: number; pending: number; notApplicable: number };
  failed: string[];
  pending: string[];
  veto: { triggered: string[]; pending: string[] };
  /** triggered: vetoed; pending: a veto item still open (risk); clear: none. */
  vetoRisk: "triggered" | "pending" | "clear";
  points: number;
  grade: PerformanceGrade;
  /** The grade the points alone give: differs from `grade` when a veto caps it (96 分 yet 不合格). */
  gradeByPoints: PerformanceGrade;
  isProvisional: boolean;
  signoff: { signedAt: string; signedBy: string; verdict: string; asOf: string } | null;
  /** Results the assessor overturned, with what the data had decided (the province's list of overrides). */
  overrides: { id: string; dataStatus: string; dataNote: string; status: string; reason: string }[];
};

// Facts are read this many counties at a time: PostgreSQL overlaps them, SQLite runs them in turn.
const CONCURRENCY = 4;

async function mapPool<T, R>(items: readonly T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return results;
}

export async function getProvinceAcceptance({
  db,
  countyFacts,
  viewer,
  asOf,
  settings = DEFAULT_PERFORMANCE_SETTINGS,
}: ProvinceAcceptanceOptions) {
  const counties = (
    await db.db
      .selectFrom("demonstration_counties as c")
      .leftJoin("regions as city", "city.code", "c.city_code")
      .select(["c.county_code as code", "c.name", "c.city_code as cityCode", "city.name as cityName"])
      .orderBy("c.county_code")
      .execute()
  ).filter((c) => canRead(viewer, c.code));
  const codes = counties.map((c) => c.code);
  const [standard, decisions, signoffs] = await Promise.all([
    currentStandard(db.db),
    decisionsByCounty(db.db, codes),
    signoffsByCounty(db.db, codes),
  ]);
  const rows = await mapPool(counties, CONCURRENCY, async (county): Promise<CountyAcceptanceSummary> => {
    const facts = await countyFacts(county.code, asOf);
    const card = evaluate(facts, standard, decisions.get(county.code) ?? []);
    const performance = evaluatePerformance(card, facts.funds, settings);
    const ids = (status: string) => card.items.filter((i) => i.status === status).map((i) => i.id);
    const veto = {
      triggered: card.veto.filter((v) => v.status === "triggered").map((v) => v.id),
      pending: card.veto.filter((v) => v.status === "pending").map((v) => v.id),
    };
    return {
      code: county.code,
      name: county.name,
      cityCode: county.cityCode,
      cityName: county.cityName ?? "",
      verdict: card.verdict,
      counts: {
        pass: ids("pass").length,
        fail: ids("fail").length,
        pending: ids("pending").length,
        notApplicable: ids("n/a").length,
      },
      failed: ids("fail"),
      pending: ids("pending"),
      veto,
      vetoRisk: veto.triggered.length ? "triggered" : veto.pending.length ? "pending" : "clear",
      points: performance.points,
      grade: performance.grade,
      gradeByPoints: performance.gradeByPoints,
      isProvisional: performance.isProvisional,
      signoff: signoffs.get(county.code) ?? null,
      overrides: [...card.items, ...card.veto]
        .filter((e) => e.overridden && e.dataResult)
        .map((e) => ({
          id: e.id,
          dataStatus: e.dataResult!.status,
          dataNote: e.dataResult!.note,
          status: e.status,
          reason: e.note,
        })),
    };
  });
  const tally = (values: string[]) => {
    const counts: Record<string, number> = {};
    for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
    return counts;
  };
  return {
    asOf,
    standard: standard.id,
    standardVersion: standard.version,
    verdicts: tally(rows.map((r) => r.verdict)),
    grades: tally(rows.map((r) => r.grade)),
    counties: rows,
  };
}
