/**
 * The template's note row says each thing once (issue 18, item 9): 必填 or 选填 once, never
 * 可选 beside it, no unit the header already names, no rule code a county clerk would not know.
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { buildSheetRegistry } from "../../src/server/domains";
import { buildTemplate, columnNote, NOTE_PREFIX } from "../../src/server/platform/workbook/template";

describe("the workbook template's notes", () => {
  it("composes one 必填/选填 and drops what the help or the header says again", () => {
    expect(columnNote({ header: "负责人", required: false, help: { zh: "可选", en: "" } })).toBe("选填");
    expect(
      columnNote({ header: "户编号", required: false, help: { zh: "选填；贫困户成员填户编号", en: "" } }),
    ).toBe("选填，贫困户成员填户编号");
    expect(columnNote({ header: "金额(元)", required: true, help: { zh: "元，最多两位小数", en: "" } })).toBe(
      "必填，最多两位小数",
    );
    expect(
      columnNote({ header: "支持方式", required: false, help: { zh: "直接补助等，可空", en: "" } }),
    ).toBe("选填，直接补助等");
    expect(
      columnNote({ header: "贫困人员", required: true, help: { zh: "是/否（建档立卡，K5）", en: "" } }),
    ).toBe("必填，是/否（建档立卡）");
    expect(columnNote({ header: "内容", required: true, help: { zh: "建设内容（规则 F4）", en: "" } })).toBe(
      "必填，建设内容",
    );
    expect(columnNote({ header: "签收时间", required: true, help: { zh: "未签收留空", en: "" } })).toBe(
      "须保留此列，未签收留空",
    );
  });

  it("holds no repeated or contradictory words in any note of the generated template", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await buildTemplate(buildSheetRegistry())) as unknown as ArrayBuffer);
    let notes = 0;
    workbook.eachSheet((sheet) => {
      const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
      const row = (sheet.getRow(2).values as unknown[]).slice(1).map(String);
      expect(row[0]!.startsWith(`${NOTE_PREFIX}：`), sheet.name).toBe(true);
      row.forEach((raw, i) => {
        const note = raw.replace(`${NOTE_PREFIX}：`, "");
        const where = `${sheet.name}/${headers[i]}: ${note}`;
        notes++;
        expect(note, where).toMatch(/^(必填|选填|须保留此列)(，|$)/);
        expect(note.match(/必填|选填/g)?.length ?? 0, where).toBeLessThanOrEqual(1);
        expect(note, where).not.toContain("可选");
        if (note.startsWith("选填")) expect(note, where).not.toMatch(/可空|可留空/);
        const unit = /\(([^)]+)\)$/.exec(headers[i]!)?.[1];
        if (unit) expect(note.split("，")[1] ?? "", where).not.toBe(unit);
        if (unit) expect(note, where).not.toContain(`，${unit}，`);
        expect(note, where).not.toMatch(/(^|[^A-Za-z])[A-Z]\d{1,2}([^0-9]|$)/);
      });
    });
    expect(notes).toBeGreaterThan(40);
  });
});
