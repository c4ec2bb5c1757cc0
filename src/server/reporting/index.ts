/**
 * The reporting domain (信息报送 and 政务公开): information liaisons (R4, M3), daily, monthly and
 * annual reports with completeness and timeliness (R2, E1), the ministry export and its sinks,
 * and the public transparency column with its comment and complaint windows (T1–T4, E2).
 *
 * One folder per resource: liaisons/, reports/, daily/, deliveries/, settings/ (the province's
 * dashboard, exceptions and settings), column/ (the transparency column) and public/ (its pages
 * without login and the comment and complaint windows).
 */
import type { FastifyInstance } from "fastify";
import type { DomainModule, RouteContext } from "../platform/domain";
import { columnRoutes } from "./column/column.routes";
import { columnDocumentRoutes } from "./column/column-documents.routes";
import { columnMessageRoutes } from "./column/column-messages.routes";
import { dailyReportRoutes } from "./daily/daily.routes";
import { deliveryRoutes } from "./deliveries/deliveries.routes";
import { reportDelivery } from "./deliveries/report-delivery";
import { loadDemoReporting } from "./demo-reporting";
import { liaisonRoutes } from "./liaisons/liaisons.routes";
import * as reports from "./migrations/2026-11-29-0600-reporting-reports";
import * as transparency from "./migrations/2026-11-29-0610-reporting-transparency";
import * as projectContract from "./migrations/2026-12-02-0600-column-project-contract";
import { publicRoutes } from "./public/public.routes";
import { reportingFacts } from "./reporting-facts";
import { reportExportRoutes } from "./reports/report-exports.routes";
import { reportRoutes } from "./reports/reports.routes";
import { reportingSettingsRoutes } from "./settings/settings.routes";

export { type StationDaySource, storeDailyReports } from "./daily/store-daily-reports";
export { reportingFacts } from "./reporting-facts";

async function routes(app: FastifyInstance, context: RouteContext): Promise<void> {
  await liaisonRoutes(app, context);
  await reportRoutes(app, context);
  await reportExportRoutes(app, context);
  await dailyReportRoutes(app, context);
  await reportingSettingsRoutes(app, context);
  await deliveryRoutes(app, context);
  await columnRoutes(app, context);
  await columnDocumentRoutes(app, context);
  await columnMessageRoutes(app, context);
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
  // Approved reports go to the ministry system in the background when a sink is configured.
  start: ({ db }, log) => {
    const delivery = reportDelivery(db.db);
    delivery.start(log);
    return () => delivery.stop();
  },
  demo: loadDemoReporting,
  facts: async (db, county, asOf) => ({ reporting: await reportingFacts(db.db, county, asOf) }),
};

export { columnAsOf, columnSnapshot, loadColumn } from "./column/column.repository";
export { getLiaisonFiling } from "./liaisons/liaisons.repository";
export { countyReportingStatus } from "./reports/reporting-status";
export { loadReportingSettings } from "./settings/reporting-settings.repository";
