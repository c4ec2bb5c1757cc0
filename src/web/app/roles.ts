/** What each role sees first and which menu entries it gets. */
import type { Role, SessionUser } from "../api/types";
import type { MessageKey } from "./messages";
import { type Bilingual, countySectionPath, pagesFor, sectionsFor } from "./modules";
import { WEB_MODULES } from "./web-modules";

const PROVINCE_ROLES: ReadonlySet<Role> = new Set([
  "province_admin",
  "province_viewer",
  "city_viewer",
  "city_admin",
]);
const COUNTY_ROLES: ReadonlySet<Role> = new Set(["county_admin", "county_viewer"]);

/** Label key of a role: 省级管理员, 县级查看 … */
export function roleLabelKey(role: Role): MessageKey {
  return `role.${role}`;
}

/** The page a user lands on after signing in. */
export function landingPath(user: SessionUser): string {
  if (PROVINCE_ROLES.has(user.role)) return "/province";
  if (COUNTY_ROLES.has(user.role)) return countyPath(user.regionCode);
  return "/";
}

export function countyPath(countyCode: string): string {
  return `/counties/${countyCode}`;
}

/** The county a user's region lies in, if the region is a county or inside one. */
export function countyOf(user: SessionUser): string | undefined {
  return user.regionCode.length >= 6 ? user.regionCode.slice(0, 6) : undefined;
}

export type MenuEntry = {
  key: string;
  path: string;
  /** A message key of the shell, or an area's own bilingual label. */
  label: MessageKey | Bilingual;
  icon: "home" | "province" | "county" | "section";
};

/** Side-menu entries for a user, in order. */
export function menuEntries(user: SessionUser): MenuEntry[] {
  const entries: MenuEntry[] = [];
  const county = countyOf(user);
  if (!PROVINCE_ROLES.has(user.role) && !COUNTY_ROLES.has(user.role)) {
    entries.push({ key: "home", path: "/", label: "nav.home", icon: "home" });
  }
  if (PROVINCE_ROLES.has(user.role) || (user.role === "assessor" && !county)) {
    entries.push({ key: "province", path: "/province", label: "nav.province", icon: "province" });
  }
  for (const page of pagesFor(WEB_MODULES, user.role)) {
    entries.push({ key: page.key, path: `/${page.path}`, label: page.label, icon: "section" });
  }
  if (county) {
    entries.push({ key: "county", path: countyPath(county), label: "nav.county", icon: "county" });
    for (const section of sectionsFor(WEB_MODULES, user.role)) {
      entries.push({
        key: section.key,
        path: countySectionPath(county, section),
        label: section.label,
        icon: "section",
      });
    }
  }
  return entries;
}

/** The menu key to highlight for a path; a county page opened from the overview keeps the overview lit. */
export function selectedMenuKey(pathname: string, entries: MenuEntry[]): string {
  // The longest matching path wins: /counties/130533/acceptance lights its section, not the county.
  const own = entries
    .filter((entry) => entry.key !== "home" && pathname.startsWith(entry.path))
    .sort((a, b) => b.path.length - a.path.length)[0];
  if (own) return own.key;
  if (pathname.startsWith("/counties/") && entries.some((entry) => entry.key === "province"))
    return "province";
  return pathname === "/" ? "home" : "";
}
