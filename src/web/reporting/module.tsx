/**
 * The reporting area's web pages: per county `/counties/:code/reporting` (due and overdue list,
 * monthly and annual reports with their approval, liaisons) and `/counties/:code/column` (the public
 * column's editor and completeness check, comments and complaints); the province dashboard at
 * `/reporting` (completeness and timeliness by county × month, liaison lists, all messages).
 */
import { lazy } from "react";
import type { WebModule } from "../app/modules";

export const reportingWebModule: WebModule = {
  name: "reporting",
  countySections: [
    {
      key: "reporting",
      label: { zh: "信息报送", en: "Reporting" },
      path: "reporting",
      page: lazy(() => import("./CountyReportingPage")),
    },
    {
      key: "column",
      label: { zh: "政务公开", en: "Transparency" },
      path: "column",
      page: lazy(() => import("./CountyColumnPage")),
    },
  ],
  pages: [
    {
      key: "province-reporting",
      label: { zh: "信息报送监测", en: "Reporting dashboard" },
      path: "reporting",
      page: lazy(() => import("./ProvinceReportingPage")),
      roles: ["province_admin", "province_viewer", "city_viewer"],
    },
  ],
};
