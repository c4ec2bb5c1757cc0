/**
 * The upward domain (农村产品上行、电商培训): training and poor households, the product catalogue,
 * incubated shops and traceability (rules G2–G4, O4–O9; acceptance B4–B8, D2, D3).
 */
import type { DomainModule } from "../platform/domain";
import { loadDemoUpward } from "./demo-upward";
import * as training from "./migrations/2026-11-29-0500-upward-training";
import * as catalogue from "./migrations/2026-11-29-0510-upward-catalogue";
import * as traceability from "./migrations/2026-11-29-0520-upward-traceability";
import { poorHouseholdSheet } from "./poor-household-sheet";
import { trainingSheet } from "./training-sheet";
import { upwardRoutes } from "./upward.routes";
import { upwardFacts } from "./upward-facts";

export const upwardModule: DomainModule = {
  name: "upward",
  migrations: {
    "2026-11-29-0500-upward-training": { up: training.up, down: training.down },
    "2026-11-29-0510-upward-catalogue": { up: catalogue.up, down: catalogue.down },
    "2026-11-29-0520-upward-traceability": { up: traceability.up, down: traceability.down },
  },
  routes: upwardRoutes,
  // 贫困户 commits before 培训: a trainee's 户编号 must name a registered household.
  sheets: [poorHouseholdSheet, trainingSheet],
  demo: loadDemoUpward,
  facts: async (db, countyCode, asOf) => ({ upward: await upwardFacts(db, countyCode, asOf) }),
};
export { registerRoster } from "./county-roster";
export { householdImportState } from "./import-shared-state";
export { personIdSecret, pseudonymize } from "./person-pseudonym";
export { poorHouseholdCodes } from "./poor-household-codes";
export { fenToYuanText, rosterWorkbook, sendXlsx } from "./roster-export";
