/**
 * Roles and region scope. An account is scoped to a region by its short division code; it
 * reads what lies inside that region and nothing else (a county never sees another county).
 */
import { isWithin } from "../../../rules/regions";

export const ROLES = [
  "province_admin",
  "province_viewer",
  "city_viewer",
  "city_admin",
  "county_admin",
  "county_viewer",
  "contractor",
  "station_manager",
  "assessor",
] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, { zh: string; en: string }> = {
  province_admin: { zh: "省级管理员", en: "Province administrator" },
  province_viewer: { zh: "省级查看（财政/扶贫）", en: "Province viewer (finance/poverty)" },
  city_viewer: { zh: "市级查看", en: "City viewer" },
  // 市商务局: reviews its counties' acceptance filings (rule K1), reads them like a city viewer.
  city_admin: { zh: "市商务局", en: "City commerce bureau" },
  county_admin: { zh: "县级管理员", en: "County administrator" },
  county_viewer: { zh: "县级查看", en: "County viewer" },
  contractor: { zh: "承办企业", en: "Contractor" },
  station_manager: { zh: "站点管理员", en: "Station manager" },
  assessor: { zh: "第三方评估机构", en: "Third-party assessor" },
};

/** The length of the region code each role is scoped to. */
export const ROLE_REGION_LENGTH: Record<Role, number[]> = {
  province_admin: [2],
  province_viewer: [2],
  city_viewer: [4],
  city_admin: [4],
  county_admin: [6],
  county_viewer: [6],
  contractor: [6],
  station_manager: [6, 9, 12],
  assessor: [2, 4, 6],
};

/** Roles that an account of `role` may create: never one above its own reach. */
export const CREATABLE_ROLES: Record<Role, Role[]> = {
  province_admin: [...ROLES],
  province_viewer: [],
  city_viewer: [],
  city_admin: [],
  county_admin: ["county_viewer", "contractor", "station_manager"],
  county_viewer: [],
  contractor: [],
  station_manager: [],
  assessor: [],
};

export type Principal = {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  /**
   * Counties that invited this account (third-party assessors): an assessor reads only the
   * counties that engaged it, whatever its region.
   */
  grantedCounties?: readonly string[];
};

/** Roles whose reach is the counties that granted them access, not their whole region. */
export const GRANT_SCOPED_ROLES: ReadonlySet<Role> = new Set(["assessor"]);

const WRITERS: ReadonlySet<Role> = new Set(["province_admin", "county_admin"]);

/** May this account read data of the given region (a county or anything inside it)? */
export function canRead(principal: Principal, regionCode: string): boolean {
  if (GRANT_SCOPED_ROLES.has(principal.role)) {
    return (principal.grantedCounties ?? []).some((county) => isWithin(regionCode, county));
  }
  return isWithin(regionCode, principal.regionCode);
}

/** May this account change the administrative data (village registry, plans) of a county? */
export function canAdminister(principal: Principal, countyCode: string): boolean {
  return WRITERS.has(principal.role) && isWithin(countyCode, principal.regionCode);
}

/**
 * May this account see who sent a comment or complaint to a county's column (name, phone)? Only
 * those who handle them: the county's own administrator, who answers, and the province
 * administrators, who review the handling. The form promises "仅供承办人员联系，不公开", and
 * complaints are often about contractors, so readers of the county (contractors, station managers,
 * assessors, viewers) see the message without them. Access class `complaint_handler`.
 */
export function canSeeComplainants(principal: Principal, regionCode: string): boolean {
  return canAdminister(principal, regionCode);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
