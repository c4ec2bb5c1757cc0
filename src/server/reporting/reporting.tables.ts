/**
 * Tables of the reporting domain: information liaisons (R4), monthly and annual reports with their
 * approval history (R2), generated daily reports, entry exceptions, settings, the delivery log of
 * the ministry export, and the public transparency column with its message windows (T1–T4).
 *
 * Transparency rows carry `region_code`: a county's code, or the province's (13) for the provincial
 * zone (省级专区), which publishes its own selection items and windows.
 */
import type { ApprovalLevel, ReporterKind, ReportKind, ReportStatus } from "../../rules/reporting";

/** 信息联络员: one for the county authority, one per contractor (R4). */
export type LiaisonTable = {
  id: string;
  county_code: string;
  role: "authority" | "contractor";
  /** The reporter this liaison stands for: "county", or the contractor's stable key. */
  reporter_key: string;
  /** The contractor's registered organization, when it is one. */
  organization_id: string | null;
  /** 单位名称: the county department or the contractor. */
  organization_name: string;
  name: string;
  position: string;
  phone: string;
  email: string | null;
  /** First and last month the contractor reports for (YYYY-MM). */
  reports_from: string | null;
  reports_until: string | null;
  is_demo: number;
  created_at: string;
  updated_at: string;
};

/** The filing of a county's liaison list with the provincial department (M3). */
export type LiaisonFilingTable = {
  county_code: string;
  filed_on: string;
  filed_at: string;
  filed_by: string;
  /** The list as filed (JSON), so later edits do not rewrite what was filed. */
  list_json: string;
  is_demo: number;
};

/** 人工月报 / 年报 of one reporter for one period. */
export type ReportTable = {
  id: string;
  county_code: string;
  kind: ReportKind;
  /** YYYY-MM (monthly) or YYYY (annual). */
  period: string;
  reporter_key: string;
  reporter_kind: ReporterKind;
  reporter_name: string;
  status: ReportStatus;
  pending_level: ApprovalLevel | null;
  /** MonthlyReportContent or AnnualReportContent as JSON. */
  content_json: string;
  /** Increases with every change: writes carry the version they read (optimistic locking). */
  version: number;
  due_on: string;
  first_submitted_on: string | null;
  first_submitted_at: string | null;
  submitted_at: string | null;
  approved_at: string | null;
  /** The last return or reopening comment. */
  last_comment: string | null;
  is_demo: number;
  created_at: string;
  updated_at: string;
};

/** Every transition of a report (also audited): the history the approver and reporter see. */
export type ReportEventTable = {
  id: string;
  report_id: string;
  county_code: string;
  /** created | saved | submitted | approved | returned | reopened */
  action: string;
  level: ApprovalLevel | null;
  actor_name: string;
  comment: string | null;
  status_after: ReportStatus;
  at: string;
};

/** 智能日报: generated from the stations' operations data, no human step. */
export type DailyReportTable = {
  id: string;
  county_code: string;
  date: string;
  stations: number;
  orders: number;
  amount_fen: number;
  shipments: number;
  online_minutes: number;
  online_rate_bp: number;
  stations_online: number;
  lines_json: string;
  generated_at: string;
  is_demo: number;
};

/** A per-county exception to entry closing, granted by the province. */
export type EntryExceptionTable = {
  id: string;
  county_code: string;
  kind: ReportKind;
  period: string;
  open_until: string;
  reason: string;
  granted_by: string;
  created_at: string;
  revoked_at: string | null;
};

/** Province-changed readings (ReportingSettings, TransparencySettings) as JSON by key. */
export type ReportingSettingTable = {
  key: string;
  value_json: string;
  updated_by: string;
  updated_at: string;
};

/** The outbound delivery log of approved reports (ReportSink), one row per sink and idempotency key. */
export type ReportDeliveryTable = {
  id: string;
  report_id: string;
  county_code: string;
  /** file | http */
  sink: string;
  /** Where: a directory or a URL. */
  target: string;
  idempotency_key: string;
  /** The envelope as approved, sent as is on every attempt. */
  payload_json: string;
  /** pending | sending | delivered | failed */
  status: string;
  attempts: number;
  last_http_status: number | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  delivered_at: string | null;
};

/** A column's own settings: the supervision telephone (T2) and an introduction. */
export type ColumnTable = {
  region_code: string;
  supervision_phone: string | null;
  intro: string;
  is_demo: number;
  updated_by: string;
  updated_at: string;
};

/** A column-level entry: implementation plan, decision process, selection method/process/result. */
export type ColumnEntryTable = {
  id: string;
  region_code: string;
  item_key: string;
  title: string;
  body: string;
  published_on: string | null;
  is_demo: number;
  created_at: string;
  updated_at: string;
};

/** A project of the special fund (专项资金使用情况) with the T1 fields. */
export type ColumnProjectTable = {
  id: string;
  region_code: string;
  name: string;
  content: string;
  contractor_name: string;
  subsidy_fen: number | null;
  deadline: string | null;
  performance_targets: string;
  county_responsible: string;
  contractor_responsible: string;
  /** 合同编号 of the contract this project publishes (E2); null for a project not linked to one. */
  contract_no: string | null;
  progress_bp: number | null;
  progress_text: string;
  progress_updated_on: string | null;
  sort_order: number;
  is_demo: number;
  created_at: string;
  updated_at: string;
};

/** A document of an entry or a project: a link, or an uploaded file in the file store. */
export type ColumnDocumentTable = {
  id: string;
  region_code: string;
  owner_kind: "entry" | "project";
  owner_id: string;
  title: string;
  url: string | null;
  file_path: string | null;
  file_name: string | null;
  file_sha256: string | null;
  file_bytes: number | null;
  content_type: string | null;
  published_on: string | null;
  is_demo: number;
  created_at: string;
};

/** A comment or a complaint from the public windows (T2). */
export type PublicMessageTable = {
  id: string;
  region_code: string;
  kind: "comment" | "complaint";
  /** What the citizen looks the message up by; unguessable. */
  tracking_no: string;
  subject: string;
  body: string;
  /** Optional, shown only to the handling officers, never on public pages. */
  contact_name: string | null;
  contact_phone: string | null;
  /** received | processing | replied | closed */
  status: string;
  /** A comment and its reply may be published in the column by the county. */
  is_published: number;
  reply: string | null;
  replied_by: string | null;
  replied_at: string | null;
  submitted_at: string;
  /** When the first reply or closing happened: the handling time the province watches. */
  handled_at: string | null;
  is_demo: number;
};

export type ReportingTables = {
  reporting_liaisons: LiaisonTable;
  reporting_liaison_filings: LiaisonFilingTable;
  reporting_reports: ReportTable;
  reporting_report_events: ReportEventTable;
  reporting_daily_reports: DailyReportTable;
  reporting_entry_exceptions: EntryExceptionTable;
  reporting_settings: ReportingSettingTable;
  reporting_deliveries: ReportDeliveryTable;
  transparency_columns: ColumnTable;
  transparency_entries: ColumnEntryTable;
  transparency_projects: ColumnProjectTable;
  transparency_documents: ColumnDocumentTable;
  transparency_messages: PublicMessageTable;
};
