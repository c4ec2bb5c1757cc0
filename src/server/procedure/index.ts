/** The procedure domain (验收程序): K1 steps, rectification, retainage (F7), contractor replacement (K2), M5. */
import type { DomainModule } from "../platform/domain";
import { loadDemoProcedure } from "./demo-procedure";
import * as procedureMigration from "./migrations/2026-12-02-1000-procedure";
import * as handoverMigration from "./migrations/2026-12-02-1050-handover-transfer";
import { procedureRoutes } from "./procedure.routes";

export const procedureModule: DomainModule = {
  name: "procedure",
  migrations: {
    "2026-12-02-1000-procedure": procedureMigration,
    "2026-12-02-1050-handover-transfer": handoverMigration,
  },
  routes: procedureRoutes,
  demo: loadDemoProcedure,
};

export { listRectifications, loadProcedureFacts, procedureOf } from "./procedure.repository";
export { listTerminations } from "./replace-contractor";
export { refusal } from "./take-step";
