/**
 * The upward area's web pages (农村产品上行、电商培训): county sections for training and poor
 * households, the product catalogue with incubated shops, and traceability. The public trace page
 * itself is rendered by the server at /t/{code}.
 */
import { lazy } from "react";
import type { WebModule } from "../app/modules";

export const upwardWebModule: WebModule = {
  name: "upward",
  countySections: [
    {
      key: "training",
      label: { zh: "电商培训", en: "Training" },
      path: "training",
      page: lazy(() => import("./UpwardTrainingPage")),
    },
    {
      key: "products",
      label: { zh: "产品上行", en: "Products" },
      path: "products",
      page: lazy(() => import("./UpwardProductsPage")),
    },
    {
      key: "trace",
      label: { zh: "质量追溯", en: "Traceability" },
      path: "trace",
      page: lazy(() => import("./UpwardTracePage")),
    },
  ],
};
