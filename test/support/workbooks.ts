/** Writes county workbooks for tests, as county staff would fill them in. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";

export type SheetData = { name: string; rows: (string | number)[][] };

export async function writeXlsx(path: string, sheets: SheetData[]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name);
    for (const row of sheet.rows) ws.addRow(row);
  }
  await workbook.xlsx.writeFile(path);
  return path;
}

export function writeCsvFolder(dir: string, sheets: SheetData[]): string {
  mkdirSync(dir, { recursive: true });
  const quote = (v: string | number) =>
    /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v);
  for (const sheet of sheets) {
    writeFileSync(
      join(dir, `${sheet.name}.csv`),
      `\uFEFF${sheet.rows.map((r) => r.map(quote).join(",")).join("\n")}\n`,
    );
  }
  return dir;
}

export const VILLAGE_HEADER = ["村代码", "村名称", "常住人口", "建档立卡贫困村", "通宽带"];
