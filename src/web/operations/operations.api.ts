/** Calls of the operations area (站点运营与物流, O1–O3). */
import { api } from "../api/client";

export type Bilingual = { zh: string; en: string };

export type DeliveryFigures = {
  downShipments: number;
  downDelivered: number;
  withinDaysBp: number;
  meetsDelivery: boolean;
  upShipments: number;
  carriers: string[];
};

export type ScopeKpi = DeliveryFigures & {
  stations: number;
  onlineRateBp: number;
  avgOrdersPerStationMonth: number;
  avgAmountFenPerStationMonth: number;
  stationsMeetingBoth: number;
  meetsOnlineRate: boolean;
  meetsOrders: boolean;
  meetsAmount: boolean;
};

export type StationKpi = DeliveryFigures & {
  stationCode: string;
  villageCode: string | null;
  townshipCode: string | null;
  months: number;
  onlineRateBp: number;
  hasOnlineData: boolean;
  avgOrders: number;
  avgAmountFen: number;
  meetsOnlineRate: boolean;
  meetsOrders: boolean;
  meetsAmount: boolean;
  meetsBoth: boolean;
};

export type CountyOperations = {
  countyCode: string;
  townshipCode: string | null;
  fromMonth: string | null;
  toMonth: string;
  asOf: string;
  thresholds: {
    onlineRateBp: number;
    ordersPerStationMonth: number;
    amountFenPerStationMonth: number;
    deliveryDays: number;
    withinDeliveryDaysBp: number;
    carriers: number;
  };
  summary: ScopeKpi & {
    meetsCarriers: boolean;
    upwardFees: {
      weightClass: string;
      name: Bilingual;
      shipments: number;
      avgFeeFen: number;
      benchmarkFen: number | null;
      isAbove: boolean;
    }[];
    meetsUpwardFees: boolean;
  };
  stations: StationKpi[];
  townships: ({ townshipCode: string | null } & ScopeKpi)[];
  failing: { onlineRate: string[]; ordersAndAmount: string[]; delivery: string[] };
  trend: {
    month: string;
    stations: number;
    onlineRateBp: number;
    avgOrdersPerStationMonth: number;
    avgAmountFenPerStationMonth: number;
    downShipments: number;
    withinDaysBp: number;
  }[];
  distribution: { days: number; shipments: number }[];
  inTransit: number;
};

export type ProvinceOperations = {
  fromMonth: string | null;
  toMonth: string;
  asOf: string;
  province: ScopeKpi;
  counties: (ScopeKpi & {
    countyCode: string;
    name: string;
    meetsCarriers: boolean;
    upwardFeesAbove: string[];
    failingStations: { onlineRate: number; ordersAndAmount: number; delivery: number };
  })[];
};

export type Period = { from?: string; to?: string; township?: string };

export const fetchCountyOperations = (code: string, period: Period, signal?: AbortSignal) =>
  api.get<CountyOperations>(`/counties/${code}/operations`, { query: period, signal });

export const fetchProvinceOperations = (period: Period, signal?: AbortSignal) =>
  api.get<ProvinceOperations>("/operations/province", { query: period, signal });

// --- data-quality flags (数据质量问题, E5 evidence) ----------------------------------------------

export type DataQualityFlag = {
  id: string;
  countyCode: string;
  countyName?: string;
  kind: string;
  kindName: Bilingual;
  subject: string;
  stationCode: string | null;
  period: string;
  status: "open" | "resolved";
  summary: Bilingual;
  measures: Record<string, number | string>;
  refCount: number;
  detectedAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  resolvedByName: string | null;
  resolution: string | null;
};

export type DataQualityFlagList = { items: DataQualityFlag[]; counts: { open: number; resolved: number } };

export type DataQualityEvidence = {
  columns: { key: string; title: Bilingual }[];
  rows: Record<string, string | number | null>[];
  total: number;
};

export type FlagFilter = { status?: "open" | "resolved"; kind?: string; county?: string };

export const fetchCountyFlags = (code: string, filter: FlagFilter, signal?: AbortSignal) =>
  api.get<DataQualityFlagList>(`/counties/${code}/data-quality-flags`, {
    query: { status: filter.status, kind: filter.kind },
    signal,
  });

export const fetchProvinceFlags = (filter: FlagFilter, signal?: AbortSignal) =>
  api.get<DataQualityFlagList>("/operations/data-quality-flags", { query: filter, signal });

export const fetchFlagDetail = (code: string, id: string, signal?: AbortSignal) =>
  api.get<DataQualityFlag & { evidence: DataQualityEvidence }>(`/counties/${code}/data-quality-flags/${id}`, {
    signal,
  });

export const resolveFlag = (code: string, id: string, reason: string) =>
  api.post<DataQualityFlag>(`/counties/${code}/data-quality-flags/${id}/resolve`, { reason });
