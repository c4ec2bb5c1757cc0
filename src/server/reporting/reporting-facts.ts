/**
 * The reporting part of a county's acceptance facts (E1, E2; R2–R4, M3, T1–T4): reports expected,
 * received and on time up to `asOf` (the kinds the settings count), whether the liaison list was
 * filed by the deadline, and the transparency items missing from the county's column.
 */
import type { Kysely } from "kysely";
import type { ReportingFacts } from "../../rules/acceptance/facts";
import { liaisonFiling } from "../../rules/reporting";
import { checkColumn } from "../../rules/transparency";
import type { Database } from "../platform/db/schema";
import { columnAsOf, columnSnapshot, loadColumn } from "./column/column.repository";
import { getLiaisonFiling } from "./liaisons/liaisons.repository";
import { countyReportingStatus } from "./reports/reporting-status";
import { loadReportingSettings } from "./settings/reporting-settings.repository";

export async function reportingFacts(
  kdb: Kysely<Database>,
  countyCode: string,
  asOf: string,
): Promise<ReportingFacts> {
  const settings = await loadReportingSettings(kdb);
  const status = await countyReportingStatus(kdb, countyCode, asOf);
  const filing = await getLiaisonFiling(kdb, countyCode);
  const asStood = columnAsOf(await loadColumn(kdb, countyCode), asOf);
  const column = columnSnapshot(asStood);
  return {
    reportsExpected: status.counts.expected,
    reportsReceived: status.counts.received,
    reportsOnTime: status.counts.onTime,
    liaisonsFiled: liaisonFiling(filing?.filedOn ?? null, asOf, settings.reporting).isOnTime,
    columnItemsMissing: checkColumn(column, asOf, settings.transparency).missing.map((m) => m.name),
    columnProjects: asStood.projects.map((p) => ({
      name: p.name,
      contractNo: p.contractNo,
      contractorName: p.contractorName,
    })),
  };
}
