/** Rosters as .xlsx files for assessors ("assessors ask for rosters, not claims"). */

import ExcelJS from "exceljs";
import type { FastifyReply } from "fastify";
import { contentDisposition } from "../platform/http/content-disposition";
import { neutraliseFormulaText } from "../platform/workbook/formula-safe";

export type ExportColumn<T> = { header: string; value: (row: T) => string | number | null; width?: number };

/** One sheet: bold Chinese headers, frozen header row, text cells so codes keep their digits. */
export async function rosterWorkbook<T>(
  sheet: string,
  columns: ExportColumn<T>[],
  rows: T[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "shifan";
  const ws = workbook.addWorksheet(sheet);
  ws.addRow(columns.map((c) => c.header)).font = { bold: true };
  for (const row of rows) ws.addRow(columns.map((c) => c.value(row) ?? ""));
  columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.width ?? Math.max(12, c.header.length * 2 + 4);
  });
  ws.views = [{ state: "frozen", ySplit: 1 }];
  neutraliseFormulaText(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function sendXlsx(reply: FastifyReply, fileName: string, content: Buffer) {
  return reply
    .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    .header("content-disposition", contentDisposition(fileName, { fallback: "roster.xlsx" }))
    .send(content);
}

/** Fen as yuan text with two decimals, for roster cells (never through floating point). */
export function fenToYuanText(fen: number): string {
  const abs = Math.abs(fen);
  return `${fen < 0 ? "-" : ""}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
