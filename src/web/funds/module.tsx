/**
 * The funds area's web pages: the county sections `/counties/:code/funds` (fund arrangement,
 * notice and filing) and `/counties/:code/procurement` (tenders, contracts, payment ledger,
 * progress), and the province table at `/funds`.
 */
import { lazy } from "react";
import type { WebModule } from "../app/modules";

export const fundsWebModule: WebModule = {
  name: "funds",
  countySections: [
    {
      key: "funds",
      label: { zh: "资金安排", en: "Fund plan" },
      path: "funds",
      page: lazy(() => import("./FundPlanPage")),
    },
    {
      key: "procurement",
      label: { zh: "招标与拨付", en: "Tenders and payments" },
      path: "procurement",
      page: lazy(() => import("./ProcurementPage")),
    },
  ],
  pages: [
    {
      key: "province-funds",
      label: { zh: "资金与进度汇总", en: "Funds roll-up" },
      path: "funds",
      page: lazy(() => import("./ProvinceFundsPage")),
      roles: ["province_admin", "province_viewer", "city_viewer"],
    },
  ],
};
