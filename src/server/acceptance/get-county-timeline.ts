/**
 * A county's timeline as of a date (M1–M5 and its own deadlines): the dates come from the funds
 * domain's analysis (plan filed and approved, tenders awarded, contracts and deliverables), the
 * reporting domain (liaison list, reports owed) and the assessor's signature here.
 */

import { buildTimeline, DEFAULT_MILESTONES, type MilestoneSettings } from "../../rules/acceptance/timeline";
import { REPORT_KIND_NAMES } from "../../rules/reporting";
import { analyzeFunds, loadFundsSnapshot } from "../funds";
import type { Db } from "../platform/db/database";
import { notFound } from "../platform/http/errors";
import { countyReportingStatus, getLiaisonFiling } from "../reporting";
import { currentStandard, latestSignoff } from "./acceptance.repository";

export type GetCountyTimelineOptions = {
  db: Db;
  countyCode: string;
  asOf: string;
  settings?: MilestoneSettings;
};

export async function getCountyTimeline({
  db,
  countyCode,
  asOf,
  settings = DEFAULT_MILESTONES,
}: GetCountyTimelineOptions) {
  const snapshot = await loadFundsSnapshot(db.db, countyCode);
  const standard = await currentStandard(db.db);
  if (!snapshot) throw notFound({ zh: "该示范县", en: "Demonstration county" });
  const funds = analyzeFunds(snapshot, asOf, "zh");
  const [liaisons, reporting, signoff] = await Promise.all([
    getLiaisonFiling(db.db, countyCode),
    countyReportingStatus(db.db, countyCode, asOf),
    latestSignoff(db.db, countyCode),
  ]);
  const entries = buildTimeline(
    {
      asOf,
      planFiledOn: funds.deadlines.m1.doneOn,
      planApprovedOn: funds.original?.approved_on ?? null,
      tendersFinishedOn: funds.deadlines.m2.doneOn,
      liaisonsFiledOn: liaisons?.filedOn ?? null,
      acceptanceSignedOn: signoff ? signoff.signed_at.slice(0, 10) : null,
      contracts: funds.contracts.map((c) => ({
        contractNo: c.contract.contract_no,
        title: c.contract.title,
        completionDue: c.contract.completion_due,
        acceptedOn: c.contract.accepted_on,
      })),
      deliverables: funds.contracts.flatMap((c) =>
        c.deliverables.map((d) => ({
          contractNo: c.contract.contract_no,
          name: d.name,
          dueOn: d.due_on,
          doneOn: d.done_on,
        })),
      ),
      progress: {
        constructionBp: funds.progress.constructionBp,
        disbursementBp: funds.progress.disbursementBp,
        thresholdBp: standard.thresholds.progressBp,
      },
      reportsOwed: reporting.due.map((d) => ({
        title: `${d.slot.period} ${REPORT_KIND_NAMES[d.slot.kind].zh}（${d.slot.reporterName}）`,
        dueOn: d.slot.dueOn,
      })),
    },
    settings,
  );
  const count = (status: string) => entries.filter((e) => e.status === status).length;
  return {
    county: countyCode,
    asOf,
    milestones: settings,
    counts: { done: count("done"), due: count("due"), overdue: count("overdue") },
    entries,
  };
}
