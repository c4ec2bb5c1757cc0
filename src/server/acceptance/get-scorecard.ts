/** The scorecard of a county as of a date: every domain's facts, the standard in force, the assessor's decisions. */
import { evaluate, type Scorecard } from "../../rules/acceptance/evaluate";
import type { CountyFacts } from "../../rules/acceptance/facts";
import type { ProcedureEntry } from "../../rules/acceptance/procedure";
import type { Db } from "../platform/db/database";
import { procedureOf } from "../procedure";
import { currentDecisions, currentStandard } from "./acceptance.repository";

export type GetScorecardOptions = {
  db: Db;
  /** Reads every domain's facts (src/server/domains.ts gatherCountyFacts). */
  countyFacts: (countyCode: string, asOf: string) => Promise<CountyFacts>;
  countyCode: string;
  /** YYYY-MM-DD, China time. */
  asOf: string;
};

export async function getScorecard({
  db,
  countyFacts,
  countyCode,
  asOf,
}: GetScorecardOptions): Promise<Scorecard & { procedure: ProcedureEntry[] }> {
  const [facts, standard, decisions, procedure] = await Promise.all([
    countyFacts(countyCode, asOf),
    currentStandard(db.db),
    currentDecisions(db.db, countyCode),
    procedureOf(db.db, countyCode, asOf),
  ]);
  // The K1 procedure (interfaces.md `procedure`) is the county's record, not an evaluated item.
  return { ...evaluate(facts, standard, decisions), procedure };
}
