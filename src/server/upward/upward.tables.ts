/**
 * Tables of the upward domain (农村产品上行): training and poor households, the product catalogue,
 * incubated shops, traceability. Every row is county-owned (`county_code`); `is_demo` marks the
 * synthetic demo data set.
 */

/** 贫困户 sheet: a registered poor household (建档立卡贫困户). */
export type PoorHouseholdTable = {
  id: string;
  county_code: string;
  /** 户编号, or its keyed hash when an ID-card number was pasted (see person-pseudonym.ts). */
  code: string;
  /** What screens show for `code`: as given, or masked. */
  code_label: string;
  village_code: string;
  /** 人口: members of the household. */
  members: number;
  is_demo: number;
  created_at: string;
  updated_at: string;
};

/** 培训 sheet: one row is one person-time (人次) of one course. */
export type TrainingAttendanceTable = {
  id: string;
  county_code: string;
  /** 培训编号 */
  course_code: string;
  date: string;
  /** basic | value_added (基础普及 / 增值培训) */
  category: string;
  /** The person's stable pseudonymous id: an ID-card number's HMAC, or the id as given. */
  person_key: string;
  /** What screens show: the masked ID number (1305**********123X) or the id as given. */
  person_label: string;
  is_poor: number;
  /** 户编号 of a registered poor household of the county (its key form, as poor_households.code). */
  household_code: string | null;
  is_demo: number;
  created_at: string;
  updated_at: string;
};

/** Course details beyond the 培训 sheet: title, audience, institution, hours (O8). */
export type TrainingCourseTable = {
  id: string;
  county_code: string;
  code: string;
  title: string;
  /** JSON array of TRAINING_AUDIENCES keys. */
  audiences: string;
  institution: string;
  start_date: string | null;
  end_date: string | null;
  /** Class hours (学时), in tenths so that 1.5 hours stays an integer. */
  hours_tenths: number | null;
  is_demo: number;
  created_at: string;
  updated_at: string;
};

/** After-training service (培训后服务, O8): a visit, coaching, incubation, start-up or job of a trainee. */
export type TrainingFollowupTable = {
  id: string;
  county_code: string;
  person_key: string;
  person_label: string;
  date: string;
  /** FOLLOWUP_KINDS key */
  kind: string;
  note: string;
  is_demo: number;
  created_at: string;
};

/** 农产品摸底: the county's survey of local products (a document on file). */
export type ProductSurveyTable = {
  id: string;
  county_code: string;
  title: string;
  surveyed_on: string;
  /** Where the document is: archive number, file name or address. */
  document_ref: string;
  is_demo: number;
  created_at: string;
  updated_at: string;
};

/** A local product found by the survey: volume and season. */
export type LocalProductTable = {
  id: string;
  county_code: string;
  name: string;
  category: string;
  annual_volume: number;
  volume_unit: string;
  /** Months of supply, 1–12; from > to wraps over the new year. */
  season_from: number;
  season_to: number;
  township_code: string | null;
  is_demo: number;
  created_at: string;
  updated_at: string;
};

export type BrandTable = {
  id: string;
  county_code: string;
  name: string;
  /** 县域公共品牌 */
  is_regional: number;
  owner: string;
  /** 商标注册号 */
  trademark_no: string | null;
  registered_on: string | null;
  is_demo: number;
  created_at: string;
  updated_at: string;
};

/** 单品: a product developed for online sale. */
export type DevelopedProductTable = {
  id: string;
  county_code: string;
  name: string;
  brand_id: string | null;
  /** 执行标准, e.g. a circulation standard's number or a national standard. */
  standard: string;
  packaging: string;
  grade: string;
  price_fen: number;
  /** Sales unit the price is for, e.g. 500克/袋. */
  unit: string;
  launched_on: string | null;
  is_demo: number;
  created_at: string;
  updated_at: string;
};

/** 农产品流通标准 */
export type CirculationStandardTable = {
  id: string;
  county_code: string;
  number: string;
  title: string;
  issued_on: string;
  document_ref: string;
  is_demo: number;
  created_at: string;
  updated_at: string;
};

export type PlatformListingTable = {
  id: string;
  county_code: string;
  product_id: string | null;
  /** PLATFORMS key; `other` names itself in platform_name. */
  platform: string;
  platform_name: string | null;
  shop_name: string;
  shop_url: string;
  monthly_sales_fen: number;
  listed_on: string | null;
  is_demo: number;
  created_at: string;
  updated_at: string;
};

/** 孵化网店 (O6): an online shop the program helped open. */
export type IncubatedShopTable = {
  id: string;
  county_code: string;
  name: string;
  /** JSON array of OWNER_CATEGORIES keys. */
  owner_categories: string;
  platform: string;
  platform_name: string | null;
  shop_url: string;
  opened_on: string;
  /** JSON array of SHOP_SERVICES keys. */
  services: string;
  monthly_transactions_fen: number;
  annual_transactions_fen: number;
  is_demo: number;
  created_at: string;
  updated_at: string;
};

/** An enterprise of the county in a traceability system (O7). */
export type TraceEnterpriseTable = {
  id: string;
  county_code: string;
  name: string;
  /** 统一社会信用代码 */
  credit_code: string | null;
  system_name: string;
  joined_on: string;
  /** Annual sales of traced products, fen. */
  sales_fen: number;
  is_demo: number;
  created_at: string;
  updated_at: string;
};

/** Where events happen: a planting base, a plant, a warehouse (EPCIS readPoint / bizLocation). */
export type TraceSiteTable = {
  id: string;
  county_code: string;
  enterprise_id: string;
  name: string;
  /** base | plant | warehouse | other */
  kind: string;
  /** 12-digit village code of the county, when the site lies in one. */
  village_code: string | null;
  is_demo: number;
  created_at: string;
  updated_at: string;
};

/** A lot (批次) with its public trace code. */
export type TraceBatchTable = {
  id: string;
  county_code: string;
  enterprise_id: string;
  product_id: string | null;
  product_name: string;
  /** 批号 */
  lot: string;
  /** Public trace code (/t/{code}): unique across counties. */
  code: string;
  quantity: number;
  /** TRACE_UNITS key */
  unit: string;
  is_demo: number;
  created_at: string;
};

/**
 * An EPCIS event of a batch. Append-only: a correction is a new row declaring an earlier event
 * erroneous (`voids_event_id`, EPCIS errorDeclaration) — the same eventID with the declaration —
 * plus, when there is one, a corrective event.
 */
export type TraceEventTable = {
  id: string;
  county_code: string;
  batch_id: string;
  /** EPCIS eventID: urn:uuid:… of the original event (a declaration repeats its original's). */
  epcis_event_id: string;
  /** TRACE_STEPS key */
  step: string;
  /** ISO date-time with +08:00 */
  event_time: string;
  site_id: string | null;
  /** Quantity of this batch's lot the event concerns (output of a processing step). */
  quantity: number | null;
  unit: string | null;
  /** TransformationEvent inputs: JSON [{batchId, quantity, unit}]. */
  inputs: string | null;
  /** Inspections: JSON {item, result: pass|fail, agency, reportNo}. */
  inspection: string | null;
  /** Kept for the county's own records; never shown publicly (it may name people). */
  note: string;
  /** Set on an error declaration: the event it declares erroneous. */
  voids_event_id: string | null;
  /** did_not_occur | incorrect_data */
  error_reason: string | null;
  /** JSON array of corrective events' ids (rows of this table). */
  corrective_event_ids: string | null;
  recorded_at: string;
  is_demo: number;
};

export type UpwardTables = {
  poor_households: PoorHouseholdTable;
  training_attendances: TrainingAttendanceTable;
  training_courses: TrainingCourseTable;
  training_followups: TrainingFollowupTable;
  product_surveys: ProductSurveyTable;
  local_products: LocalProductTable;
  brands: BrandTable;
  developed_products: DevelopedProductTable;
  circulation_standards: CirculationStandardTable;
  platform_listings: PlatformListingTable;
  incubated_shops: IncubatedShopTable;
  trace_enterprises: TraceEnterpriseTable;
  trace_sites: TraceSiteTable;
  trace_batches: TraceBatchTable;
  trace_events: TraceEventTable;
};
