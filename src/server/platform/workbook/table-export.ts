/**
 * The province's roll-up tables as .xlsx (ExcelJS): a title row naming the table and its date, bold
 * Chinese headers frozen under it, figures as numbers (percentages and yuan with Excel formats, so
 * they sort and sum), text cells neutralised against formula injection. One helper for every
 * roll-up page's 导出 Excel.
 */
import ExcelJS from "exceljs";
import type { FastifyReply } from "fastify";
import { contentDisposition } from "../http/content-disposition";
import { neutraliseFormulaText } from "./formula-safe";

/**
 * How a cell is written: `bp` basis points as a percentage (4567 → 45.67%), `fen` integer fen as
 * yuan with two decimals, `count` an integer with separators, `text` as given.
 */
export type CellFormat = "text" | "bp" | "fen" | "count";

export type ExportColumn<T> = {
  header: string;
  value: (row: T) => string | number | null | undefined;
  format?: CellFormat;
  width?: number;
};

export type ExportSheet<T> = {
  /** The sheet's tab name (at most 31 characters, Excel's limit). */
  name: string;
  /** The first row: what the table is and as of when, e.g. 各示范县资金与采购（截至 2018-10-31）. */
  title: string;
  columns: ExportColumn<T>[];
  rows: readonly T[];
};

const NUM_FMT: Record<CellFormat, string | undefined> = {
  text: "@",
  bp: "0.00%",
  fen: "#,##0.00",
  count: "#,##0",
};

/** No value leaves the cell empty (a month with nothing owed is not 0%). */
function cellValue(value: string | number | null | undefined, format: CellFormat): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (format === "bp") return value / 10_000;
  if (format === "fen") return value / 100;
  return value;
}

function addSheet<T>(workbook: ExcelJS.Workbook, spec: ExportSheet<T>): void {
  const ws = workbook.addWorksheet(spec.name.slice(0, 31));
  const title = ws.addRow([spec.title]);
  title.font = { bold: true, size: 14 };
  if (spec.columns.length > 1) ws.mergeCells(1, 1, 1, spec.columns.length);
  ws.addRow(spec.columns.map((c) => c.header)).font = { bold: true };
  for (const row of spec.rows) {
    ws.addRow(spec.columns.map((c) => cellValue(c.value(row), c.format ?? "text")));
  }
  spec.columns.forEach((c, i) => {
    const column = ws.getColumn(i + 1);
    column.width = c.width ?? Math.max(10, c.header.length * 2 + 4);
    const fmt = NUM_FMT[c.format ?? "text"];
    // Data rows only: the title and header rows stay as they are.
    column.eachCell((cell, rowNumber) => {
      if (rowNumber > 2 && fmt && typeof cell.value === "number") cell.numFmt = fmt;
    });
  });
  ws.views = [{ state: "frozen", ySplit: 2 }];
}

/** One workbook of one or more tables. */
export async function tableWorkbook(sheets: readonly ExportSheet<any>[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "shifan";
  for (const sheet of sheets) addSheet(workbook, sheet);
  neutraliseFormulaText(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Sends a workbook as a download named in Chinese (with an ASCII fallback for old clients). */
export function sendXlsx(reply: FastifyReply, fileName: string, fallback: string, content: Buffer) {
  return reply
    .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    .header("content-disposition", contentDisposition(fileName, { fallback }))
    .send(content);
}
