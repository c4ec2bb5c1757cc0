/** The station operations domain (站点运营、物流): ingest, workbook sheets, rollups, KPIs (O1–O3). */

import { describeOpenFlags } from "../../rules/operations-quality";
import { stationDirectory } from "../network";
import type { DomainModule } from "../platform/domain";
import { reuseStatementsOn } from "./bulk-statement.repository";
import { listFlags } from "./data-quality.repository";
import { dataQualityRoutes } from "./data-quality.routes";
import { loadDemoOperations } from "./demo-operations";
import { ingestRoutes } from "./ingest.routes";
import { down as operationsDown, up as operationsUp } from "./migrations/2026-11-29-0400-operations";
import { down as qualityDown, up as qualityUp } from "./migrations/2026-11-29-0410-operations-quality";
import {
  down as tokenOrganizationDown,
  up as tokenOrganizationUp,
} from "./migrations/2026-12-02-1030-ingest-token-organization";
import {
  down as clusteredRollupsDown,
  up as clusteredRollupsUp,
} from "./migrations/2026-12-02-2300-clustered-rollups";
import { operationsRoutes } from "./operations.routes";
import { hasOperationsFigures, operationsFacts } from "./operations-facts";
import { refreshFlagsForReaders, settleBackgroundScans } from "./refresh-data-quality-flags";
import { shipmentSheet } from "./shipment-sheet";
import { stationMonthSheet } from "./station-month-sheet";

export const operationsModule: DomainModule = {
  name: "operations",
  migrations: {
    "2026-11-29-0400-operations": { up: operationsUp, down: operationsDown },
    "2026-11-29-0410-operations-quality": { up: qualityUp, down: qualityDown },
    "2026-12-02-1030-ingest-token-organization": { up: tokenOrganizationUp, down: tokenOrganizationDown },
    "2026-12-02-2300-clustered-rollups": { up: clusteredRollupsUp, down: clusteredRollupsDown },
  },
  // Workbook imports and ingest on this database reuse their prepared multi-row statements.
  open: reuseStatementsOn,
  routes: async (app, context) => {
    // Township KPIs need each station's village: the network domain knows it.
    await operationsRoutes((db, county) => stationDirectory(db.db, county))(app, context);
    await ingestRoutes(app, context);
    await dataQualityRoutes(app, context);
    // A scan started for a reader finishes before the database closes.
    app.addHook("onClose", settleBackgroundScans);
  },
  // After the network's 站点 sheet (the domain list's order), 站点月报 before 物流.
  sheets: [stationMonthSheet, shipmentSheet],
  demo: (db, context) => loadDemoOperations(db, context),
  factsReadFeeds: true,
  facts: async (db, countyCode, asOf) => {
    // No figures at all is "not yet known" (B2/B3 pending), not a failure; once any figure is in,
    // a registered station without one counts as zero (rule O2).
    if (!(await hasOperationsFigures(db.db, countyCode, asOf))) return {};
    const facts = await operationsFacts(db, countyCode, asOf);
    // Unresolved flags about data up to asOf are E5 evidence (periods are days or months: both
    // compare as text against the date).
    await refreshFlagsForReaders(db, countyCode);
    // Explained flags stay leads for the assessor (rule E5 reading): the county's word is an input.
    const flags = (await listFlags(db.db, { countyCodes: [countyCode] })).filter((f) => f.period <= asOf);
    const describe = (status: "open" | "resolved") =>
      describeOpenFlags(
        flags.filter((f) => f.status === status).map((f) => ({ kind: f.kind, summary: f.summary.zh })),
      );
    return {
      operations: facts,
      openDataQualityFlags: describe("open"),
      explainedDataQualityFlags: describe("resolved"),
    };
  },
};

export { createIngestToken } from "./create-ingest-token";
export { listFlags } from "./data-quality.repository";
export { handOverIngestTokens, type IngestTokenHandover } from "./hand-over-ingest-tokens";
export { type IngestResult, ingestBatch } from "./ingest-batch";
export { type IngestCaller, type IngestKind, listIngestTokens } from "./ingest-tokens.repository";
export type { OperationsTables } from "./operations.tables";
export { stationDays } from "./station-days";
export { stationOperations } from "./station-operations";
