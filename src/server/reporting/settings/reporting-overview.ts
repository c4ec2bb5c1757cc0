/**
 * The province's reporting dashboard (R2, R4, M3): per county, completeness and timeliness of the
 * monthly reports by month of a year (the heat map), overdue reports, and the liaison list filing.
 */
import type { Kysely } from "kysely";
import {
  countReports,
  liaisonFiling,
  monthsBetween,
  reportingRates,
  reportSlots,
  slotStates,
} from "../../../rules/reporting";
import type { Database } from "../../platform/db/schema";
import { getLiaisonFiling, listLiaisons, reportersFrom } from "../liaisons/liaisons.repository";
import { receivedReports } from "../reports/reports.repository";
import { reportingCalendar } from "./reporting-calendar";
import { loadReportingSettings } from "./reporting-settings.repository";

export type OverviewCell = {
  period: string;
  expected: number;
  received: number;
  onTime: number;
  completenessBp: number;
  timelinessBp: number;
};

export type CountyOverview = {
  code: string;
  name: string;
  months: OverviewCell[];
  total: OverviewCell;
  overdue: number;
  liaison: {
    filedOn: string | null;
    isFiled: boolean;
    isOnTime: boolean;
    isOverdue: boolean;
    liaisons: number;
  };
};

export async function reportingOverview(
  kdb: Kysely<Database>,
  counties: readonly { code: string; name: string }[],
  year: number,
  asOf: string,
): Promise<{ year: number; asOf: string; liaisonDeadline: string; counties: CountyOverview[] }> {
  const { reporting: settings } = await loadReportingSettings(kdb);
  const cal = await reportingCalendar(kdb);
  const stored = await receivedReports(
    kdb,
    counties.map((c) => c.code),
  );
  const months = monthsBetween(`${year}-01`, `${year}-12`);
  const result: CountyOverview[] = [];
  for (const county of counties) {
    const liaisons = await listLiaisons(kdb, county.code);
    const slots = reportSlots(cal, reportersFrom(county.name, liaisons), asOf, settings).filter(
      (s) => s.kind === "monthly",
    );
    const reports = stored.filter((r) => r.countyCode === county.code);
    const cell = (period: string, list = slots.filter((s) => s.period === period)): OverviewCell => {
      const counts = countReports(list, reports, asOf, settings);
      return { period, ...counts, ...reportingRates(counts) };
    };
    const filing = await getLiaisonFiling(kdb, county.code);
    result.push({
      code: county.code,
      name: county.name,
      months: months.map((m) => cell(m)),
      total: cell(
        String(year),
        slots.filter((s) => s.period.startsWith(`${year}-`)),
      ),
      overdue: slotStates(slots, reports, asOf, settings).filter((s) => s.state === "overdue").length,
      liaison: {
        filedOn: filing?.filedOn ?? null,
        ...liaisonFiling(filing?.filedOn ?? null, asOf, settings),
        liaisons: liaisons.length,
      },
    });
  }
  return { year, asOf, liaisonDeadline: settings.liaisonDeadline, counties: result };
}
