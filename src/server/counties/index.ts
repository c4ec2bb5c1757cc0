/** Demonstration counties (示范县): reference facts of rule P1 and their public list. */
import type { DomainModule } from "../platform/domain";
import { countiesRoutes } from "./counties.routes";

export const countiesModule: DomainModule = { name: "counties", routes: countiesRoutes };
export { countyExists, readableCounties } from "./counties.repository";
export { CountyCodeParams } from "./counties.schema";
