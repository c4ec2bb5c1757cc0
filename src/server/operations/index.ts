/** The station operations domain (站点运营、物流): ingest, workbook sheets, rollups, KPIs (O1–O3). */

import { stationDirectory } from "../network/station-directory";
import type { DomainModule } from "../platform/domain";
import { loadDemoOperations } from "./demo-operations";
import { ingestRoutes } from "./ingest.routes";
import { down as operationsDown, up as operationsUp } from "./migrations/2026-11-29-0400-operations";
import { operationsRoutes } from "./operations.routes";
import { operationsFacts } from "./operations-facts";
import { shipmentSheet } from "./shipment-sheet";
import { stationMonthSheet } from "./station-month-sheet";

export const operationsModule: DomainModule = {
  name: "operations",
  migrations: {
    "2026-11-29-0400-operations": { up: operationsUp, down: operationsDown },
  },
  routes: async (app, context) => {
    // Township KPIs need each station's village: the network domain knows it.
    await operationsRoutes((db, county) => stationDirectory(db.db, county))(app, context);
    await ingestRoutes(app, context);
  },
  // After the network's 站点 sheet (the domain list's order), 站点月报 before 物流.
  sheets: [stationMonthSheet, shipmentSheet],
  demo: (db, context) => loadDemoOperations(db, context),
  facts: async (db, countyCode, asOf) => {
    const facts = await operationsFacts(db, countyCode, asOf);
    // No data at all is "not yet known" (B2/B3 pending), not a failure.
    return facts.stations === 0 && facts.shipments === 0 ? {} : { operations: facts };
  },
};
