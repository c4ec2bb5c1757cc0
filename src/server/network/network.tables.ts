/** Tables of the service network domain: 村庄 registry, stations (站点), facilities (设施), express. */
import type { ColumnType, Generated } from "kysely";
import type { NetworkStatus } from "../../rules/network";

/** County-owned attributes of a village-level unit (村庄 sheet). */
export type VillageTable = {
  county_code: string;
  code: string;
  population: number | null;
  is_poor: number | null;
  has_broadband: number | null;
  /** JSON array of field names whose value is synthetic demo data. */
  demo_fields: string;
  updated_at: string;
};

/** A village e-commerce service station (村级电商服务站, rules S2, S5, F9). */
export type StationTable = {
  id: string;
  county_code: string;
  /** 站点编号: the county's own number; re-importing it updates the station. */
  station_no: string;
  name: string;
  /** 12-digit code of the administrative village it serves. */
  village_code: string;
  /** Area in tenths of m² (12.5 m² = 125); null when not recorded. */
  area_tenths: number | null;
  /** JSON array of equipment as listed (电脑, 背景墙, 42寸电视 …). */
  equipment_json: string;
  has_sign: number;
  /** 中央资金支持: at most one such station per village (F9, also a partial unique index). */
  is_centrally_funded: number;
  /** 建成日期 YYYY-MM-DD. */
  built_on: string | null;
  closed_on: string | null;
  manager: string | null;
  status: NetworkStatus;
  is_demo: number;
  created_at: string;
  updated_at: string;
};

/**
 * A station's opening hours (rule O1 reading), minutes after 00:00 China time: opens ≤ minute <
 * closes. Defaults (08:00–20:00) come from the database, so writers that do not set them keep them.
 */
export type StationHoursColumns = {
  opens_at_minute: Generated<number>;
  closes_at_minute: Generated<number>;
};

/**
 * Who operates a station (运营单位): a contractor organization, or null when not recorded. Written
 * only by a supervised handover (rule K2); writers of the station's own fields leave it as it is.
 */
export type StationOperatorColumns = {
  operator_org_id: ColumnType<string | null, string | null | undefined, string | null>;
};

export const FACILITY_KINDS = ["county_center", "county_warehouse", "township_center"] as const;
/** 县级服务中心 · 县级仓储物流中心 · 乡镇配送中心 */
export type FacilityKindKey = (typeof FACILITY_KINDS)[number];

/** A county public service centre, county warehouse or township distribution centre (S1, S3, S4). */
export type FacilityTable = {
  id: string;
  county_code: string;
  /** 设施编号 */
  facility_no: string;
  kind: FacilityKindKey;
  name: string;
  /** 9-digit township code (township centres; optional for county facilities). */
  township_code: string | null;
  area_tenths: number | null;
  equipment_json: string;
  /** JSON array of rooms {name, areaTenths|null} (功能室, the county centre's S3 rooms). */
  rooms_json: string;
  /** 标识: the sign “电子商务进农村综合示范项目”. */
  has_sign: number;
  is_centrally_funded: number;
  /** Opening (or completion) date YYYY-MM-DD. */
  opened_on: string | null;
  closed_on: string | null;
  manager: string | null;
  status: NetworkStatus;
  /** 物流线路 and 物流企业: one centrally funded company per route (F9). */
  logistics_route: string | null;
  logistics_company: string | null;
  is_demo: number;
  created_at: string;
  updated_at: string;
};

/** Whether a township has an express outlet (快递网点, rule S7). */
export type TownshipExpressTable = {
  county_code: string;
  township_code: string;
  has_express_outlet: number;
  is_demo: number;
  updated_at: string;
};

/** A photo of a station or facility (stored in the file store under a generated name). */
export type NetworkPhotoTable = {
  id: string;
  county_code: string;
  owner_kind: "station" | "facility";
  owner_id: string;
  /** Relative path in the file store. */
  file_path: string;
  /** The uploader's file name, made display-safe. */
  file_name: string;
  content_type: string;
  bytes: number;
  sha256: string;
  caption: string;
  uploaded_by: string;
  uploaded_at: string;
};

export type NetworkTables = {
  villages: VillageTable;
  stations: StationTable & StationHoursColumns & StationOperatorColumns;
  facilities: FacilityTable;
  township_express: TownshipExpressTable;
  network_photos: NetworkPhotoTable;
};
