/** Response shapes of /api/v1, as the web app reads them. */
import type { VillageKind } from "../../rules/regions";

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

export type SessionUser = {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** Short division code of the account's region (13, 1305, 130533 …). */
  regionCode: string;
  regionName: string;
  /** The session may only change the password (first sign-in, or the password expired). */
  passwordChangeRequired: boolean;
};

export type SessionResponse = { user: SessionUser };

/** 已入选 · 实施中 · 已验收 · 未通过 */
export type CountyStatus = "selected" | "implementing" | "accepted" | "failed";

export type CountySummary = {
  code: string;
  name: string;
  cityCode: string;
  cityName: string;
  batch: number;
  /** Central subsidy in integer fen (rule P1: 1,500 万元 = 1,500,000,000 fen). */
  subsidyFen: number;
  status: CountyStatus | string;
  townships: number;
  /** Administrative villages (村民委员会) only; residents' committees are counted apart (rule G1). */
  villages: number;
  residentsCommittees: number;
  poorVillages: number;
};

export type TownshipSummary = { code: string; name: string; villages: number };

export type CountyDetail = CountySummary & { townshipList: TownshipSummary[] };

/** Fields of a village that may hold synthetic demo values. */
export type VillageDemoField = "population" | "isPoor" | "hasBroadband";

export type VillageItem = {
  code: string;
  name: string;
  townshipCode: string;
  townshipName: string;
  kind: VillageKind;
  population: number | null;
  isPoor: boolean | null;
  hasBroadband: boolean | null;
  /** Which of the fields above are synthetic demo values, not real statistics. */
  demoFields: string[];
};

export type Page<T> = { total: number; page: number; pageSize: number; items: T[] };
