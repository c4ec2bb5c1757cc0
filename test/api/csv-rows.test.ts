/**
 * A plain CSV file (no quotes) is split directly, a quoted one goes through csv-parse: both give
 * the same rows, numbered as a spreadsheet shows them, whatever the line ends, BOM or encoding.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, describe, expect, it } from "vitest";
import { readSheets } from "../../src/server/platform/workbook/read-sheets";
import { encodeGbk } from "../support/gbk";

const dir = mkdtempSync(join(tmpdir(), "shifan-csv-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function rowsOf(bytes: Buffer): Promise<{ row: number; cells: string[] }[]> {
  const path = join(dir, "物流.csv");
  writeFileSync(path, bytes);
  const rows: { row: number; cells: string[] }[] = [];
  for await (const sheet of readSheets(path)) for await (const row of sheet.rows) rows.push(row);
  return rows;
}

/** What csv-parse makes of the text, numbered by record. */
const expected = (text: string) =>
  (parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][]).map(
    (cells, i) => ({ row: i + 1, cells: cells.map((c) => c.trim()) }),
  );

const PLAIN = [
  "运单号,站点编号,快递企业,发出时间,签收时间",
  "YT1, WX-001 ,中通快递,2018-05-20 09:00,",
  "",
  "YT2,WX-002,圆通速递,2018-05-21,2018-05-22,多一列",
  "YT3,WX-003",
];

describe("CSV rows", () => {
  for (const [name, text] of [
    ["LF, final line feed", `${PLAIN.join("\n")}\n`],
    ["CRLF and a BOM", `\uFEFF${PLAIN.join("\r\n")}\r\n`],
    ["no final line feed", PLAIN.join("\n")],
  ] as const) {
    it(`reads a plain file as csv-parse does (${name})`, async () => {
      expect(await rowsOf(Buffer.from(text))).toEqual(expected(text));
    });
  }

  it("reads a plain GBK file as its UTF-8 twin", async () => {
    const text = `${PLAIN.join("\r\n")}\r\n`;
    expect(await rowsOf(encodeGbk(text))).toEqual(expected(text));
  });

  it("hands a file with quoted cells to csv-parse: a comma and a line break stay inside the cell", async () => {
    const text = '运单号,备注\nYT1,"a, b"\nYT2,"第一行\n第二行"\nYT3,x\n';
    const rows = await rowsOf(Buffer.from(text));
    expect(rows).toEqual(expected(text));
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3, 4]);
    expect(rows[2]!.cells[1]).toBe("第一行\n第二行");
  });

  it("hands a file with bare carriage returns (old Mac line ends) to csv-parse", async () => {
    const text = "运单号,站点编号\rYT1,WX-001\rYT2,WX-002\r";
    expect(await rowsOf(Buffer.from(text))).toEqual(expected(text));
  });
});
