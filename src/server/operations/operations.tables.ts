/**
 * Tables of the station operations domain (站点运营、物流): raw rows as they arrive (ingest API,
 * 站点月报 and 物流 sheets), rollups per station per day and per month maintained in the same
 * transaction as the rows, the county's benchmark fees, and the machines' API tokens.
 *
 * Stations are keyed by `county_code` + `station_code` (the 站点编号 text, unique within a county),
 * not by the network domain's station ids: data may arrive before the station is registered.
 * Every table leads with `county_code`, the distribution column at national scale.
 */
import type { Direction, OrderKind } from "../../rules/operations";
import type { DataQualityKind, DataQualityStatus } from "../../rules/operations-quality";

/** Where a figure came from: the county workbook (人工月报) or machines (ingest API, 智能日报). */
export type FigureSource = "workbook" | "ingest";

/**
 * A station's month (站点月报). One row per source: the workbook row as typed, and the rollup of
 * everything machines sent for that month. KPIs prefer the machines' figure where they sent one.
 */
export type StationMonthTable = {
  county_code: string;
  station_code: string;
  /** YYYY-MM */
  month: string;
  source: FigureSource;
  /** 代购单数: agency-purchase orders (O2). */
  orders: number;
  /** 交易额 in fen (O2). */
  amount_fen: number;
  /** 上线率 as typed (workbook); null for machine rows, whose rate comes from online_minutes. */
  online_rate_bp: number | null;
  /** Machine rows: raw order records rolled in (0 = the machines said nothing about orders). */
  order_records: number;
  /** Machine rows: device online minutes rolled in, and how many uptime records. */
  online_minutes: number;
  uptime_records: number;
  /** Machine rows: the first day of the month with an uptime record (O1 expected days). */
  first_uptime_day: string | null;
  is_demo: number;
  updated_at: string;
};

/** The machines' figures per station per day (rollup of ingest_orders and ingest_uptime). */
export type StationDayTable = {
  county_code: string;
  station_code: string;
  day: string;
  orders: number;
  amount_fen: number;
  order_records: number;
  online_minutes: number;
  uptime_records: number;
};

/** One order record as a machine sent it (代购/代卖/代收代缴/助农取款 …), idempotent by source id. */
export type IngestOrderTable = {
  county_code: string;
  source_id: string;
  station_code: string;
  kind: OrderKind;
  amount_fen: number;
  platform: string | null;
  /** China-time instant YYYY-MM-DDTHH:mm:ss+08:00, and its day. */
  ordered_at: string;
  day: string;
  token_id: string | null;
  received_at: string;
};

/** One device-day of uptime as a data manager reported it, idempotent by source id. */
export type IngestUptimeTable = {
  county_code: string;
  source_id: string;
  station_code: string;
  day: string;
  online_minutes: number;
  token_id: string | null;
  received_at: string;
};

/** One shipment event as a courier system sent it, idempotent by source id. */
export type ShipmentEventTable = {
  county_code: string;
  source_id: string;
  waybill: string;
  station_code: string;
  carrier: string;
  direction: Direction;
  dispatched_at: string;
  delivered_at: string | null;
  fee_fen: number | null;
  weight_grams: number | null;
  token_id: string | null;
  received_at: string;
};

/** The delivery ledger (物流台账): one row per waybill, its latest known state. */
export type ShipmentTable = {
  county_code: string;
  /** 运单号, unique within the county. */
  waybill: string;
  station_code: string;
  /** 快递企业 */
  carrier: string;
  direction: Direction;
  dispatched_at: string;
  /** YYYY-MM of dispatch: the month the shipment counts in. */
  dispatched_month: string;
  dispatched_day: string;
  delivered_at: string | null;
  /** Whole seconds from dispatch to delivery; null while in transit. */
  delivery_seconds: number | null;
  fee_fen: number | null;
  weight_grams: number | null;
  source: FigureSource;
  /** The workbook file, or the source id of the latest machine event. */
  source_ref: string | null;
  is_demo: number;
  updated_at: string;
};

/** Shipments per station, dispatch month, direction and carrier (rollup of shipments). */
export type ShipmentMonthTable = {
  county_code: string;
  station_code: string;
  month: string;
  direction: Direction;
  carrier: string;
  shipments: number;
  delivered: number;
};

/** Delivered shipments per delivery-day bucket (rollup of shipments; O3 distribution). */
export type DeliveryBucketTable = {
  county_code: string;
  station_code: string;
  month: string;
  direction: Direction;
  /** ceil(delivery time ÷ 24 h), capped at 31 (see rules deliveryDayBucket). */
  days: number;
  shipments: number;
};

/** Upward shipments with a fee, per weight class (rollup of shipments; O3 fee comparison). */
export type UpwardFeeMonthTable = {
  county_code: string;
  station_code: string;
  month: string;
  weight_class: string;
  shipments: number;
  fee_fen: number;
};

/** The county's benchmark upward fee per weight class: the mainstream platforms' price (O3). */
export type FeeBenchmarkTable = {
  county_code: string;
  weight_class: string;
  fee_fen: number;
  /** Where the benchmark comes from (e.g. 某平台 2018 年县域报价). */
  note: string;
  is_demo: number;
  updated_at: string;
};

/** A per-device or per-contractor token for the ingest API; only its sha256 is stored. */
export type IngestTokenTable = {
  id: string;
  county_code: string;
  name: string;
  token_hash: string;
  /** The token's last 4 characters, so an administrator can tell tokens apart. */
  token_hint: string;
  /** JSON array of kinds it may send (orders, shipments, uptime); null = all. */
  kinds_json: string | null;
  /** JSON array of 站点编号 it may send for; null = every station of the county. */
  station_codes_json: string | null;
  /** The contractor organization holding it (承办企业), if a contractor's; a K2 handover moves these. */
  organization_id: string | null;
  created_by: string | null;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
};

/** A data-quality flag (数据质量问题, E5 evidence): one problem the scan found, open until explained. */
export type DataQualityFlagTable = {
  id: string;
  county_code: string;
  kind: DataQualityKind;
  /** The finding's stable identity within county and kind (rules operations-quality.ts). */
  subject: string;
  station_code: string | null;
  /** YYYY-MM-DD or YYYY-MM */
  period: string;
  status: DataQualityStatus;
  summary_zh: string;
  summary_en: string;
  measures_json: string;
  /** JSON array of the rows behind the flag (source ids, months), at most MAX_FLAG_REFS. */
  refs_json: string;
  /** How many rows are behind it in all. */
  ref_count: number;
  detected_at: string;
  updated_at: string;
  resolved_at: string | null;
  /** The county administrator's user id (null when the scan closed it: the data changed). */
  resolved_by: string | null;
  resolved_by_name: string | null;
  /** The written reason (核实说明). */
  resolution: string | null;
};

/** Per county: bumped by every write the flags depend on; the scan records the version it saw. */
export type DataQualityScanTable = {
  county_code: string;
  data_version: number;
  scanned_version: number;
  scanned_at: string | null;
};

/** A shipment record the ingest API refused because it was signed for before its dispatch. */
export type RefusedShipmentEventTable = {
  county_code: string;
  source_id: string;
  waybill: string;
  station_code: string;
  carrier: string;
  direction: Direction;
  dispatched_at: string;
  /** Earlier than dispatched_at. */
  delivered_at: string;
  /** The reason given to the sender, in Chinese. */
  reason: string;
  token_id: string | null;
  received_at: string;
};

export type OperationsTables = {
  station_months: StationMonthTable;
  station_days: StationDayTable;
  ingest_orders: IngestOrderTable;
  ingest_uptime: IngestUptimeTable;
  shipment_events: ShipmentEventTable;
  shipments: ShipmentTable;
  shipment_months: ShipmentMonthTable;
  delivery_buckets: DeliveryBucketTable;
  upward_fee_months: UpwardFeeMonthTable;
  fee_benchmarks: FeeBenchmarkTable;
  ingest_tokens: IngestTokenTable;
  data_quality_flags: DataQualityFlagTable;
  data_quality_scans: DataQualityScanTable;
  refused_shipment_events: RefusedShipmentEventTable;
};
