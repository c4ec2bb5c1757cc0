/**
 * Exports neutralise formula injection: a text cell that a spreadsheet could read as a formula
 * (leading = + - @, tab or carriage return — e.g. `=HYPERLINK(…)` typed into a note) is written
 * with a leading apostrophe, so it stays text when the file is opened or saved as CSV. Plain
 * numbers written as text (`-12.50`) cannot be formulas and are left alone.
 */
import type ExcelJS from "exceljs";

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[-+]?\d+(\.\d+)?$/;

export function formulaSafeText(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** Rewrites every text cell of the workbook in place; call just before writing it out. */
export function neutraliseFormulaText(workbook: ExcelJS.Workbook): void {
  workbook.eachSheet((sheet) => {
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        if (typeof cell.value === "string") cell.value = formulaSafeText(cell.value);
      });
    });
  });
}
