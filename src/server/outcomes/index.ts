/**
 * The outcomes domain (成效与工作记录): year figures, poor households' online sales, staff hired,
 * and the records of the leading group, inspections, publicity, enterprises and links that the
 * standard asks for (rules K3–K7, O9; acceptance C1, C2, C4, C5, D1–D4).
 */
import type { DomainModule } from "../platform/domain";
import { loadDemoOutcomes } from "./demo-outcomes";
import * as outcomes from "./migrations/2026-12-02-1020-outcomes";
import * as inspectionPhotos from "./migrations/2026-12-02-1060-inspection-photos";
import { outcomesRoutes } from "./outcomes.routes";
import { outcomesFacts } from "./outcomes-facts";
import { poorHouseholdSalesSheet } from "./poor-household-sales-sheet";
import { staffSheet } from "./staff-sheet";
import { yearFiguresSheet } from "./year-figures-sheet";

export const outcomesModule: DomainModule = {
  name: "outcomes",
  migrations: {
    "2026-12-02-1020-outcomes": { up: outcomes.up, down: outcomes.down },
    "2026-12-02-1060-inspection-photos": { up: inspectionPhotos.up, down: inspectionPhotos.down },
  },
  routes: outcomesRoutes,
  // After upward's 贫困户: a sale's 户编号 names a registered household.
  sheets: [yearFiguresSheet, poorHouseholdSalesSheet, staffSheet],
  demo: loadDemoOutcomes,
  facts: async (db, countyCode, asOf) => ({ outcomes: await outcomesFacts(db, countyCode, asOf) }),
};
