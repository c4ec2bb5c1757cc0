import { describe, expect, it } from "vitest";
import { rejectsCsv } from "./rejects-csv";

describe("the rejects CSV built from a dry run", () => {
  it("has a BOM, a Chinese header and one line per refused row", () => {
    const csv = rejectsCsv([
      { sheet: "村庄", row: 3, column: "常住人口", reason: "应为非负整数，实为“很多”" },
      { sheet: "站点", row: 7, reason: "缺少必填列" },
    ]);
    expect(csv.startsWith("\uFEFF工作表,行号,列,原因\r\n")).toBe(true);
    expect(csv.split("\r\n")).toEqual([
      "\uFEFF工作表,行号,列,原因",
      "村庄,3,常住人口,应为非负整数，实为“很多”",
      "站点,7,,缺少必填列",
      "",
    ]);
  });

  it("quotes commas, quotes and line breaks, and defuses cells Excel would run as formulas", () => {
    const csv = rejectsCsv([{ sheet: "物流", row: 2, column: "a,b", reason: '=HYPERLINK("x")\n第二行' }]);
    expect(csv.split("\r\n")[1]).toBe('物流,2,"a,b","\'=HYPERLINK(""x"")\n第二行"');
  });
});
