/**
 * What an area of the web app (funds, network, acceptance …) adds to the shell: pages under a
 * county (`/counties/:code/<path>`), shown as sections in the county navigation and, for county
 * accounts, in the side menu. Areas register in web-modules.ts.
 */
import type { ComponentType, LazyExoticComponent } from "react";
import type { Role } from "../api/types";

export type Bilingual = { zh: string; en: string };

export type CountySection = {
  /** Unique key, also the menu key. */
  key: string;
  label: Bilingual;
  /** Path below /counties/:code/ (no leading slash). */
  path: string;
  page: LazyExoticComponent<ComponentType>;
  /** Roles that see the section; every role that may read the county when unset. */
  roles?: readonly Role[];
  /**
   * A chore rather than a view of the county (the workbook upload): a side-menu entry only, not a
   * tab of the county frame, whose tabs already fill a 1366 px screen.
   */
  menuOnly?: boolean;
};

/** A page of its own (not under a county), e.g. a province roll-up, with its side-menu entry. */
export type AreaPage = {
  key: string;
  label: Bilingual;
  /** Absolute path without the leading slash, e.g. "network". */
  path: string;
  page: LazyExoticComponent<ComponentType>;
  /** Roles that get the menu entry and may open the page. */
  roles: readonly Role[];
};

export type WebModule = {
  name: string;
  countySections?: CountySection[];
  pages?: AreaPage[];
};

export function pagesFor(modules: readonly WebModule[], role: Role): AreaPage[] {
  return modules.flatMap((m) => m.pages ?? []).filter((p) => p.roles.includes(role));
}

export const countySectionPath = (countyCode: string, section: Pick<CountySection, "path">) =>
  `/counties/${countyCode}/${section.path}`;

export function sectionsFor(modules: readonly WebModule[], role: Role): CountySection[] {
  return modules.flatMap((m) => m.countySections ?? []).filter((s) => !s.roles || s.roles.includes(role));
}
