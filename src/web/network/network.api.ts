/** The service network API: stations, facilities, the coverage planner and the province roll-up. */
import type { SpecCheck } from "../../rules/network";
import { api } from "../api/client";

export type CoverageCounts = {
  villages: number;
  villagesWithStation: number;
  poorVillages: number;
  poorVillagesWithStation: number;
  villagesWithBroadband: number;
  requiredVillages: number;
  requiredVillagesWithStation: number;
  townships: number;
  townshipsWithExpress: number;
};

export type CoverageTarget = {
  key: "villages" | "poor_villages" | "broadband" | "township_express";
  rule: string;
  numerator: number;
  denominator: number;
  bp: number;
  thresholdBp: number;
  ok: boolean;
  shortBy: number;
  message: string;
};

export type GapVillage = {
  code: string;
  name: string;
  townshipCode: string;
  townshipName: string;
  population: number | null;
  isPoor: boolean;
  hasBroadband: boolean;
  pendingStation: { stationNo: string; status: string } | null;
};

export type CoverageReport = {
  countyCode: string;
  asOf: string;
  townshipCode: string | null;
  added: string[];
  counts: CoverageCounts;
  targets: CoverageTarget[];
  townships: {
    code: string;
    name: string;
    hasExpressOutlet: boolean;
    counts: CoverageCounts;
    targets: CoverageTarget[];
  }[];
  gaps: GapVillage[];
};

export type Station = {
  id: string;
  stationNo: string;
  name: string;
  villageCode: string;
  villageName: string | null;
  townshipName: string | null;
  population: number | null;
  isPoorVillage: boolean;
  areaTenths: number | null;
  equipment: string[];
  isCentrallyFunded: boolean;
  builtOn: string | null;
  status: string;
  isDemo: boolean;
  inService: boolean;
  spec: SpecCheck;
};

export type Facility = {
  id: string;
  facilityNo: string;
  kind: "county_center" | "county_warehouse" | "township_center";
  name: string;
  townshipName: string | null;
  areaTenths: number | null;
  equipment: string[];
  rooms: { name: string; areaTenths: number | null }[];
  hasSign: boolean;
  isCentrallyFunded: boolean;
  openedOn: string | null;
  status: string;
  logisticsRoute: string | null;
  logisticsCompany: string | null;
  isDemo: boolean;
  inService: boolean;
  spec: SpecCheck;
};

export type CountyNetworkSummary = {
  code: string;
  name: string;
  counts: CoverageCounts;
  targets: CoverageTarget[];
  stations: number;
  stationsInService: number;
  stationsFailingSpec: number;
  countyCenters: number;
  countyWarehouses: number;
  townshipCenters: number;
  facilitiesFailingSpec: number;
  gaps: number;
  fundingConflicts: string[];
};

export type ProvinceCoverage = {
  asOf: string;
  counties: CountyNetworkSummary[];
  totals: CoverageCounts;
  targets: CoverageTarget[];
};

/** station 有站点 · required 应建未建（S2） · optional 非必建 */
export type VillageMapStatus = "station" | "required" | "optional";

export type VillageMapPoint = {
  code: string;
  name: string;
  townshipCode: string;
  population: number | null;
  isPoor: boolean;
  status: VillageMapStatus;
  /** The station in service, else one planned or being built. */
  station: { id: string; stationNo: string; status: string; inService: boolean } | null;
};

export type VillageMapData = {
  countyCode: string;
  asOf: string;
  townships: { code: string; name: string }[];
  villages: VillageMapPoint[];
};

const county = (code: string) => `/counties/${encodeURIComponent(code)}`;

export function fetchCoverage(code: string, township: string | undefined, signal?: AbortSignal) {
  return api.get<CoverageReport>(`${county(code)}/coverage`, { query: { township }, signal });
}

/** Coverage as it would be with stations added in the given villages. */
export function fetchWhatIf(code: string, villageCodes: string[], township?: string) {
  return api.post<CoverageReport>(`${county(code)}/coverage/what-if`, { villageCodes, township });
}

/** Every administrative village of the county with its station status, for the village map. */
export function fetchVillageMap(code: string, signal?: AbortSignal) {
  return api.get<VillageMapData>(`${county(code)}/village-map`, { signal });
}

export function fetchStations(code: string, signal?: AbortSignal) {
  return api.get<{ total: number; items: Station[] }>(`${county(code)}/stations`, { signal });
}

export function fetchFacilities(code: string, signal?: AbortSignal) {
  return api.get<{ total: number; items: Facility[] }>(`${county(code)}/facilities`, { signal });
}

export function fetchProvinceCoverage(signal?: AbortSignal) {
  return api.get<ProvinceCoverage>("/network/coverage", { signal });
}
