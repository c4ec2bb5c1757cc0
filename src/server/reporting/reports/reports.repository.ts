/** Reads of monthly and annual reports, their history and the entry exceptions that apply. */
import type { Kysely } from "kysely";
import type {
  AnnualReportContent,
  ApprovalLevel,
  MonthlyReportContent,
  ReceivedReport,
  ReporterKind,
  ReportKind,
  ReportStatus,
} from "../../../rules/reporting";
import type { Database } from "../../platform/db/schema";
import type { ReportTable } from "../reporting.tables";
import { parseJson, reportingDb } from "../reporting-db";

export type ReportRecord = {
  id: string;
  countyCode: string;
  kind: ReportKind;
  period: string;
  reporterKey: string;
  reporterKind: ReporterKind;
  reporterName: string;
  status: ReportStatus;
  pendingLevel: ApprovalLevel | null;
  content: MonthlyReportContent | AnnualReportContent;
  version: number;
  dueOn: string;
  firstSubmittedOn: string | null;
  submittedAt: string | null;
  approvedAt: string | null;
  lastComment: string | null;
  isDemo: boolean;
  createdAt: string;
  updatedAt: string;
};

export function reportRecord(row: ReportTable): ReportRecord {
  return {
    id: row.id,
    countyCode: row.county_code,
    kind: row.kind,
    period: row.period,
    reporterKey: row.reporter_key,
    reporterKind: row.reporter_kind,
    reporterName: row.reporter_name,
    status: row.status,
    pendingLevel: row.pending_level,
    content: parseJson(row.content_json, {} as MonthlyReportContent),
    version: Number(row.version),
    dueOn: row.due_on,
    firstSubmittedOn: row.first_submitted_on,
    submittedAt: row.submitted_at,
    approvedAt: row.approved_at,
    lastComment: row.last_comment,
    isDemo: row.is_demo === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export type ReportFilter = {
  countyCode: string;
  kind?: ReportKind;
  reporterKey?: string;
  status?: ReportStatus;
  /** Periods starting with this text: a year "2018" lists its months and the annual report. */
  periodPrefix?: string;
};

export async function listReportRows(kdb: Kysely<Database>, filter: ReportFilter): Promise<ReportTable[]> {
  let query = reportingDb(kdb)
    .selectFrom("reporting_reports")
    .selectAll()
    .where("county_code", "=", filter.countyCode);
  if (filter.kind) query = query.where("kind", "=", filter.kind);
  if (filter.reporterKey) query = query.where("reporter_key", "=", filter.reporterKey);
  if (filter.status) query = query.where("status", "=", filter.status);
  if (filter.periodPrefix) query = query.where("period", "like", `${filter.periodPrefix}%`);
  return query.orderBy("period", "desc").orderBy("kind").orderBy("reporter_name").execute();
}

export async function getReportRow(
  kdb: Kysely<Database>,
  countyCode: string,
  id: string,
): Promise<ReportTable | undefined> {
  return reportingDb(kdb)
    .selectFrom("reporting_reports")
    .selectAll()
    .where("id", "=", id)
    .where("county_code", "=", countyCode)
    .executeTakeFirst();
}

/** What counting needs of every report of the counties given. */
export async function receivedReports(
  kdb: Kysely<Database>,
  countyCodes: readonly string[],
): Promise<(ReceivedReport & { countyCode: string })[]> {
  if (countyCodes.length === 0) return [];
  const rows = await reportingDb(kdb)
    .selectFrom("reporting_reports")
    .select(["county_code", "reporter_key", "kind", "period", "status", "first_submitted_on"])
    .where("county_code", "in", [...countyCodes])
    .execute();
  return rows.map((r) => ({
    countyCode: r.county_code,
    reporterKey: r.reporter_key,
    kind: r.kind,
    period: r.period,
    status: r.status,
    firstSubmittedOn: r.first_submitted_on,
  }));
}

export type ReportEvent = {
  action: string;
  level: ApprovalLevel | null;
  actorName: string;
  comment: string | null;
  statusAfter: ReportStatus;
  at: string;
};

export async function listReportEvents(kdb: Kysely<Database>, reportId: string): Promise<ReportEvent[]> {
  const rows = await reportingDb(kdb)
    .selectFrom("reporting_report_events")
    .selectAll()
    .where("report_id", "=", reportId)
    .orderBy("at")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    action: r.action,
    level: r.level,
    actorName: r.actor_name,
    comment: r.comment,
    statusAfter: r.status_after,
    at: r.at,
  }));
}

/** The latest day an unrevoked exception keeps entry open for this county and period, if any. */
export async function entryExceptionUntil(
  kdb: Kysely<Database>,
  countyCode: string,
  kind: ReportKind,
  period: string,
): Promise<string | null> {
  const rows = await reportingDb(kdb)
    .selectFrom("reporting_entry_exceptions")
    .select("open_until")
    .where("county_code", "=", countyCode)
    .where("kind", "=", kind)
    .where("period", "=", period)
    .where("revoked_at", "is", null)
    .execute();
  return rows.reduce<string | null>(
    (max, r) => (max === null || r.open_until > max ? r.open_until : max),
    null,
  );
}
