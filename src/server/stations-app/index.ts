/**
 * The station manager's app (站点管理员手机端, issue 20): accounts bound to one station, signed in
 * by QR code, and the sync of what the phone recorded offline through the operations ingest.
 * After network and operations in the domain list: it reads stations and files operations records.
 */
import type { DomainModule } from "../platform/domain";
import { down, up } from "./migrations/2026-12-01-0100-station-accounts";
import { stationAccountsRoutes } from "./station-accounts.routes";
import { stationAppRoutes } from "./station-app.routes";

export const stationsAppModule: DomainModule = {
  name: "stations-app",
  migrations: { "2026-12-01-0100-station-accounts": { up, down } },
  routes: async (app, context) => {
    await stationAccountsRoutes(app, context);
    await stationAppRoutes(app, context);
  },
};

export { handOverStationAccounts } from "./hand-over-station-accounts";
