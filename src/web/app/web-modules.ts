/** The areas of the web app, in menu order. */
import { acceptanceWebModule } from "../acceptance/module";
import { fundsWebModule } from "../funds/module";
import { networkWebModule } from "../network/module";
import { operationsWebModule } from "../operations/module";
import { outcomesWebModule } from "../outcomes/module";
import { reportingWebModule } from "../reporting/module";
import { upwardWebModule } from "../upward/module";
import { workbookWebModule } from "../workbook/module";
import type { WebModule } from "./modules";

export const WEB_MODULES: readonly WebModule[] = [
  networkWebModule,
  operationsWebModule,
  fundsWebModule,
  upwardWebModule,
  outcomesWebModule,
  reportingWebModule,
  acceptanceWebModule,
  workbookWebModule,
];
