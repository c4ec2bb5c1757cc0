/**
 * Reads of a transparency column (T1–T4): its settings, entries, projects and documents, with each
 * project's progress taken from the platform's own data when that is newer — the latest approved
 * monthly report that lists a project of the same name.
 */
import type { Kysely } from "kysely";
import type { MonthlyReportContent } from "../../../rules/reporting";
import type { ColumnSnapshot } from "../../../rules/transparency";
import type { Database } from "../../platform/db/schema";
import type { ColumnDocumentTable } from "../reporting.tables";
import { parseJson, reportingDb } from "../reporting-db";

export type ColumnDocument = {
  id: string;
  title: string;
  url: string | null;
  fileName: string | null;
  fileBytes: number | null;
  sha256: string | null;
  hasFile: boolean;
  publishedOn: string | null;
  isDemo: boolean;
  /** The day it was put in the column (China time). */
  createdOn: string;
};

export type ColumnEntry = {
  id: string;
  itemKey: string;
  title: string;
  body: string;
  publishedOn: string | null;
  documents: ColumnDocument[];
  isDemo: boolean;
  updatedAt: string;
  createdOn: string;
};

export type ColumnProject = {
  id: string;
  name: string;
  content: string;
  contractorName: string;
  subsidyFen: number | null;
  deadline: string | null;
  performanceTargets: string;
  countyResponsible: string;
  contractorResponsible: string;
  /** 合同编号 of the contract it publishes (E2). */
  contractNo: string | null;
  /** The progress shown: the column's own or the platform's, whichever was published later. */
  progressBp: number | null;
  progressText: string;
  progressUpdatedOn: string | null;
  progressSource: "column" | "monthly_report" | null;
  sortOrder: number;
  documents: ColumnDocument[];
  isDemo: boolean;
  updatedAt: string;
  createdOn: string;
};

export type Column = {
  regionCode: string;
  supervisionPhone: string | null;
  intro: string;
  updatedAt: string | null;
  entries: ColumnEntry[];
  projects: ColumnProject[];
};

const documentView = (d: ColumnDocumentTable): ColumnDocument => ({
  id: d.id,
  title: d.title,
  url: d.url,
  fileName: d.file_name,
  fileBytes: d.file_bytes === null ? null : Number(d.file_bytes),
  sha256: d.file_sha256,
  hasFile: d.file_path !== null,
  publishedOn: d.published_on,
  isDemo: d.is_demo === 1,
  createdOn: d.created_at.slice(0, 10),
});

/** The latest approved monthly progress per project name in the county, with the report's period end. */
async function platformProgress(
  kdb: Kysely<Database>,
  countyCode: string,
): Promise<Map<string, { bp: number; on: string }>> {
  const rows = await reportingDb(kdb)
    .selectFrom("reporting_reports")
    .select(["period", "content_json", "approved_at"])
    .where("county_code", "=", countyCode)
    .where("kind", "=", "monthly")
    .where("status", "=", "approved")
    .orderBy("period")
    .execute();
  const progress = new Map<string, { bp: number; on: string }>();
  for (const r of rows) {
    const on = (r.approved_at ?? "").slice(0, 10);
    for (const p of parseJson<MonthlyReportContent>(r.content_json, { projects: [] } as never).projects ??
      []) {
      const name = p.name.trim();
      const known = progress.get(name);
      if (!known || on >= known.on) progress.set(name, { bp: p.progressBp, on });
    }
  }
  return progress;
}

export async function loadColumn(kdb: Kysely<Database>, regionCode: string): Promise<Column> {
  const rdb = reportingDb(kdb);
  const settings = await rdb
    .selectFrom("transparency_columns")
    .selectAll()
    .where("region_code", "=", regionCode)
    .executeTakeFirst();
  const entries = await rdb
    .selectFrom("transparency_entries")
    .selectAll()
    .where("region_code", "=", regionCode)
    .orderBy("item_key")
    .orderBy("published_on")
    .orderBy("created_at")
    .execute();
  const projects = await rdb
    .selectFrom("transparency_projects")
    .selectAll()
    .where("region_code", "=", regionCode)
    .orderBy("sort_order")
    .orderBy("created_at")
    .execute();
  const documents = await rdb
    .selectFrom("transparency_documents")
    .selectAll()
    .where("region_code", "=", regionCode)
    .orderBy("published_on")
    .orderBy("created_at")
    .execute();
  const docsOf = (kind: "entry" | "project", id: string) =>
    documents.filter((d) => d.owner_kind === kind && d.owner_id === id).map(documentView);
  const fromReports = regionCode.length === 6 ? await platformProgress(kdb, regionCode) : new Map();
  return {
    regionCode,
    supervisionPhone: settings?.supervision_phone ?? null,
    intro: settings?.intro ?? "",
    updatedAt: settings?.updated_at ?? null,
    entries: entries.map((e) => ({
      id: e.id,
      itemKey: e.item_key,
      title: e.title,
      body: e.body,
      publishedOn: e.published_on,
      documents: docsOf("entry", e.id),
      isDemo: e.is_demo === 1,
      updatedAt: e.updated_at,
      createdOn: e.created_at.slice(0, 10),
    })),
    projects: projects.map((p) => {
      const reported = fromReports.get(p.name.trim());
      const useReport = reported && (!p.progress_updated_on || reported.on > p.progress_updated_on);
      return {
        id: p.id,
        name: p.name,
        content: p.content,
        contractorName: p.contractor_name,
        subsidyFen: p.subsidy_fen === null ? null : Number(p.subsidy_fen),
        deadline: p.deadline,
        performanceTargets: p.performance_targets,
        countyResponsible: p.county_responsible,
        contractorResponsible: p.contractor_responsible,
        contractNo: p.contract_no ?? null,
        progressBp: useReport ? reported.bp : p.progress_bp,
        progressText: p.progress_text,
        progressUpdatedOn: useReport ? reported.on : p.progress_updated_on,
        progressSource: useReport ? "monthly_report" : p.progress_updated_on ? "column" : null,
        sortOrder: Number(p.sort_order),
        documents: docsOf("project", p.id),
        isDemo: p.is_demo === 1,
        updatedAt: p.updated_at,
        createdOn: p.created_at.slice(0, 10),
      };
    }),
  };
}

/** The column in the shape the T1–T4 check reads. */
export function columnSnapshot(column: Column): ColumnSnapshot {
  const docs = (list: ColumnDocument[]) =>
    list.map((d) => ({ title: d.title, url: d.url, hasFile: d.hasFile }));
  return {
    scope: column.regionCode.length === 6 ? "county" : "province",
    supervisionPhone: column.supervisionPhone,
    entries: column.entries.map((e) => ({
      key: e.itemKey as ColumnSnapshot["entries"][number]["key"],
      body: e.body,
      documents: docs(e.documents),
    })),
    projects: column.projects.map((p) => ({ ...p, documents: docs(p.documents) })),
  };
}

/**
 * The column as it stood at the end of `asOf` (E2 is judged as of the date): entries, projects
 * and documents put in or published later are left out. Edits are not versioned, so a row that
 * existed then counts with its present content.
 */
export function columnAsOf(column: Column, asOf: string): Column {
  const by = (d: { publishedOn?: string | null; createdOn: string }) =>
    (d.publishedOn ?? d.createdOn) <= asOf;
  const docs = (list: ColumnDocument[]) => list.filter(by);
  return {
    ...column,
    entries: column.entries.filter(by).map((e) => ({ ...e, documents: docs(e.documents) })),
    projects: column.projects
      .filter((p) => p.createdOn <= asOf)
      .map((p) => ({ ...p, documents: docs(p.documents) })),
  };
}
