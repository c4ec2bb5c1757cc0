/**
 * The export of a report for the Ministry of Commerce's rural e-commerce information system (R2):
 * a documented JSON envelope (schema: ministry-report.schema.json beside this file) and an .xlsx
 * workbook with the same content. Money is integer fen, shares basis points, as everywhere.
 */
import { createHash } from "node:crypto";
import ExcelJS from "exceljs";
import {
  type AnnualReportContent,
  FIGURE_NAMES,
  type MonthlyReportContent,
  REPORT_KIND_NAMES,
  REPORT_STATUS_NAMES,
} from "../../../rules/reporting";
import { neutraliseFormulaText } from "../../platform/workbook/formula-safe";
import type { ReportRecord } from "./reports.repository";

export const ENVELOPE_SCHEMA = "shifan.ministry-report.v1";

export type ReportEnvelope = {
  schema: typeof ENVELOPE_SCHEMA;
  /** Same report version → same key: the receiver drops a repeated delivery. */
  idempotencyKey: string;
  generatedAt: string;
  report: {
    id: string;
    version: number;
    county: { code: string; name: string };
    kind: ReportRecord["kind"];
    period: string;
    reporter: { kind: ReportRecord["reporterKind"]; name: string };
    status: ReportRecord["status"];
    dueOn: string;
    firstSubmittedOn: string | null;
    approvedAt: string | null;
    content: MonthlyReportContent | AnnualReportContent;
  };
};

/** sha256 of the report id and version, hex: stable across retries and restarts. */
export function reportIdempotencyKey(report: Pick<ReportRecord, "id" | "version">): string {
  return createHash("sha256").update(`${report.id}:${report.version}`).digest("hex");
}

export function reportEnvelope(
  report: ReportRecord,
  countyName: string,
  generatedAt: string,
): ReportEnvelope {
  const c = report.content as MonthlyReportContent & Partial<AnnualReportContent>;
  const content: MonthlyReportContent = {
    countyEcommerceFen: c.countyEcommerceFen ?? null,
    ruralOnlineRetailFen: c.ruralOnlineRetailFen ?? null,
    agriculturalOnlineRetailFen: c.agriculturalOnlineRetailFen ?? null,
    projects: (c.projects ?? []).map((p) => ({ ...p })),
    issues: c.issues ?? "",
  };
  return {
    schema: ENVELOPE_SCHEMA,
    idempotencyKey: reportIdempotencyKey(report),
    generatedAt,
    report: {
      id: report.id,
      version: report.version,
      county: { code: report.countyCode, name: countyName },
      kind: report.kind,
      period: report.period,
      reporter: { kind: report.reporterKind, name: report.reporterName },
      status: report.status,
      dueOn: report.dueOn,
      firstSubmittedOn: report.firstSubmittedOn,
      approvedAt: report.approvedAt,
      content:
        report.kind === "annual"
          ? {
              ...content,
              months: c.months ?? [],
              daily: c.daily ?? { days: 0, orders: 0, amountFen: 0, shipments: 0 },
              summary: c.summary ?? "",
            }
          : content,
    },
  };
}

/**
 * The download's name: 威县2018年10月人工月报（威县商务局）.xlsx, and its ASCII fallback for old
 * clients (report-2018-10-<id>.xlsx).
 */
export function reportFileName(
  envelope: ReportEnvelope,
  ext: "json" | "xlsx",
): { name: string; fallback: string } {
  const { report } = envelope;
  const [year, month] = report.period.split("-");
  const period = month ? `${year}年${Number(month)}月` : `${year}年度`;
  const name = `${report.county.name}${period}${REPORT_KIND_NAMES[report.kind].zh}（${report.reporter.name}）.${ext}`;
  return {
    name: name.replace(/[\\/:*?"<>|]/g, "_"),
    fallback: `report-${report.period}-${report.id}.${ext}`,
  };
}

const yuan = (fen: number | null | undefined) =>
  fen === null || fen === undefined ? "" : Number((fen / 100).toFixed(2));

/** The same report as a workbook: 报告 (header and figures) and 项目 (one row per project). */
export async function reportWorkbook(envelope: ReportEnvelope): Promise<Buffer> {
  const { report } = envelope;
  const wb = new ExcelJS.Workbook();
  wb.creator = "shifan";
  const head = wb.addWorksheet("报告");
  head.columns = [{ width: 24 }, { width: 48 }];
  const content = report.content as MonthlyReportContent & Partial<AnnualReportContent>;
  const rows: [string, string | number][] = [
    ["报告类型", REPORT_KIND_NAMES[report.kind].zh],
    ["报告期", report.period],
    ["示范县", `${report.county.name}（${report.county.code}）`],
    ["报送单位", report.reporter.name],
    ["状态", REPORT_STATUS_NAMES[report.status].zh],
    ["应报日期", report.dueOn],
    ["首次报送日期", report.firstSubmittedOn ?? ""],
    ["审核通过时间", report.approvedAt ?? ""],
    ["版本", report.version],
    [`${FIGURE_NAMES.countyEcommerceFen.zh}(元)`, yuan(content.countyEcommerceFen)],
    [`${FIGURE_NAMES.ruralOnlineRetailFen.zh}(元)`, yuan(content.ruralOnlineRetailFen)],
    [`${FIGURE_NAMES.agriculturalOnlineRetailFen.zh}(元)`, yuan(content.agriculturalOnlineRetailFen)],
    ["存在问题", content.issues ?? ""],
  ];
  if (report.kind === "annual" && content.daily) {
    rows.push(
      ["纳入月报", (content.months ?? []).join("、")],
      ["智能日报天数", content.daily.days],
      ["代购单数", content.daily.orders],
      ["交易额(元)", yuan(content.daily.amountFen)],
      ["发件量", content.daily.shipments],
      ["年度总结", content.summary ?? ""],
    );
  }
  rows.push(["幂等键", envelope.idempotencyKey]);
  for (const row of rows) head.addRow(row);
  head.getColumn(1).font = { bold: true };

  const projects = wb.addWorksheet("项目");
  projects.columns = [
    { header: "项目名称", width: 30 },
    { header: "进度(%)", width: 10 },
    { header: "合同金额(元)", width: 16 },
    { header: "已拨付(元)", width: 16 },
    { header: "说明", width: 40 },
  ];
  for (const p of content.projects ?? []) {
    projects.addRow([p.name, p.progressBp / 100, yuan(p.contractedFen), yuan(p.disbursedFen), p.note]);
  }
  neutraliseFormulaText(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
