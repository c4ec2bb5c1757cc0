/**
 * Streams the sheets of a county workbook: an .xlsx (xlsx-reader.ts), a single .csv
 * (its file name is the sheet name) or a folder of .csv files. Cells come out as trimmed text.
 */
import { createReadStream, readdirSync, statSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { Transform } from "node:stream";
import { parse } from "csv-parse";
import { leanXlsxSheets } from "./xlsx-reader";
import { assertZipWithinLimits } from "./zip-limits";

export type SheetRow = { row: number; cells: string[] };
export type SheetSource = { name: string; rows: AsyncIterable<SheetRow> };

/** Normalises an ExcelJS cell value to the text a person sees in the cell. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  // Excel keeps wall-clock time; ExcelJS hands it over as that time in UTC. Keep the time when set.
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.slice(11, 19) === "00:00:00" ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  }
  if (typeof value === "boolean") return value ? "是" : "否";
  if (typeof value === "object") {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText))
      return v.richText
        .map((p: { text?: string }) => p.text ?? "")
        .join("")
        .trim();
    if ("result" in v) return cellText(v.result);
    if ("text" in v) return cellText(v.text);
    if ("error" in v) return String(v.error);
    return "";
  }
  return String(value).trim();
}

/**
 * The encoding of a CSV file: UTF-8 (with or without BOM) when every byte sequence is valid UTF-8,
 * else GB18030 — a superset of GBK and GB2312, which Excel on Chinese Windows writes ("CSV (逗号
 *分隔)"). Chinese text in GBK is practically never valid UTF-8, so the test is sound; the whole
 * file is checked first, as a late GBK row must not be read as UTF-8 (interfaces.md).
 */
export async function csvEncoding(path: string): Promise<"utf-8" | "gb18030"> {
  return (await csvShape(path)).encoding;
}

/**
 * The encoding (see csvEncoding) and whether the file is plain: no double quote and no carriage
 * return other than before a line feed. In either encoding those bytes only ever stand for
 * themselves (GB18030's trailing bytes are 0x30 and up), so one pass over the bytes tells.
 */
async function csvShape(path: string): Promise<{ encoding: "utf-8" | "gb18030"; isPlain: boolean }> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let isUtf8 = true;
  let isPlain = true;
  let pendingCr = false;
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
    const bytes = chunk as Buffer;
    if (isUtf8) {
      try {
        decoder.decode(bytes, { stream: true });
      } catch {
        isUtf8 = false;
      }
    }
    if (isPlain) {
      if (pendingCr && bytes[0] !== 0x0a) isPlain = false;
      if (bytes.includes(0x22)) isPlain = false;
      for (let at = bytes.indexOf(0x0d); isPlain && at >= 0; at = bytes.indexOf(0x0d, at + 1)) {
        if (at + 1 < bytes.length && bytes[at + 1] !== 0x0a) isPlain = false;
      }
      pendingCr = bytes[bytes.length - 1] === 0x0d;
    }
  }
  if (pendingCr) isPlain = false;
  if (isUtf8) {
    try {
      decoder.decode();
    } catch {
      isUtf8 = false;
    }
  }
  return { encoding: isUtf8 ? "utf-8" : "gb18030", isPlain };
}

/** Decodes GB18030 bytes to UTF-8 text on the way to the CSV parser (Node's full-ICU decoder). */
function fromGb18030(): Transform {
  const decoder = new TextDecoder("gb18030");
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, decoder.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, decoder.decode());
    },
  });
}

/**
 * A CSV file's rows, numbered as a spreadsheet shows them (a cell holding a line break stays one
 * row). csv-parse's per-record `info` would give text line numbers, at a third of the parse time.
 * A plain file (csvShape: no quotes, so no cell holds a comma or a line break) is split on line
 * feeds and commas directly — the cells csv-parse would give, at several times its speed on a
 * county's ledger of a few hundred thousand rows; any other file goes through csv-parse.
 */
async function* csvRows(path: string): AsyncGenerator<SheetRow> {
  const { encoding, isPlain } = await csvShape(path);
  const bytes = createReadStream(path, { highWaterMark: 256 * 1024 });
  if (isPlain) {
    yield* plainCsvRows(bytes, encoding);
    return;
  }
  const text = encoding === "gb18030" ? bytes.pipe(fromGb18030()) : bytes;
  const parser = text.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: false }));
  let row = 0;
  for await (const cells of parser as AsyncIterable<string[]>) {
    for (let i = 0; i < cells.length; i++) cells[i] = cells[i]!.trim();
    yield { row: ++row, cells };
  }
}

async function* plainCsvRows(bytes: AsyncIterable<Buffer>, encoding: "utf-8" | "gb18030") {
  const decoder = new TextDecoder(encoding);
  let carry = "";
  let row = 0;
  let first = true;
  const lines = function* (text: string, isLast: boolean) {
    let from = 0;
    for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", from)) {
      yield text.slice(from, text.charCodeAt(at - 1) === 13 ? at - 1 : at);
      from = at + 1;
    }
    carry = text.slice(from);
    if (isLast && carry !== "") {
      yield carry;
      carry = "";
    }
  };
  const rowOf = (line: string): SheetRow => {
    const cells = line.split(",");
    for (let i = 0; i < cells.length; i++) cells[i] = cells[i]!.trim();
    return { row: ++row, cells };
  };
  for await (const chunk of bytes) {
    let text = carry + decoder.decode(chunk, { stream: true });
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    for (const line of lines(text, false)) yield rowOf(line);
  }
  for (const line of lines(carry + decoder.decode(), true)) yield rowOf(line);
}

/**
 * The sheets of a workbook file, a CSV file or a folder of CSV files. `rank` orders the sheets of a
 * folder (and of a whole-read workbook) so that sheets others refer to are validated first
 * (贫困户 before 培训); unknown sheets keep their place after the known ones.
 */
export async function* readSheets(
  path: string,
  rank: (sheet: string) => number = () => 0,
): AsyncGenerator<SheetSource> {
  if (statSync(path).isDirectory()) {
    const files = readdirSync(path)
      .filter((f) => extname(f).toLowerCase() === ".csv")
      .sort()
      .sort((a, b) => rank(basename(a, extname(a))) - rank(basename(b, extname(b))));
    for (const file of files) yield { name: basename(file, extname(file)), rows: csvRows(join(path, file)) };
    return;
  }
  const ext = extname(path).toLowerCase();
  if (ext === ".csv") {
    yield { name: basename(path, extname(path)), rows: csvRows(path) };
    return;
  }
  if (ext === ".xlsx") {
    await assertZipWithinLimits(path); // a zip bomb is refused before anything inflates it
    yield* leanXlsxSheets(path, rank);
    return;
  }
  throw new Error(`unsupported file type ${ext || "(none)"}: use .xlsx, .csv or a folder of .csv files`);
}
