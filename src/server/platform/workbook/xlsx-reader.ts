/**
 * A lean reader of the sheets of an .xlsx for the importer. The zip's central directory gives each
 * part wherever it lies in the file (Excel writes workbook.xml first, ExcelJS last), the sheet XML
 * is inflated as a stream and scanned for rows and cells with indexOf instead of a general XML
 * parser: a 100k-row sheet reads in about a second, where ExcelJS took 7 s streaming and 23 s
 * whole (measured here, issue 19), and never more than one row is held at a time.
 *
 * A cell's text is what `cellText` makes of ExcelJS's value for it: numbers as JavaScript prints
 * them, a number in a date or time format as YYYY-MM-DD[ HH:MM:SS] (1900 or 1904 date system; the
 * Chinese built-in date formats 27–36 and 50–58 count as dates too), booleans 是/否, errors as
 * their code (#N/A), shared, inline and rich text joined (phonetic runs left out), formulas by
 * their cached result.
 */
import { createReadStream } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { createInflateRaw } from "node:zlib";
import type { SheetRow, SheetSource } from "./read-sheets";
import { cellText } from "./read-sheets";
import { centralDirectory, type ZipEntry } from "./zip-limits";

type Part = { entries: Map<string, ZipEntry>; path: string };

/** The raw bytes of an entry, as a stream of text chunks. */
async function* entryText(part: Part, entry: ZipEntry): AsyncGenerator<string> {
  if (entry.compressed === 0) return;
  const raw = createReadStream(part.path, {
    start: entry.offset,
    end: entry.offset + entry.compressed - 1,
    highWaterMark: 256 * 1024,
  });
  if (entry.method !== 0 && entry.method !== 8) {
    raw.destroy();
    throw new Error(`zip entry ${entry.name}: unsupported compression ${entry.method}`);
  }
  const bytes = entry.method === 8 ? raw.pipe(createInflateRaw()) : raw;
  const decoder = new StringDecoder("utf8");
  let first = true;
  try {
    for await (const chunk of bytes) {
      let text = decoder.write(chunk as Buffer);
      if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
      if (text) yield text;
    }
    const rest = decoder.end();
    if (rest) yield rest;
  } finally {
    raw.destroy();
  }
}

async function wholeText(part: Part, name: string): Promise<string | undefined> {
  const entry = part.entries.get(name);
  if (!entry) return undefined;
  let text = "";
  for await (const chunk of entryText(part, entry)) text += chunk;
  return text;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Decodes XML entities (and character references). */
export function decodeXml(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
    e[0] === "#"
      ? String.fromCodePoint(e[1] === "x" ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10))
      : ENTITIES[e]!,
  );
}

/** The value of attribute `name` in an element's start tag, decoded; undefined when absent. */
function attribute(tag: string, name: string): string | undefined {
  let quote = '"';
  let at = tag.indexOf(` ${name}="`);
  if (at < 0) {
    quote = "'";
    at = tag.indexOf(` ${name}='`);
  }
  if (at < 0) {
    // Attributes may be separated by line breaks or tabs rather than spaces.
    return /[\t\n\r]/.test(tag) ? attribute(tag.replace(/[\t\n\r]/g, " "), name) : undefined;
  }
  const from = at + name.length + 3;
  return decodeXml(tag.slice(from, tag.indexOf(quote, from)));
}

/** The namespace prefix of a part's root element ("x:" in `<x:worksheet …>`), or "". */
function rootPrefix(xml: string): string {
  const m = /<([A-Za-z_][\w.-]*:)?[A-Za-z_][\w.-]*[\s>/]/.exec(xml.replace(/<\?[\s\S]*?\?>/g, ""));
  return m?.[1] ?? "";
}

/** Every start tag of element `name` (with the prefix) in `xml`, in order. */
function* startTags(xml: string, prefix: string, name: string): Generator<string> {
  const open = `<${prefix}${name}`;
  for (let at = xml.indexOf(open); at >= 0; at = xml.indexOf(open, at + 1)) {
    const next = xml.charCodeAt(at + open.length);
    if (!isTagBoundary(next)) continue;
    yield xml.slice(at, xml.indexOf(">", at) + 1);
  }
}

const isTagBoundary = (code: number) =>
  code === 32 || code === 62 || code === 47 || code === 9 || code === 10 || code === 13;

/** The text of the `t` elements in `xml` (a shared string or an inline one), phonetic runs left out. */
function runText(xml: string, prefix: string): string {
  const body = xml.includes(`<${prefix}rPh`)
    ? xml.replace(new RegExp(`<${prefix}rPh[\\s>][\\s\\S]*?</${prefix}rPh>`, "g"), "")
    : xml;
  const open = `<${prefix}t`;
  const close = `</${prefix}t>`;
  let text = "";
  for (let at = body.indexOf(open); at >= 0; at = body.indexOf(open, at + 1)) {
    if (!isTagBoundary(body.charCodeAt(at + open.length))) continue;
    const tagEnd = body.indexOf(">", at);
    if (body[tagEnd - 1] === "/") continue; // <t/>
    const end = body.indexOf(close, tagEnd);
    text += body.slice(tagEnd + 1, end);
    at = end;
  }
  return decodeXml(text);
}

// Built-in number formats that show dates or times (ECMA-376 18.8.30, with the CJK ones).
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

/** ExcelJS's test of a format code: date letters outside quotes and brackets. */
function isDateFormat(code: string): boolean {
  const plain = code
    .replace(/\\(.)/g, "$1")
    .replace(/\[[^\]]*]/g, "")
    .replace(/"[^"]*"/g, "");
  return /[ymdhMsb]+/.test(plain);
}

/** Per style index (cellXfs), whether it shows numbers as dates. */
function dateStyles(xml: string | undefined): boolean[] {
  if (!xml) return [];
  const p = rootPrefix(xml);
  const custom = new Map<number, string>();
  for (const tag of startTags(xml, p, "numFmt"))
    custom.set(Number(attribute(tag, "numFmtId")), attribute(tag, "formatCode") ?? "");
  const start = xml.indexOf(`<${p}cellXfs`);
  if (start < 0) return [];
  const end = xml.indexOf(`</${p}cellXfs>`, start);
  const block = xml.slice(start, end < 0 ? undefined : end);
  const styles: boolean[] = [];
  for (const tag of startTags(block, p, "xf")) {
    const id = Number(attribute(tag, "numFmtId") ?? 0);
    const code = custom.get(id);
    styles.push(code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id));
  }
  return styles;
}

function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  const p = rootPrefix(xml);
  const open = `<${p}si`;
  const close = `</${p}si>`;
  const strings: string[] = [];
  for (let at = xml.indexOf(open); at >= 0; at = xml.indexOf(open, at + 1)) {
    if (!isTagBoundary(xml.charCodeAt(at + open.length))) continue;
    const tagEnd = xml.indexOf(">", at);
    if (xml[tagEnd - 1] === "/") {
      strings.push("");
      continue;
    }
    const end = xml.indexOf(close, tagEnd);
    strings.push(runText(xml.slice(tagEnd + 1, end), p).trim());
    at = end;
  }
  return strings;
}

/** Resolves a relationship target against the folder of the part that refers to it. */
function resolveTarget(base: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = base.split("/").slice(0, -1);
  for (const piece of target.split("/")) {
    if (piece === "..") parts.pop();
    else if (piece !== ".") parts.push(piece);
  }
  return parts.join("/");
}

function relationships(
  xml: string | undefined,
  base: string,
): { id: string; type: string; target: string }[] {
  if (!xml) return [];
  const p = rootPrefix(xml);
  return [...startTags(xml, p, "Relationship")].map((tag) => ({
    id: attribute(tag, "Id") ?? "",
    type: attribute(tag, "Type") ?? "",
    target: resolveTarget(base, attribute(tag, "Target") ?? ""),
  }));
}

type Workbook = {
  part: Part;
  sheets: { name: string; entry: ZipEntry }[];
  shared: string[];
  isDate: boolean[];
  date1904: boolean;
};

/** Reads the workbook's structure: its sheets (name and part), shared strings and date styles. */
export async function openXlsx(path: string): Promise<Workbook> {
  const entries = new Map((await centralDirectory(path)).map((e) => [e.name, e]));
  const part: Part = { entries, path };
  const root = relationships(await wholeText(part, "_rels/.rels"), "");
  const workbookPath = root.find((r) => r.type.endsWith("/officeDocument"))?.target ?? "xl/workbook.xml";
  const workbookXml = await wholeText(part, workbookPath);
  if (!workbookXml) throw new Error("not a workbook: no xl/workbook.xml");
  const slash = workbookPath.lastIndexOf("/");
  const relsPath = `${workbookPath.slice(0, slash + 1)}_rels/${workbookPath.slice(slash + 1)}.rels`;
  const rels = relationships(await wholeText(part, relsPath), workbookPath);
  const relTarget = (suffix: string) => rels.find((r) => r.type.endsWith(suffix))?.target;
  const p = rootPrefix(workbookXml);
  const sheets: Workbook["sheets"] = [];
  for (const tag of startTags(workbookXml, p, "sheet")) {
    const name = attribute(tag, "name") ?? "";
    const rid = /\s[\w.-]+:id=(?:"([^"]*)"|'([^']*)')/.exec(tag);
    const target = rels.find((r) => r.id === (rid?.[1] ?? rid?.[2]))?.target;
    const entry = target === undefined ? undefined : entries.get(target);
    if (entry) sheets.push({ name, entry }); // chart sheets and missing parts carry no rows
  }
  const pr = [...startTags(workbookXml, p, "workbookPr")][0];
  const date1904 = pr !== undefined && ["1", "true"].includes(attribute(pr, "date1904") ?? "");
  return {
    part,
    sheets,
    shared: sharedStrings(await wholeText(part, relTarget("/sharedStrings") ?? "xl/sharedStrings.xml")),
    isDate: dateStyles(await wholeText(part, relTarget("/styles") ?? "xl/styles.xml")),
    date1904,
  };
}

/** Column number (1-based) of a cell reference such as "AB12". */
function columnOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code < 65 || code > 90) break;
    col = col * 26 + (code - 64);
  }
  return col;
}

/** The text between `<v>` and `</v>` (with the prefix) in a cell's content, undefined if none. */
function cellValue(content: string, prefix: string): string | undefined {
  const open = `<${prefix}v`;
  let at = content.indexOf(open);
  while (at >= 0 && !isTagBoundary(content.charCodeAt(at + open.length))) at = content.indexOf(open, at + 1);
  if (at < 0) return undefined;
  const tagEnd = content.indexOf(">", at);
  if (content[tagEnd - 1] === "/") return "";
  return content.slice(tagEnd + 1, content.indexOf(`</${prefix}v>`, tagEnd));
}

function excelDateText(serial: number, date1904: boolean): string {
  return cellText(new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000)));
}

function cellValueText(wb: Workbook, prefix: string, tag: string, content: string): string {
  const type = attribute(tag, "t");
  if (type === "inlineStr") return runText(content, prefix).trim();
  const v = cellValue(content, prefix);
  if (v === undefined) return "";
  switch (type) {
    case "s":
      return wb.shared[Number.parseInt(v, 10)] ?? "";
    case "str":
      return decodeXml(v).trim();
    case "b":
      return Number.parseInt(v, 10) !== 0 ? "是" : "否";
    case "e":
      return decodeXml(v).trim();
    case "d":
      return cellText(new Date(decodeXml(v)));
    default: {
      const number = Number.parseFloat(v);
      const style = attribute(tag, "s");
      if (style !== undefined && wb.isDate[Number(style)] && Number.isFinite(number))
        return excelDateText(number, wb.date1904);
      return String(number);
    }
  }
}

function rowCells(wb: Workbook, prefix: string, inner: string): string[] {
  const cells: string[] = [];
  const open = `<${prefix}c`;
  const close = `</${prefix}c>`;
  let col = 0;
  for (let at = inner.indexOf(open); at >= 0; at = inner.indexOf(open, at)) {
    if (!isTagBoundary(inner.charCodeAt(at + open.length))) {
      at += open.length;
      continue;
    }
    const tagEnd = inner.indexOf(">", at);
    const tag = inner.slice(at, tagEnd + 1);
    let content = "";
    if (inner[tagEnd - 1] === "/") at = tagEnd + 1;
    else {
      const end = inner.indexOf(close, tagEnd);
      content = inner.slice(tagEnd + 1, end);
      at = end + close.length;
    }
    const ref = attribute(tag, "r");
    col = ref ? columnOf(ref) : col + 1;
    const text = cellValueText(wb, prefix, tag, content);
    while (cells.length < col - 1) cells.push("");
    cells[col - 1] = text;
  }
  // A trailing empty cell (a styled blank) adds no column, as in ExcelJS's row values.
  while (cells.length && cells[cells.length - 1] === "") cells.pop();
  return cells;
}

/** The rows of one sheet, streamed: one row's XML is held at a time. */
async function* sheetRows(wb: Workbook, entry: ZipEntry): AsyncGenerator<SheetRow> {
  let prefix: string | undefined;
  let open = "";
  let close = "";
  let buffer = "";
  let last = 0;
  for await (const chunk of entryText(wb.part, entry)) {
    buffer += chunk;
    if (prefix === undefined) {
      if (!/<[A-Za-z_][^?]/.test(buffer.replace(/<\?[\s\S]*?\?>/g, ""))) continue;
      prefix = rootPrefix(buffer);
      open = `<${prefix}row`;
      close = `</${prefix}row>`;
    }
    let at = 0;
    for (;;) {
      const start = buffer.indexOf(open, at);
      if (start < 0) {
        at = Math.max(at, buffer.length - open.length);
        break;
      }
      if (start + open.length >= buffer.length) {
        at = start;
        break;
      }
      if (!isTagBoundary(buffer.charCodeAt(start + open.length))) {
        at = start + open.length; // <rowBreaks> and the like
        continue;
      }
      const tagEnd = buffer.indexOf(">", start);
      if (tagEnd < 0) {
        at = start;
        break;
      }
      const tag = buffer.slice(start, tagEnd + 1);
      let inner = "";
      let end = tagEnd + 1;
      if (buffer[tagEnd - 1] !== "/") {
        const closeAt = buffer.indexOf(close, tagEnd);
        if (closeAt < 0) {
          at = start;
          break;
        }
        inner = buffer.slice(tagEnd + 1, closeAt);
        end = closeAt + close.length;
      }
      const r = attribute(tag, "r");
      last = r ? Number.parseInt(r, 10) : last + 1;
      at = end;
      const cells = inner ? rowCells(wb, prefix, inner) : [];
      if (cells.length) yield { row: last, cells };
    }
    buffer = buffer.slice(at);
  }
}

/**
 * The sheets of the workbook at `path`, ordered by `rank` (sheets others refer to first; the
 * parts can be read in any order).
 */
export async function* leanXlsxSheets(
  path: string,
  rank: (sheet: string) => number,
): AsyncGenerator<SheetSource> {
  const wb = await openXlsx(path);
  const ordered = wb.sheets
    .map((s, i) => ({ ...s, i }))
    .sort((a, b) => rank(a.name) - rank(b.name) || a.i - b.i);
  for (const sheet of ordered) yield { name: sheet.name, rows: sheetRows(wb, sheet.entry) };
}
