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
};
