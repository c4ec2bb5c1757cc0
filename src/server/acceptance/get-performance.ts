/**
 * A county's performance evaluation as of a date (F10 self-assessment, M5 province evaluation): the
 * live scorecard graded by the points-based indicators, progress read from the funds facts (E4).
 */
import { evaluate } from "../../rules/acceptance/evaluate";
import type { CountyFacts } from "../../rules/acceptance/facts";
import {
  DEFAULT_PERFORMANCE_SETTINGS,
  evaluatePerformance,
  type PerformanceEvaluation,
  type PerformanceSettings,
} from "../../rules/acceptance/performance";
import type { Db } from "../platform/db/database";
import { currentDecisions, currentStandard } from "./acceptance.repository";

export type GetPerformanceOptions = {
  db: Db;
  /** Reads every domain's facts (src/server/domains.ts gatherCountyFacts). */
  countyFacts: (countyCode: string, asOf: string) => Promise<CountyFacts>;
  countyCode: string;
  /** YYYY-MM-DD, China time. */
  asOf: string;
  settings?: PerformanceSettings;
};

export async function getPerformance({
  db,
  countyFacts,
  countyCode,
  asOf,
  settings = DEFAULT_PERFORMANCE_SETTINGS,
}: GetPerformanceOptions): Promise<PerformanceEvaluation> {
  const [facts, standard, decisions] = await Promise.all([
    countyFacts(countyCode, asOf),
    currentStandard(db.db),
    currentDecisions(db.db, countyCode),
  ]);
  return evaluatePerformance(evaluate(facts, standard, decisions), facts.funds, settings);
}
