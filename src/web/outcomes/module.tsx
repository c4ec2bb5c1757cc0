/** The outcomes area's web page (成效与工作记录): year figures, poor households' sales, staff, records. */
import { lazy } from "react";
import type { WebModule } from "../app/modules";

export const outcomesWebModule: WebModule = {
  name: "outcomes",
  countySections: [
    {
      key: "outcomes",
      label: { zh: "成效与记录", en: "Outcomes" },
      path: "outcomes",
      page: lazy(() => import("./OutcomesPage")),
    },
  ],
};
