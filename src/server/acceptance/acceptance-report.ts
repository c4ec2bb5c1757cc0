/**
 * The acceptance report (验收报告) as a Word document: Chinese headings, the scorecard table with
 * measured values, the veto items, the evidence list and a signatures block. Text goes in as text
 * runs, so nothing a user typed is ever interpreted as markup.
 */

import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import type { Scorecard } from "../../rules/acceptance/evaluate";
import { describeMeasures } from "../../rules/acceptance/labels";
import { GRADE_NAMES, type PerformanceEvaluation } from "../../rules/acceptance/performance";
import { type ProcedureEntry, type ProcedureStep, STEP_NAMES } from "../../rules/acceptance/procedure";
import type { AcceptanceStandard } from "../../rules/acceptance/standard";

export const ITEM_STATUS_ZH: Record<string, string> = {
  pass: "通过",
  fail: "未通过",
  pending: "待评估",
  "n/a": "不适用",
};
export const VETO_STATUS_ZH: Record<string, string> = {
  clear: "未触发",
  triggered: "触发",
  pending: "待确认",
};
type Decided = {
  id: string;
  status: string;
  note: string;
  overridden: boolean;
  dataResult?: { status: string; note: string };
};

const statusZh = (s: string) => ITEM_STATUS_ZH[s] ?? VETO_STATUS_ZH[s] ?? s;

/** The status cell: an assessor's override says so (both results are in the note). */
export const statusCell = (e: Decided) => `${statusZh(e.status)}${e.overridden ? "（评估机构改判）" : ""}`;

/** The note cell: the decision's note, and for an override what the data had decided. */
export function noteCell(e: Decided): string {
  if (!e.overridden || !e.dataResult) return e.note;
  return `改判理由：${e.note}。数据判定：${statusZh(e.dataResult.status)}（${e.dataResult.note}）`;
}

/** Rows of the overrides section: id, title, data's result, assessor's result, reason. */
export function overrideRows(scorecard: Scorecard, titles: Map<string, string>): string[][] {
  return [...scorecard.items, ...scorecard.veto]
    .filter((e) => e.overridden && e.dataResult)
    .map((e) => [
      e.id,
      titles.get(e.id) ?? "",
      `${statusZh(e.dataResult!.status)}：${e.dataResult!.note}`,
      statusZh(e.status),
      e.note,
    ]);
}

export const OVERRIDE_HEADER = ["编号", "指标", "数据判定", "评估机构判定", "改判理由"];

export const VERDICT_ZH: Record<string, string> = {
  passed: "通过验收",
  failed: "未通过验收",
  vetoed: "一票否决",
  incomplete: "评估未完成",
};

export type ReportInput = {
  countyName: string;
  scorecard: Scorecard;
  standard: AcceptanceStandard;
  evidence: {
    itemId: string;
    kind: string;
    note: string;
    fileName: string | null;
    createdBy: string;
    createdAt: string;
  }[];
  signoff?: { signedByName: string; signedAt: string };
  /** The points-based evaluation of the same scorecard (F10, M5). */
  performance?: PerformanceEvaluation;
  /** The K1 procedure as of the report's date, and the rectifications with their history. */
  procedure?: ProcedureEntry[];
  rectifications?: {
    ref: string;
    problem: string;
    owner: string;
    deadline: string;
    closedOn: string | null;
    history: { kind: string; date: string; outcome: string | null; note: string }[];
  }[];
};

const PROCEDURE_STATUS_ZH: Record<string, string> = {
  done: "已完成",
  open: "办理中",
  not_started: "未开始",
  "n/a": "不适用",
};
const HISTORY_ZH: Record<string, string> = { opened: "登记", evidence: "整改证据", reassessed: "复核" };

/** Section 六: the procedure's steps (K1) and every rectification with its history. */
function procedureSection(input: ReportInput) {
  const steps = (input.procedure ?? []).map((p) => [
    STEP_NAMES[p.step as ProcedureStep]?.zh ?? p.step,
    PROCEDURE_STATUS_ZH[p.status] ?? p.status,
    p.date ?? "",
  ]);
  const rects = (input.rectifications ?? []).map((r) => [
    r.ref,
    r.problem,
    r.owner,
    r.deadline,
    r.closedOn ? `复核通过 ${r.closedOn}` : "整改中",
    r.history
      .map(
        (h) =>
          `${h.date} ${HISTORY_ZH[h.kind] ?? h.kind}${h.outcome ? `（${h.outcome === "pass" ? "通过" : "未通过"}）` : ""}`,
      )
      .join("；"),
  ]);
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun("六、验收程序与整改")] }),
    steps.length
      ? table(["环节", "状态", "日期"], steps)
      : new Paragraph({ children: [new TextRun("（无）")] }),
    new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun("整改事项")] }),
    rects.length
      ? table(["事项", "问题", "责任单位", "期限", "状态", "经过"], rects)
      : new Paragraph({ children: [new TextRun("（无）")] }),
  ];
}

/** `92.5 分（优秀）`, with the grade the points alone give when a veto caps it. */
export function describeGrade(p: PerformanceEvaluation): string {
  const capped =
    p.grade !== p.gradeByPoints
      ? `；按分数为${GRADE_NAMES[p.gradeByPoints].zh}，因一票否决（${p.vetoed.join("、")}）评为${GRADE_NAMES[p.grade].zh}`
      : "";
  const provisional = p.isProvisional ? "；尚有待评估项，结果为暂定" : "";
  return `${p.points} 分 / ${p.maxPoints} 分（${GRADE_NAMES[p.grade].zh}）${capped}${provisional}`;
}

const cell = (text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, size: 20 })] })] });

const table = (header: string[], rows: string[][]) =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) })),
    ],
  });

export async function buildAcceptanceReport(input: ReportInput): Promise<Buffer> {
  const { scorecard, standard } = input;
  const titles = new Map([...standard.items, ...standard.veto].map((i) => [i.id, i.title.zh]));
  const doc = new Document({
    creator: "shifan 示范",
    title: `${input.countyName}电子商务进农村综合示范项目验收报告`,
    sections: [
      {
        children: [
          new Paragraph({
            heading: HeadingLevel.TITLE,
            alignment: AlignmentType.CENTER,
            children: [new TextRun(`${input.countyName}电子商务进农村综合示范项目验收报告`)],
          }),
          new Paragraph({
            children: [
              new TextRun(
                `县级代码：${scorecard.county}　评估基准日：${scorecard.asOf}　验收标准：${scorecard.standard}（第${scorecard.standardVersion ?? standard.version}版）`,
              ),
            ],
          }),
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun("一、验收结论")] }),
          new Paragraph({
            children: [new TextRun({ text: VERDICT_ZH[scorecard.verdict] ?? scorecard.verdict, bold: true })],
          }),
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun("二、验收指标")] }),
          table(
            ["编号", "指标", "结论", "测量值", "依据规则", "说明"],
            scorecard.items.map((i) => [
              i.id,
              titles.get(i.id) ?? "",
              statusCell(i),
              describeMeasures(i.measured),
              i.rules.join("、"),
              noteCell(i),
            ]),
          ),
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun("三、一票否决项")] }),
          table(
            ["编号", "事项", "状态", "说明"],
            scorecard.veto.map((v) => [v.id, titles.get(v.id) ?? "", statusCell(v), noteCell(v)]),
          ),
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun("评估机构改判事项")] }),
          overrideRows(scorecard, titles).length
            ? table(OVERRIDE_HEADER, overrideRows(scorecard, titles))
            : new Paragraph({
                children: [new TextRun("无：各项结论均与数据判定一致或由评估机构对待评估项作出。")],
              }),
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun("四、证据材料")] }),
          input.evidence.length
            ? table(
                ["指标", "类型", "说明", "文件", "提交人", "时间"],
                input.evidence.map((e) => [
                  e.itemId,
                  e.kind,
                  e.note,
                  e.fileName ?? "",
                  e.createdBy,
                  e.createdAt.slice(0, 16),
                ]),
              )
            : new Paragraph({ children: [new TextRun("（无）")] }),
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun("五、绩效评价")] }),
          ...(input.performance
            ? [
                new Paragraph({
                  children: [new TextRun({ text: describeGrade(input.performance), bold: true })],
                }),
                table(
                  ["指标", "权重", "得分", "依据", "说明"],
                  input.performance.indicators.map((i) => [
                    i.title.zh,
                    String(i.weight),
                    String(i.points),
                    [i.itemIds.join("、"), describeMeasures(i.measured)].filter(Boolean).join("："),
                    i.note,
                  ]),
                ),
              ]
            : [new Paragraph({ children: [new TextRun("（无）")] })]),
          ...procedureSection(input),
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun("七、签署")] }),
          new Paragraph({
            children: [
              new TextRun(
                input.signoff
                  ? `第三方评估机构：${input.signoff.signedByName}　签署时间：${input.signoff.signedAt.slice(0, 16)}`
                  : "第三方评估机构（签章）：＿＿＿＿＿＿＿＿　日期：＿＿＿＿",
              ),
            ],
          }),
          new Paragraph({
            children: [new TextRun("县级人民政府（签章）：＿＿＿＿＿＿＿＿　日期：＿＿＿＿")],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
