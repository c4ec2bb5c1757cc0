/** Generates the county workbook template (.xlsx) from the registered sheet handlers. */
import ExcelJS from "exceljs";
import type { ColumnSpec, SheetRegistry } from "./sheet-handler";

export const NOTE_PREFIX = "说明";

/**
 * A column's note, each thing said once: 必填 or 选填 first (a help text that opens with 可选 or
 * 选填 again loses it), no unit the header already names (金额(元) is not "元" again), no rule
 * code, and a required column whose cells may stay blank says the column must stay, not "必填".
 */
export function columnNote(column: Pick<ColumnSpec, "header" | "required" | "help">): string {
  let help = column.help.zh.trim().replace(/^(可选|选填)[，,：:；;]?\s*/, "");
  const unit = /\(([^)]+)\)$/.exec(column.header.replace(/（/g, "(").replace(/）/g, ")"))?.[1];
  if (unit) help = help.replace(new RegExp(`^${unit}[，,；;]\\s*`), "");
  // Rule codes (F9, K5) mean nothing to a county clerk; the rule's words stay.
  help = help
    .replace(/[（(]\s*(规则\s*)?[A-Z]\d{1,2}(\s*[、,，]\s*[A-Z]\d{1,2})*\s*[）)]/g, "")
    .replace(/[，,、]\s*(规则\s*)?[A-Z]\d{1,2}(?=[）)])/g, "");
  // 选填 already says a cell may be blank.
  if (!column.required) help = help.replace(/[，,；;]?\s*(可空|可留空)$/, "");
  // Blank cells allowed, or required only in some rows (乡镇配送中心必填): the column must stay.
  const isConditional = /留空|可空|不填|必填/.test(help);
  const head = column.required ? (isConditional ? "须保留此列" : "必填") : "选填";
  return help ? `${head}，${help}` : head;
}

/** One sheet per handler: Chinese headers, a note row (skipped on import) and an example row. */
export async function buildTemplate(registry: SheetRegistry): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "shifan";
  for (const handler of registry.all()) {
    const sheet = workbook.addWorksheet(handler.sheet);
    sheet.addRow(handler.columns.map((c) => c.header)).font = { bold: true };
    const note = sheet.addRow(
      handler.columns.map((c, i) => `${i === 0 ? `${NOTE_PREFIX}：` : ""}${columnNote(c)}`),
    );
    note.font = { italic: true, color: { argb: "FF888888" } };
    sheet.addRow(handler.columns.map((c) => c.example));
    handler.columns.forEach((c, i) => {
      sheet.getColumn(i + 1).width = Math.max(12, c.header.length * 2 + 4, c.example.length + 2);
      sheet.getColumn(i + 1).numFmt = "@"; // text: codes keep their digits, dates stay as typed
    });
    sheet.views = [{ state: "frozen", ySplit: 1 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
