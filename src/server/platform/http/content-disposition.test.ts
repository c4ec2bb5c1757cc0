import { describe, expect, it } from "vitest";
import { contentDisposition } from "./content-disposition";

/** RFC 5987 decoding as a browser does it: the value after UTF-8''. */
const extendedName = (header: string) => decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(header)![1]!);

describe("contentDisposition", () => {
  it("carries a Chinese name in filename* and a readable ASCII fallback", () => {
    const header = contentDisposition("威县信息报送2018-10月报.xlsx", { fallback: "report-2018-10.xlsx" });
    expect(header).toMatch(/^attachment; filename="report-2018-10.xlsx"; filename\*=UTF-8''/);
    expect(extendedName(header)).toBe("威县信息报送2018-10月报.xlsx");
  });

  it("encodes the characters RFC 5987 does not allow bare: ' ( ) * and spaces", () => {
    const header = contentDisposition("报告(草稿)'s *.docx");
    const value = /filename\*=UTF-8''(.+)$/.exec(header)![1]!;
    expect(value).not.toMatch(/['()* ]/);
    expect(extendedName(header)).toBe("报告(草稿)'s *.docx");
  });

  it("derives an ASCII fallback without quotes when none is given, and marks inline documents", () => {
    const header = contentDisposition('威县"纪要".txt', { inline: true });
    expect(header.startsWith('inline; filename="')).toBe(true);
    const fallback = /filename="([^"]*)"/.exec(header)![1]!;
    expect(fallback).toMatch(/^[\x20-\x7e]+\.txt$/);
    expect(contentDisposition("验收报告.docx")).toContain('filename="download.docx"');
  });
});
