/**
 * The operations area's web pages: the county section `/counties/:code/operations` (O1–O3 KPIs,
 * trend, failing stations) and the province roll-up at `/operations`.
 */
import { lazy } from "react";
import type { WebModule } from "../app/modules";

export const operationsWebModule: WebModule = {
  name: "operations",
  countySections: [
    {
      key: "operations",
      label: { zh: "站点运营", en: "Station operations" },
      path: "operations",
      page: lazy(() => import("./CountyOperationsPage")),
    },
  ],
  pages: [
    {
      key: "province-operations",
      label: { zh: "运营汇总", en: "Operations roll-up" },
      path: "operations",
      page: lazy(() => import("./ProvinceOperationsPage")),
      roles: ["province_admin", "province_viewer", "city_viewer"],
    },
  ],
};
