/** Organizations (单位): departments, contractors, assessors, training institutions, express companies. */
import type { DomainModule } from "../platform/domain";
import { organizationsRoutes } from "./organizations.routes";

export const organizationsModule: DomainModule = { name: "organizations", routes: organizationsRoutes };

export { organizationNames, requireContractorOrganization } from "./contractor-organization";
