/**
 * The service network's web pages: the county section `/counties/:code/network` (coverage
 * planner, stations and facilities with their spec checks) and the province roll-up at `/network`.
 */
import { lazy } from "react";
import type { WebModule } from "../app/modules";

export const networkWebModule: WebModule = {
  name: "network",
  countySections: [
    {
      key: "network",
      label: { zh: "服务体系", en: "Service network" },
      path: "network",
      page: lazy(() => import("./CountyNetworkPage")),
    },
  ],
  pages: [
    {
      key: "province-network",
      label: { zh: "服务体系汇总", en: "Network roll-up" },
      path: "network",
      page: lazy(() => import("./ProvinceNetworkPage")),
      roles: ["province_admin", "province_viewer", "city_viewer"],
    },
  ],
};
