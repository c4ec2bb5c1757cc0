/**
 * The county workbook importer: hands each sheet to the handler registered for its name,
 * validates every row, and commits all sheets in one transaction — or nothing. Bad rows come
 * back with sheet, row, column and a reason in Chinese (and English).
 */
import type { Kysely } from "kysely";
import type { Actor } from "../audit/audit";
import { recordAudit } from "../audit/audit";
import type { Database } from "../db/schema";
import { type AppError, badRequest } from "../http/errors";
import { readSheets, type SheetSource } from "./read-sheets";
import type { AnySheetHandler, Bilingual, ImportContext, SheetRegistry } from "./sheet-handler";
import { NOTE_PREFIX } from "./template";

export type RejectedRow = { sheet: string; row: number; column?: string; reason: Bilingual };

export type SheetOutcome = {
  sheet: string;
  rows: number;
  accepted: number;
  rejected: number;
  written: number;
};

export type ImportResult = {
  /** True when rows were written to the database. */
  written: boolean;
  dryRun: boolean;
  partial: boolean;
  sheets: SheetOutcome[];
  /** Sheets present in the workbook that no domain handles (ignored, not an error). */
  ignoredSheets: string[];
  rejected: RejectedRow[];
};

/** How far an import has got, for the web page and the CLI (rows of every sheet together). */
export type ImportProgress = {
  phase: "reading" | "writing" | "done";
  /** Data rows read from the file so far (header, note and example rows not counted). */
  rowsRead: number;
  /** Of them, rows checked against the sheet's rules (accepted or rejected). */
  rowsValidated: number;
  /** Of them, rows rejected. */
  rowsRejected: number;
  /** Rows written so far; the write starts once every row is validated (all or nothing). */
  rowsWritten: number;
};

/** Rows between two progress reports while reading (and phase changes always report). */
const PROGRESS_EVERY = 2000;

export type ImportOptions = {
  db: Kysely<Database>;
  registry: SheetRegistry;
  actor: Actor;
  countyCode: string;
  /** A .xlsx, a .csv or a folder of .csv files. */
  path: string;
  /** For uploads: the original file name, for the audit log. */
  fileName?: string;
  dryRun?: boolean;
  /** Keep the valid rows even when others are rejected. */
  partial?: boolean;
  /**
   * The only sheets the caller may import (a contractor's); any other known sheet in the file is
   * refused with a row naming it, and nothing of it is read. Unset: every sheet.
   */
  allowedSheets?: readonly string[];
  /** Called as rows are read, validated and written (at most every PROGRESS_EVERY rows). */
  onProgress?: (progress: ImportProgress) => void;
};

const normaliseHeader = (h: string) =>
  h.replace(/\s+/g, "").replace(/（/g, "(").replace(/）/g, ")").toLowerCase();

type Staged = { handler: AnySheetHandler; state: unknown; rows: { row: number; value: unknown }[] };

async function validateSheet(
  source: SheetSource,
  handler: AnySheetHandler,
  state: unknown,
  rejected: RejectedRow[],
  progress: Progress,
): Promise<{ staged: Staged; outcome: SheetOutcome }> {
  const staged: Staged = { handler, state, rows: [] };
  const outcome: SheetOutcome = { sheet: handler.sheet, rows: 0, accepted: 0, rejected: 0, written: 0 };
  const columns = handler.columns;
  let at: number[] | undefined; // per column of the handler, its index among the cells (-1: absent)
  let examples: string[] = [];
  // One object for every row of the sheet: handlers read their cells and keep nothing of it, so a
  // 100k-row sheet does not allocate 100k of them.
  const values: Record<string, string> = {};
  for await (const { row, cells } of source.rows) {
    if (isBlank(cells)) continue;
    if (!at) {
      const headers = cells.map(normaliseHeader);
      const missing: string[] = [];
      at = columns.map((column) => {
        const names = [column.header, ...(column.aliases ?? [])].map(normaliseHeader);
        const index = headers.findIndex((h) => names.includes(h));
        if (index < 0 && column.required) missing.push(column.header);
        return index;
      });
      examples = columns.map((c) => c.example);
      for (const header of missing) {
        rejected.push({
          sheet: handler.sheet,
          row,
          column: header,
          reason: { zh: `缺少必填列「${header}」`, en: `Missing required column "${header}"` },
        });
      }
      if (missing.length) return { staged, outcome: { ...outcome, rejected: 1 } };
      continue;
    }
    // The template's note row and its untouched example row are not data.
    if (cells[0]?.startsWith(NOTE_PREFIX)) continue;
    let isExample = true;
    for (let c = 0; c < columns.length; c++) {
      const text = at[c]! < 0 ? "" : (cells[at[c]!] ?? "");
      values[columns[c]!.header] = text;
      if (text !== examples[c]) isExample = false;
    }
    if (isExample) continue;
    outcome.rows++;
    const parsed = handler.parseRow(values, state, row);
    if (parsed.ok) {
      staged.rows.push({ row, value: parsed.value });
      outcome.accepted++;
    } else {
      outcome.rejected++;
      for (const p of parsed.problems)
        rejected.push({ sheet: handler.sheet, row, column: p.column, reason: p.reason });
    }
    progress.row(!parsed.ok);
  }
  if (!at) {
    rejected.push({
      sheet: handler.sheet,
      row: 1,
      reason: { zh: "工作表为空，缺少表头行", en: "The sheet is empty: no header row" },
    });
  }
  return { staged, outcome };
}

function isBlank(cells: readonly string[]): boolean {
  for (const c of cells) if (c !== "") return false;
  return true;
}

/** Counts rows and calls onProgress now and then (never more than every PROGRESS_EVERY rows). */
class Progress {
  readonly counts: ImportProgress = {
    phase: "reading",
    rowsRead: 0,
    rowsValidated: 0,
    rowsRejected: 0,
    rowsWritten: 0,
  };
  #next = PROGRESS_EVERY;
  constructor(readonly report?: (progress: ImportProgress) => void) {}

  row(isRejected: boolean): void {
    const c = this.counts;
    c.rowsRead++;
    c.rowsValidated++;
    if (isRejected) c.rowsRejected++;
    if (c.rowsRead >= this.#next) {
      this.#next = c.rowsRead + PROGRESS_EVERY;
      this.send();
    }
  }

  written(rows: number): void {
    this.counts.rowsWritten += rows;
    this.send();
  }

  phase(phase: ImportProgress["phase"]): void {
    this.counts.phase = phase;
    this.send();
  }

  send(): void {
    this.report?.({ ...this.counts });
  }
}

function noKnownSheets(found: string[], known: string[]): AppError {
  const foundZh = found.length ? found.map((n) => `「${n}」`).join("、") : "（无）";
  const foundEn = found.length ? found.map((n) => `"${n}"`).join(", ") : "(none)";
  return badRequest("no_known_sheets", {
    zh: `没有可导入的工作表：收到 ${foundZh}；可导入的工作表（或 CSV 文件名）为 ${known.join("、")}`,
    en: `No sheet the importer knows: found ${foundEn}; known sheets (or CSV file names): ${known.join(", ")}`,
  });
}

/** Imports a county workbook; see the module comment for the all-or-nothing contract. */
export async function importWorkbook(options: ImportOptions): Promise<ImportResult> {
  const { db, registry, actor, countyCode, path } = options;
  const progress = new Progress(options.onProgress);
  const ctx: ImportContext = { db, countyCode, actor };
  const rejected: RejectedRow[] = [];
  const sheets: SheetOutcome[] = [];
  const ignoredSheets: string[] = [];
  const staged: Staged[] = [];
  const seen = new Set<AnySheetHandler>();
  let refusedSheets = 0;
  const order = registry.all();
  const rank = (sheet: string) => {
    const handler = registry.find(sheet);
    return handler ? order.indexOf(handler) : order.length;
  };
  for await (const source of readSheets(path, rank)) {
    const handler = registry.find(source.name);
    if (!handler) {
      ignoredSheets.push(source.name);
      for await (const _ of source.rows); // drain: the xlsx stream must be read through
      continue;
    }
    if (options.allowedSheets && !options.allowedSheets.includes(handler.sheet)) {
      refusedSheets++;
      rejected.push({
        sheet: source.name,
        row: 1,
        reason: {
          zh: `「${handler.sheet}」不在本企业合同的范围内，由县级管理员导入；可导入的工作表：${options.allowedSheets.join("、")}`,
          en: `"${handler.sheet}" is outside your contracts and is imported by the county; you may import: ${options.allowedSheets.join(", ")}`,
        },
      });
      for await (const _ of source.rows); // drain: the xlsx stream must be read through
      continue;
    }
    if (seen.has(handler)) {
      rejected.push({
        sheet: source.name,
        row: 1,
        reason: { zh: `工作表「${handler.sheet}」重复出现`, en: `Sheet "${handler.sheet}" appears twice` },
      });
      for await (const _ of source.rows);
      continue;
    }
    seen.add(handler);
    const state = await handler.prepare(ctx);
    const result = await validateSheet(source, handler, state, rejected, progress);
    staged.push(result.staged);
    sheets.push(result.outcome);
  }
  // A workbook (or CSV folder) with no sheet any domain handles would "import" nothing and say so
  // as success; refuse it, naming what it holds and what the importer knows (issue 14). A file of
  // sheets the caller may not import has its refusals as rows instead.
  if (seen.size === 0 && refusedSheets === 0)
    throw noKnownSheets(
      ignoredSheets,
      order.map((h) => h.sheet),
    );
  const dryRun = options.dryRun ?? false;
  const partial = options.partial ?? false;
  const base = { dryRun, partial, sheets, ignoredSheets, rejected };
  if (dryRun || (rejected.length > 0 && !partial)) {
    progress.phase("done");
    return { ...base, written: false };
  }
  progress.phase("writing");
  // Commit in registration order so that sheets other sheets refer to (村庄 before 站点) go first.
  staged.sort((a, b) => order.indexOf(a.handler) - order.indexOf(b.handler));
  await db.transaction().execute(async (trx) => {
    for (const s of staged) {
      const outcome = sheets.find((o) => o.sheet === s.handler.sheet)!;
      // Handlers of large sheets report their rows as they go; the others when they are done.
      // (The same context object: domains key their per-import state by it.)
      let reported = 0;
      ctx.rowsWritten = (rows) => {
        reported += rows;
        progress.written(rows);
      };
      outcome.written = s.rows.length ? await s.handler.commit(trx, s.rows, s.state, ctx) : 0;
      if (s.rows.length > reported) progress.written(s.rows.length - reported);
    }
    await recordAudit(trx, actor, {
      action: "workbook.imported",
      entity: "workbook",
      entityId: options.fileName ?? path,
      countyCode,
      after: { partial, sheets, rejectedRows: rejected.length },
    });
  });
  progress.phase("done");
  return { ...base, written: true };
}
