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
