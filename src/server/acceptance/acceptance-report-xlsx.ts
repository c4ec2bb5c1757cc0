/**
 * The acceptance report as a workbook: the conclusion, the scorecard with measured values, the veto
 * items, the performance points and the evidence, one sheet each. Every text cell that a
 * spreadsheet could read as a formula (= + - @, tab, carriage return) is written with a leading
 * apostrophe, so a note typed as `=HYPERLINK(…)` stays text.
 */

import ExcelJS from "exceljs";
import { describeMeasures } from "../../rules/acceptance/labels";
import { GRADE_NAMES, GROUP_NAMES } from "../../rules/acceptance/performance";
import { standardTitle } from "../../rules/acceptance/standard";
import { formatBp } from "../../rules/money";
import {
  describeGrade,
  noteCell,
  OVERRIDE_HEADER,
  overrideRows,
  type ReportInput,
  statusCell,
  VERDICT_ZH,
} from "./acceptance-report";

/** Text that cannot be taken for a formula: a leading = + - @ (or tab, CR) gets an apostrophe. */
export function safeCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

type Cell = string | number;
const safeRow = (row: Cell[]) => row.map((c) => (typeof c === "string" ? safeCell(c) : c));

function sheet(workbook: ExcelJS.Workbook, name: string, columns: [string, number][], rows: Cell[][]) {
  const ws = workbook.addWorksheet(name);
  ws.columns = columns.map(([header, width]) => ({ header, width }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: "frozen", ySplit: 1 }];
  for (const row of rows) ws.addRow(safeRow(row)).alignment = { wrapText: true, vertical: "top" };
  return ws;
}

const BY = { data: "数据", assessor: "评估机构" };

export async function buildAcceptanceWorkbook(input: ReportInput): Promise<Buffer> {
  const { scorecard, standard, performance } = input;
  const titles = new Map([...standard.items, ...standard.veto].map((i) => [i.id, i.title.zh]));
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "shifan 示范";
  sheet(
    workbook,
    "验收结论",
    [
      ["项目", 18],
      ["内容", 70],
    ],
    [
      ["县（市、区）", input.countyName],
      ["县级代码", scorecard.county],
      ["评估基准日", scorecard.asOf],
      ["验收标准", standardTitle(scorecard.standard, scorecard.standardVersion)],
      ["验收结论", VERDICT_ZH[scorecard.verdict] ?? scorecard.verdict],
      ["绩效评价", performance ? describeGrade(performance) : "（无）"],
      [
        "签署",
        input.signoff
          ? `${input.signoff.signedByName}，${input.signoff.signedAt.slice(0, 16).replace("T", " ")}`
          : "尚未签署",
      ],
    ],
  );
  sheet(
    workbook,
    "验收指标",
    [
      ["编号", 6],
      ["指标", 24],
      ["结论", 8],
      ["判定方", 8],
      ["测量值", 50],
      ["标准", 36],
      ["依据规则", 12],
      ["说明", 50],
    ],
    scorecard.items.map((i) => [
      i.id,
      titles.get(i.id) ?? "",
      statusCell(i),
      BY[i.decidedBy] ?? i.decidedBy,
      describeMeasures(i.measured),
      describeMeasures(i.threshold),
      i.rules.join("、"),
      noteCell(i),
    ]),
  );
  sheet(
    workbook,
    "一票否决",
    [
      ["编号", 6],
      ["事项", 30],
      ["状态", 8],
      ["判定方", 8],
      ["说明", 60],
    ],
    scorecard.veto.map((v) => [
      v.id,
      titles.get(v.id) ?? "",
      statusCell(v),
      BY[v.decidedBy] ?? v.decidedBy,
      noteCell(v),
    ]),
  );
  sheet(
    workbook,
    "评估机构改判",
    OVERRIDE_HEADER.map((h, i): [string, number] => [h, [6, 24, 50, 14, 50][i]!]),
    overrideRows(scorecard, titles),
  );
  if (performance) {
    const ws = sheet(
      workbook,
      "绩效评价",
      [
        ["指标", 24],
        ["分组", 14],
        ["权重", 8],
        ["得分", 8],
        ["得分比例", 10],
        ["依据项", 10],
        ["测量值", 50],
        ["说明", 50],
      ],
      performance.indicators.map((i) => [
        i.title.zh,
        GROUP_NAMES[i.group].zh,
        i.weight,
        i.points,
        formatBp(i.shareBp),
        i.itemIds.join("、"),
        describeMeasures(i.measured),
        i.note,
      ]),
    );
    const total = ws.addRow([
      "合计",
      "",
      performance.maxPoints,
      performance.points,
      "",
      "",
      "",
      GRADE_NAMES[performance.grade].zh,
    ]);
    total.font = { bold: true };
  }
  sheet(
    workbook,
    "证据材料",
    [
      ["指标", 6],
      ["类型", 8],
      ["说明", 50],
      ["文件", 30],
      ["提交人", 20],
      ["时间", 18],
    ],
    input.evidence.map((e) => [
      e.itemId,
      e.kind,
      e.note,
      e.fileName ?? "",
      e.createdBy,
      e.createdAt.slice(0, 16).replace("T", " "),
    ]),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
