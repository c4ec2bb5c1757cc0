/** The funds domain (资金与采购): fund arrangement, notice and filing, tenders, contracts, payments (issue 3). */
import type { DomainModule } from "../platform/domain";
import { loadFundsDemo } from "./demo-funds";
import { fundPlanSheet } from "./fund-plan-sheet";
import { fundPlansRoutes } from "./fund-plans.routes";
import { fundsExportsRoutes } from "./funds-exports.routes";
import { fundsFactsOf, hasFundsRecords } from "./funds-facts";
import { fundsOverviewRoutes } from "./funds-overview.routes";
import { loadFundsSnapshot } from "./funds-snapshot.repository";
import * as plans from "./migrations/2026-11-29-0300-funds-plans";
import * as procurement from "./migrations/2026-11-29-0310-funds-procurement";
import * as invoiceItem from "./migrations/2026-12-02-0300-invoice-item";
import { procurementRoutes } from "./procurement.routes";
import { rulesRoutes } from "./rules.routes";

export const fundsModule: DomainModule = {
  name: "funds",
  migrations: {
    "2026-11-29-0300-funds-plans": plans,
    "2026-11-29-0310-funds-procurement": procurement,
    "2026-12-02-0300-invoice-item": invoiceItem,
  },
  routes: async (app, context) => {
    await rulesRoutes(app, context);
    await fundPlansRoutes(app, context);
    await procurementRoutes(app, context);
    await fundsOverviewRoutes(app, context);
    await fundsExportsRoutes(app, context);
  },
  sheets: [fundPlanSheet],
  demo: loadFundsDemo,
  // Nothing recorded yet is no data for the assessor to judge, not zero progress.
  facts: async (db, countyCode, asOf) => {
    const snapshot = await loadFundsSnapshot(db.db, countyCode);
    return snapshot && hasFundsRecords(snapshot, asOf) ? { funds: fundsFactsOf(snapshot, asOf) } : {};
  },
};

export { analyzeFunds } from "./analyze-funds";
export { awardTender } from "./award-tender";
export { contractCategoriesOf } from "./contract-categories";
export { createContract } from "./create-contract";
export { fundsDb } from "./fund-plans.repository";
export { InvoiceBody, IsoDate } from "./funds.schema";
export { loadFundsSnapshot } from "./funds-snapshot.repository";
export { findContract, findTender, requireNotFuture } from "./procurement.repository";
export { type InvoiceInput, recordPayment } from "./record-payment";
export { saveTender } from "./save-tender";
