/** The service network domain (服务体系): village registry; stations and facilities (issue 4). */
import type { DomainModule } from "../platform/domain";
import { loadDemoVillages } from "./demo-villages";
import { down as villagesDown, up as villagesUp } from "./migrations/2026-11-29-0200-network-villages";
import { networkRoutes } from "./network.routes";
import { villageSheet } from "./village-sheet";

export const networkModule: DomainModule = {
  name: "network",
  migrations: { "2026-11-29-0200-network-villages": { up: villagesUp, down: villagesDown } },
  routes: networkRoutes,
  sheets: [villageSheet],
  demo: loadDemoVillages,
};
