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
};

const normaliseHeader = (h: string) =>
  h.replace(/\s+/g, "").replace(/（/g, "(").replace(/）/g, ")").toLowerCase();

type Staged = { handler: AnySheetHandler; state: unknown; rows: { row: number; value: unknown }[] };

async function validateSheet(
  source: SheetSource,
  handler: AnySheetHandler,
  state: unknown,
  rejected: RejectedRow[],
): Promise<{ staged: Staged; outcome: SheetOutcome }> {
  const staged: Staged = { handler, state, rows: [] };
  const outcome: SheetOutcome = { sheet: handler.sheet, rows: 0, accepted: 0, rejected: 0, written: 0 };
  let columnIndex: Map<string, number> | undefined;
  for await (const { row, cells } of source.rows) {
    if (cells.every((c) => c === "")) continue;
    if (!columnIndex) {
      columnIndex = new Map();
      const headers = cells.map(normaliseHeader);
      const missing: string[] = [];
      for (const column of handler.columns) {
        const names = [column.header, ...(column.aliases ?? [])].map(normaliseHeader);
        const at = headers.findIndex((h) => names.includes(h));
        if (at >= 0) columnIndex.set(column.header, at);
        else if (column.required) missing.push(column.header);
      }
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
    if (handler.columns.every((c) => (cells[columnIndex!.get(c.header) ?? -1] ?? "") === c.example)) continue;
    outcome.rows++;
    const values: Record<string, string> = {};
    for (const column of handler.columns) {
      const at = columnIndex.get(column.header);
      values[column.header] = at === undefined ? "" : (cells[at] ?? "");
    }
    const parsed = handler.parseRow(values, state, row);
    if (parsed.ok) {
      staged.rows.push({ row, value: parsed.value });
      outcome.accepted++;
    } else {
      outcome.rejected++;
      for (const p of parsed.problems)
        rejected.push({ sheet: handler.sheet, row, column: p.column, reason: p.reason });
    }
  }
  if (!columnIndex) {
    rejected.push({
      sheet: handler.sheet,
      row: 1,
      reason: { zh: "工作表为空，缺少表头行", en: "The sheet is empty: no header row" },
    });
  }
  return { staged, outcome };
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
  const ctx: ImportContext = { db, countyCode, actor };
  const rejected: RejectedRow[] = [];
  const sheets: SheetOutcome[] = [];
  const ignoredSheets: string[] = [];
  const staged: Staged[] = [];
  const seen = new Set<AnySheetHandler>();
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
    const result = await validateSheet(source, handler, state, rejected);
    staged.push(result.staged);
    sheets.push(result.outcome);
  }
  // A workbook (or CSV folder) with no sheet any domain handles would "import" nothing and say so
  // as success; refuse it, naming what it holds and what the importer knows (issue 14).
  if (seen.size === 0)
    throw noKnownSheets(
      ignoredSheets,
      order.map((h) => h.sheet),
    );
  const dryRun = options.dryRun ?? false;
  const partial = options.partial ?? false;
  const base = { dryRun, partial, sheets, ignoredSheets, rejected };
  if (dryRun || (rejected.length > 0 && !partial)) return { ...base, written: false };
  // Commit in registration order so that sheets other sheets refer to (村庄 before 站点) go first.
  staged.sort((a, b) => order.indexOf(a.handler) - order.indexOf(b.handler));
  await db.transaction().execute(async (trx) => {
    for (const s of staged) {
      const outcome = sheets.find((o) => o.sheet === s.handler.sheet)!;
      outcome.written = s.rows.length ? await s.handler.commit(trx, s.rows, s.state, ctx) : 0;
    }
    await recordAudit(trx, actor, {
      action: "workbook.imported",
      entity: "workbook",
      entityId: options.fileName ?? path,
      countyCode,
      after: { partial, sheets, rejectedRows: rejected.length },
    });
  });
  return { ...base, written: true };
}
