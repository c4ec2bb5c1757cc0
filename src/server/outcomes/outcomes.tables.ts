/**
 * Tables of the outcomes domain (rules K3–K7, O9): year figures, poor households' sales, staff,
 * and the records of the leading group, inspections, publicity, enterprises and links. Every row
 * is county-owned (`county_code`); `is_demo` marks the synthetic demo data set. Money is fen
 * (bigint: read back through Number()), flags 0/1.
 */
type Roster = { id: string; county_code: string; is_demo: number; created_at: string; updated_at: string };

/** 年度指标: a county's figures of one year (D1, D2). */
export type YearFiguresTable = Roster & {
  year: number;
  transactions_fen: number | string;
  rural_retail_fen: number | string;
  agri_retail_fen: number | string;
  jobs: number;
  /** 来源文件: the statistics bureau's or the commerce bureau's document the figures come from. */
  source_document: string;
};

/** 贫困户销售: one registered poor household's online sales of one month (O9, D3). */
export type PoorHouseholdSaleTable = Roster & {
  /** Key form of 户编号, as poor_households.code of the upward domain. */
  household_code: string;
  household_label: string;
  /** YYYY-MM */
  month: string;
  quantity: number | string;
  amount_fen: number | string;
  income_gain_fen: number | string;
};

export type FacilityStaffTable = Roster & {
  /** FACILITY_KINDS key */
  facility_kind: string;
  /** 设施编号 or 站点编号 */
  facility_code: string;
  /** Keyed hash of an ID-card number, or the id as given (see upward/person-pseudonym.ts). */
  person_key: string;
  person_label: string;
  role: string;
  started_on: string;
  ended_on: string | null;
  is_poor: number;
};

export type LeadingGroupMemberTable = Roster & {
  name: string;
  position: string;
  /** GROUP_ROLES key */
  group_role: string;
  is_county_head: number;
};

export type JointMeetingTable = Roster & {
  held_on: string;
  title: string;
  attendees: string;
  minutes: string;
  decisions: number;
  decisions_followed_up: number;
  follow_up: string;
};

export type InspectionTable = Roster & {
  /** INSPECTION_KINDS key */
  kind: string;
  inspected_on: string;
  inspector: string;
  subject: string;
  findings: string;
  findings_open: number;
  /** Photo file names or links typed before photos were uploads (kept, shown as text). */
  photo_refs: string;
};

/** A photo of an inspection (C2): a file of the private store, served only to the county's readers. */
export type InspectionPhotoTable = {
  id: string;
  county_code: string;
  inspection_id: string;
  /** Relative path in the file store (platform/files); never sent to a client. */
  file_path: string;
  file_name: string;
  /** image/jpeg, image/png or image/webp, from the file's first bytes. */
  content_type: string;
  bytes: number | string;
  sha256: string;
  caption: string;
  uploaded_by: string;
  uploaded_at: string;
  is_demo: number;
};

export type TypicalCaseTable = Roster & {
  title: string;
  /** CASE_KINDS key */
  kind: string;
  summary: string;
  reported_on: string | null;
  /** Link or media name where it was publicised. */
  publicity: string;
};

export type ResearchReportTable = Roster & { title: string; published_on: string; column_url: string };

export type RecognitionTable = Roster & {
  /** RECOGNITION_KINDS key */
  kind: string;
  title: string;
  outlet: string;
  recognized_on: string;
  reference: string;
};

export type UpgradedEnterpriseTable = Roster & {
  name: string;
  /** ENTERPRISE_KINDS key */
  kind: string;
  has_inventory: number;
  has_purchasing: number;
  has_online_sales: number;
  has_statistics: number;
  upgraded_on: string;
  evidence: string;
};

export type MarketRecordTable = Roster & {
  /** MARKET_RECORD_KINDS key */
  kind: string;
  title: string;
  recorded_on: string;
  evidence: string;
};

export type PovertyChannelListingTable = Roster & {
  product: string;
  shop_name: string;
  url: string;
  listed_on: string;
};

export type DirectSupplyLinkTable = Roster & {
  base_name: string;
  community: string;
  products: string;
  cold_chain: number;
  started_on: string;
};

export type OutcomesTables = {
  year_figures: YearFiguresTable;
  poor_household_sales: PoorHouseholdSaleTable;
  facility_staff: FacilityStaffTable;
  leading_group_members: LeadingGroupMemberTable;
  joint_meetings: JointMeetingTable;
  inspections: InspectionTable;
  inspection_photos: InspectionPhotoTable;
  typical_cases: TypicalCaseTable;
  research_reports: ResearchReportTable;
  recognitions: RecognitionTable;
  upgraded_enterprises: UpgradedEnterpriseTable;
  market_records: MarketRecordTable;
  poverty_channel_listings: PovertyChannelListingTable;
  direct_supply_links: DirectSupplyLinkTable;
};
