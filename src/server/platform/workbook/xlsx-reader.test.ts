/**
 * The lean .xlsx reader gives the cells ExcelJS's own reader gives (through cellText), on
 * workbooks ExcelJS writes both ways (shared strings, and inline strings when streamed), with the
 * kinds of cell county staff fill in: text, numbers, dates and date-times, booleans, formulas,
 * rich text, errors, gaps and XML-special characters.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { cellText, readSheets } from "./read-sheets";

const dir = mkdtempSync(join(tmpdir(), "shifan-xlsx-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Row = (ExcelJS.CellValue | undefined)[];

const ROWS: Row[] = [
  ["运单号", "站点编号", "数量", "日期", "时间", "是否", "公式", "备注"],
  ["YT001", "WX-001", 42, new Date(Date.UTC(2018, 4, 20)), new Date(Date.UTC(2018, 4, 20, 9, 30)), true],
  [
    "YT002",
    "  WX-002 ",
    6.5,
    new Date(Date.UTC(2018, 11, 31)),
    undefined,
    false,
    { formula: "C3*2", result: 13 },
  ],
  [
    "YT<&>\"'",
    { richText: [{ text: "富" }, { font: { bold: true }, text: "文本" }] },
    -0.25,
    undefined,
    undefined,
    undefined,
    { formula: 'CONCATENATE("a","b")', result: "ab" },
    "第一行\n第二行",
  ],
  [undefined, undefined, undefined, undefined, undefined, undefined, undefined, "只有最后一列"],
  ["", "", "", "", "", "", "", ""],
  ["YT005", 1234567890123, 1e-7, "2018-05-20", "2018-05-20 09:30", "是", { error: "#N/A" }, "末行"],
];

async function viaExcelJs(path: string): Promise<Map<string, { row: number; cells: string[] }[]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheets = new Map<string, { row: number; cells: string[] }[]>();
  for (const ws of workbook.worksheets) {
    const rows: { row: number; cells: string[] }[] = [];
    ws.eachRow({ includeEmpty: false }, (row, number) => {
      const values = Array.isArray(row.values) ? row.values.slice(1) : [];
      const cells = Array.from(values, cellText);
      while (cells.length && cells[cells.length - 1] === "") cells.pop();
      if (cells.length) rows.push({ row: number, cells });
    });
    sheets.set(ws.name, rows);
  }
  return sheets;
}

async function viaLeanReader(path: string): Promise<Map<string, { row: number; cells: string[] }[]>> {
  const sheets = new Map<string, { row: number; cells: string[] }[]>();
  for await (const sheet of readSheets(path)) {
    const rows: { row: number; cells: string[] }[] = [];
    for await (const row of sheet.rows) rows.push(row);
    sheets.set(sheet.name, rows);
  }
  return sheets;
}

function fill(ws: ExcelJS.Worksheet, commit: boolean) {
  ROWS.forEach((values, i) => {
    const row = ws.getRow(i + 1);
    values.forEach((v, j) => {
      if (v === undefined) return;
      const cell = row.getCell(j + 1);
      cell.value = v;
      if (v instanceof Date) cell.numFmt = j === 3 ? "yyyy-mm-dd" : "yyyy-mm-dd hh:mm";
    });
    if (commit) row.commit();
  });
}

describe("the lean .xlsx reader", () => {
  it("reads what ExcelJS reads from a workbook written whole (shared strings, two sheets)", async () => {
    const path = join(dir, "whole.xlsx");
    const workbook = new ExcelJS.Workbook();
    fill(workbook.addWorksheet("物流"), false);
    const other = workbook.addWorksheet("站点月报");
    other.addRow(["站点编号", "月份"]);
    other.getCell("A3").value = "WX-001";
    other.getCell("C3").value = 3;
    await workbook.xlsx.writeFile(path);
    const expected = await viaExcelJs(path);
    const actual = await viaLeanReader(path);
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [name, rows] of expected) expect(actual.get(name), name).toEqual(rows);
    // Spot checks, so that an agreement of two wrong readers would show.
    const ship = actual.get("物流")!;
    expect(ship[1]).toEqual({
      row: 2,
      cells: ["YT001", "WX-001", "42", "2018-05-20", "2018-05-20 09:30:00", "是"],
    });
    expect(ship[2]!.cells.slice(0, 3)).toEqual(["YT002", "WX-002", "6.5"]);
    expect(ship[3]!.cells[0]).toBe("YT<&>\"'");
    expect(ship[3]!.cells[1]).toBe("富文本");
    expect(ship[4]).toEqual({ row: 5, cells: ["", "", "", "", "", "", "", "只有最后一列"] });
    expect(actual.get("站点月报")).toEqual([
      { row: 1, cells: ["站点编号", "月份"] },
      { row: 3, cells: ["WX-001", "", "3"] },
    ]);
  });

  it("reads a streamed workbook (inline strings, parts in ExcelJS's order) as ExcelJS does", async () => {
    const path = join(dir, "streamed.xlsx");
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
    fill(writer.addWorksheet("物流"), true);
    await writer.commit();
    const expected = await viaExcelJs(path);
    const actual = await viaLeanReader(path);
    expect(actual.get("物流")).toEqual(expected.get("物流"));
    // Row 6 holds only empty strings: no row, as in ExcelJS.
    expect(actual.get("物流")!.map((r) => r.row)).toEqual([1, 2, 3, 4, 5, 7]);
    expect(actual.get("物流")![5]!.cells).toEqual([
      "YT005",
      "1234567890123",
      "1e-7",
      "2018-05-20",
      "2018-05-20 09:30",
      "是",
      "#N/A",
      "末行",
    ]);
  });

  it("orders the sheets so that those others refer to come first", async () => {
    const path = join(dir, "order.xlsx");
    const workbook = new ExcelJS.Workbook();
    for (const name of ["物流", "说明", "站点"]) workbook.addWorksheet(name).addRow([name]);
    await workbook.xlsx.writeFile(path);
    const rank = (name: string) => ({ 站点: 0, 物流: 1 })[name] ?? 2;
    const names: string[] = [];
    for await (const sheet of readSheets(path, rank)) {
      names.push(sheet.name);
      for await (const _ of sheet.rows);
    }
    expect(names).toEqual(["站点", "物流", "说明"]);
  });
});
