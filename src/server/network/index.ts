/** The service network domain (服务体系): village registry, stations, facilities, coverage planner. */
import type { DomainModule } from "../platform/domain";
import { loadDemoNetwork } from "./demo-network";
import { loadDemoVillages } from "./demo-villages";
import { facilitySheet } from "./facility-sheet";
import { down as villagesDown, up as villagesUp } from "./migrations/2026-11-29-0200-network-villages";
import {
  down as stationsDown,
  up as stationsUp,
} from "./migrations/2026-11-29-0210-network-stations-facilities";
import { down as hoursDown, up as hoursUp } from "./migrations/2026-12-02-1010-network-station-hours";
import { down as operatorDown, up as operatorUp } from "./migrations/2026-12-02-1040-station-operator";
import { networkRoutes } from "./network.routes";
import { networkFacts } from "./network-facts";
import { stationSheet } from "./station-sheet";
import { villageSheet } from "./village-sheet";

export const networkModule: DomainModule = {
  name: "network",
  migrations: {
    "2026-11-29-0200-network-villages": { up: villagesUp, down: villagesDown },
    "2026-11-29-0210-network-stations-facilities": { up: stationsUp, down: stationsDown },
    "2026-12-02-1010-network-station-hours": { up: hoursUp, down: hoursDown },
    "2026-12-02-1040-station-operator": { up: operatorUp, down: operatorDown },
  },
  routes: networkRoutes,
  // 村庄 first: stations are checked against the county's villages and their figures.
  sheets: [villageSheet, stationSheet, facilitySheet],
  demo: async (db, context) => {
    await loadDemoVillages(db, context);
    await loadDemoNetwork(db, context);
  },
  facts: async (db, countyCode, asOf) => ({ network: await networkFacts(db, countyCode, asOf) }),
};

export { requireStationNos, setStationsOperator, stationsOperatedBy } from "./hand-over-stations";
export type { NetworkTables } from "./network.tables";
export { stationDirectory } from "./station-directory";
export { type StationImportState, stationImportState } from "./station-import-state";
export { stationRegister } from "./station-register";
export { listStationRecords, stationCounts } from "./stations.repository";
export { countPoorVillages } from "./villages.repository";
