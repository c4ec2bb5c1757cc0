/**
 * The county workbook upload `/counties/:code/workbook`: template, dry run naming every bad row,
 * then write (all or nothing, or keep the good rows). A side-menu entry of the county
 * administrator and of the county's contractors, who import the sheets of their contracts (the
 * route also lets province administrators in and refuses everyone else).
 */
import { lazy } from "react";
import type { WebModule } from "../app/modules";

export const workbookWebModule: WebModule = {
  name: "workbook",
  countySections: [
    {
      key: "workbook",
      label: { zh: "数据导入", en: "Workbook import" },
      path: "workbook",
      page: lazy(() => import("./WorkbookImportPage")),
      roles: ["county_admin", "contractor"],
      menuOnly: true,
    },
  ],
};
