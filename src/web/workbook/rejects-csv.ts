/**
 * The rejected rows of a dry run as a CSV the officer can open in Excel, fix and send back. Built in
 * the browser from the dry-run answer: the server keeps no copy of an upload.
 */
import type { RejectedRow } from "./workbook.api";

const HEADER = ["工作表", "行号", "列", "原因"];

/** Quotes a cell when it holds a comma, quote or line break; doubles inner quotes (RFC 4180). */
function cell(value: string | number | undefined): string {
  const text = value === undefined ? "" : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text; // no formula injection when opened in Excel
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function rejectsCsv(rows: readonly RejectedRow[]): string {
  const lines = [HEADER, ...rows.map((r) => [r.sheet, r.row, r.column ?? "", r.reason])];
  // The BOM makes Excel read the file as UTF-8 rather than the system code page (GBK in China).
  return `\uFEFF${lines.map((line) => line.map(cell).join(",")).join("\r\n")}\r\n`;
}

export function downloadRejects(rows: readonly RejectedRow[], fileName: string): void {
  const url = URL.createObjectURL(new Blob([rejectsCsv(rows)], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
