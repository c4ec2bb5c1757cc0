/** Generates the county workbook template (.xlsx) from the registered sheet handlers. */
import ExcelJS from "exceljs";
import type { SheetRegistry } from "./sheet-handler";

export const NOTE_PREFIX = "说明";

/** One sheet per handler: Chinese headers, a note row (skipped on import) and an example row. */
export async function buildTemplate(registry: SheetRegistry): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "shifan";
  for (const handler of registry.all()) {
    const sheet = workbook.addWorksheet(handler.sheet);
    sheet.addRow(handler.columns.map((c) => c.header)).font = { bold: true };
    const note = sheet.addRow(
      handler.columns.map(
        (c, i) => `${i === 0 ? `${NOTE_PREFIX}：` : ""}${c.required ? "必填" : "选填"}，${c.help.zh}`,
      ),
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
