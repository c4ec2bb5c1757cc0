/**
 * The acceptance area's web pages: the county section `/counties/:code/acceptance` (scorecard,
 * assessor workflow, performance, timeline) and the province dashboard at `/acceptance`.
 */
import { lazy } from "react";
import type { WebModule } from "../app/modules";

export const acceptanceWebModule: WebModule = {
  name: "acceptance",
  countySections: [
    {
      key: "acceptance",
      label: { zh: "验收评估", en: "Acceptance" },
      path: "acceptance",
      page: lazy(() => import("./AcceptancePage")),
    },
  ],
  pages: [
    {
      key: "province-acceptance",
      label: { zh: "验收与绩效汇总", en: "Acceptance roll-up" },
      path: "acceptance",
      page: lazy(() => import("./ProvinceAcceptancePage")),
      roles: ["province_admin", "province_viewer", "city_viewer"],
    },
  ],
};
