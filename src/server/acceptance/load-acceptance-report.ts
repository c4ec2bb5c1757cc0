/**
 * What every form of the acceptance report (Word, Excel, HTML) shows: the county, the scorecard —
 * as signed when the assessor signed it and no date is asked, else as it stands on the date — the
 * standard, the evidence, the signature, and the performance evaluation of that scorecard.
 */
import { evaluate, type Scorecard } from "../../rules/acceptance/evaluate";
import type { CountyFacts } from "../../rules/acceptance/facts";
import { evaluatePerformance } from "../../rules/acceptance/performance";
import type { Db } from "../platform/db/database";
import { notFound } from "../platform/http/errors";
import { chinaDate } from "../platform/time/china-time";
import { listRectifications, procedureOf } from "../procedure";
import { currentDecisions, currentStandard, latestSignoff, listEvidence } from "./acceptance.repository";
import type { ReportInput } from "./acceptance-report";

export type LoadAcceptanceReportOptions = {
  db: Db;
  countyFacts: (countyCode: string, asOf: string) => Promise<CountyFacts>;
  countyCode: string;
  /** The date asked; without it a signed scorecard is reported as signed, else as of today. */
  asOf?: string;
};

export async function loadAcceptanceReport({
  db,
  countyFacts,
  countyCode,
  asOf,
}: LoadAcceptanceReportOptions): Promise<ReportInput> {
  const county = await db.db
    .selectFrom("demonstration_counties")
    .select("name")
    .where("county_code", "=", countyCode)
    .executeTakeFirst();
  if (!county) throw notFound({ zh: "该示范县", en: "Demonstration county" });
  const signoff = await latestSignoff(db.db, countyCode);
  const isSigned = Boolean(signoff && !asOf);
  const date = isSigned ? signoff!.as_of : (asOf ?? chinaDate());
  const [facts, standard, decisions, evidence] = await Promise.all([
    countyFacts(countyCode, date),
    currentStandard(db.db),
    currentDecisions(db.db, countyCode),
    listEvidence(db.db, countyCode),
  ]);
  // Scorecards signed before versions were recorded were signed under the published standard (1).
  const signed = isSigned ? (JSON.parse(signoff!.scorecard_json) as Partial<Scorecard>) : undefined;
  const scorecard: Scorecard = signed
    ? ({ ...signed, standardVersion: signed.standardVersion ?? 1 } as Scorecard)
    : evaluate(facts, standard, decisions);
  return {
    countyName: county.name,
    scorecard,
    standard,
    evidence,
    signoff: signoff ? { signedByName: signoff.signed_by_name, signedAt: signoff.signed_at } : undefined,
    performance: evaluatePerformance(scorecard, facts.funds),
    procedure: await procedureOf(db.db, countyCode, date),
    rectifications: await listRectifications(db.db, countyCode),
  };
}
