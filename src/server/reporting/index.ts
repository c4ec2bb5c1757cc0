/**
 * The reporting domain (信息报送 and 政务公开): information liaisons (R4, M3), daily, monthly and
 * annual reports with completeness and timeliness (R2, E1), the ministry export and its sinks,
 * and the public transparency column with its comment and complaint windows (T1–T4, E2).
 *
 * For the lead to wire (never reading other domains' tables):
 * - daily reports: call `storeDailyReports` with operations' station days (see store-daily-reports.ts);
 * - due dates: `reportingCalendar` can return the calendar domain's corrected calendar once exported.
 */
import type { FastifyInstance } from "fastify";
import type { DomainModule, RouteContext } from "../platform/domain";
import { loadDemoReporting } from "./demo-reporting";
import * as reports from "./migrations/2026-11-29-0600-reporting-reports";
import * as transparency from "./migrations/2026-11-29-0610-reporting-transparency";
import * as projectContract from "./migrations/2026-12-02-0600-column-project-contract";
import { publicRoutes } from "./public.routes";
import { reportingRoutes } from "./reporting.routes";
import { reportingFacts } from "./reporting-facts";
import { transparencyRoutes } from "./transparency.routes";

export { reportingFacts } from "./reporting-facts";
export { type StationDaySource, storeDailyReports } from "./store-daily-reports";

async function routes(app: FastifyInstance, context: RouteContext): Promise<void> {
  await reportingRoutes(app, context);
  await transparencyRoutes(app, context);
  // Its own plugin: the form-body parser of the public windows stays out of the JSON API.
  await app.register(publicRoutes, { db: context.db });
}

export const reportingModule: DomainModule = {
  name: "reporting",
  migrations: {
    "2026-11-29-0600-reporting-reports": reports,
    "2026-11-29-0610-reporting-transparency": transparency,
    "2026-12-02-0600-column-project-contract": projectContract,
  },
  routes,
  demo: loadDemoReporting,
  facts: async (db, county, asOf) => ({ reporting: await reportingFacts(db.db, county, asOf) }),
};

export { columnAsOf, columnSnapshot, loadColumn } from "./column.repository";
export { loadReportingSettings } from "./reporting-settings.repository";
export { countyReportingStatus } from "./reporting-status";
