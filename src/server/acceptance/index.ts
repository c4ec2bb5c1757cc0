/** The acceptance domain (验收): scorecard, assessor workflow, acceptance report. */
import type { DomainModule } from "../platform/domain";
import { acceptanceRoutes } from "./acceptance.routes";
import { acceptanceFacts } from "./acceptance-facts";
import { loadDemoAcceptance } from "./demo-acceptance";
import * as acceptanceMigration from "./migrations/2026-11-29-0800-acceptance";

export const acceptanceModule: DomainModule = {
  name: "acceptance",
  migrations: { "2026-11-29-0800-acceptance": acceptanceMigration },
  routes: acceptanceRoutes,
  demo: loadDemoAcceptance,
  facts: (db, countyCode) => acceptanceFacts(db, countyCode),
};

export { acceptanceDb, currentStandard, latestSignoff } from "./acceptance.repository";
export { AsOfQuery } from "./acceptance.schema";
export { getPerformance } from "./get-performance";
export { getScorecard } from "./get-scorecard";
export { signScorecard } from "./sign-scorecard";
