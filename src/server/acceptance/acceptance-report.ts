/**
 * The acceptance report (验收报告) as a Word document laid out like an official report: A4 with the
 * margins of GB/T 9704, 宋体 body and 黑体 headings set in the document's styles (the eastAsia font,
 * so Word on any machine shows Chinese in them), page numbers, a preface, the conclusion with its
 * grade explained, the scorecard with each item's requirement beside what was measured, the veto
 * items, the evidence list and a signatures block. Text goes in as text runs, so nothing a user
 * typed is ever interpreted as markup.
 */

import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
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
import { type AcceptanceStandard, HEBEI_2017, standardTitle } from "../../rules/acceptance/standard";

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

const VETO_TITLES = new Map(HEBEI_2017.veto.map((v) => [v.id, v.title.zh]));

/** `92.5 分（优秀）`, with the grade the points alone give when a veto caps it. */
export function describeGrade(p: PerformanceEvaluation): string {
  const capped =
    p.grade !== p.gradeByPoints
      ? `；按分数为${GRADE_NAMES[p.gradeByPoints].zh}，因一票否决项“${p.vetoed.map((id) => VETO_TITLES.get(id) ?? id).join("、")}”触发评为${GRADE_NAMES[p.grade].zh}`
      : "";
  const provisional = p.isProvisional ? "；尚有待评估项，结果为暂定" : "";
  return `${p.points} 分 / ${p.maxPoints} 分（${GRADE_NAMES[p.grade].zh}）${capped}${provisional}`;
}

/** 宋体 for Chinese, Times New Roman for Latin letters and digits: the usual pairing of 公文. */
const BODY_FONT = {
  ascii: "Times New Roman",
  hAnsi: "Times New Roman",
  cs: "Times New Roman",
  eastAsia: "宋体",
};
const HEADING_FONT = { ...BODY_FONT, eastAsia: "黑体" };
/** Half-points: 小二 18 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt, 五号 10.5 pt. */
const SIZE = { title: 36, heading1: 32, heading2: 28, body: 24, table: 21 } as const;
/** Twips (1 mm = 56.7): A4, and the margins of GB/T 9704 (top 37, bottom 35, left 28, right 26 mm). */
const PAGE = {
  size: { width: 11906, height: 16838 },
  margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 },
};

/** The document's styles: fonts are set here, once, not on each run. */
export const REPORT_STYLES = {
  default: {
    document: {
      run: { font: BODY_FONT, size: SIZE.body, language: { value: "zh-CN", eastAsia: "zh-CN" } },
      paragraph: { spacing: { line: 360 } },
    },
    title: {
      run: { font: HEADING_FONT, size: SIZE.title, color: "000000" },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 360 } },
    },
    heading1: {
      run: { font: HEADING_FONT, size: SIZE.heading1, bold: false, color: "000000" },
      paragraph: { spacing: { before: 360, after: 120 } },
    },
    heading2: {
      run: { font: HEADING_FONT, size: SIZE.heading2, bold: false, color: "000000" },
      paragraph: { spacing: { before: 240, after: 120 } },
    },
  },
};

/** 2018-10-31 → 2018年10月31日 */
export function chineseDate(date: string): string {
  const [y, m, d] = date.slice(0, 10).split("-");
  return `${y}年${Number(m)}月${Number(d)}日`;
}

const EVIDENCE_KIND_ZH: Record<string, string> = { note: "说明", file: "文件", photo: "照片" };

const cell = (text: string, bold = false) =>
  new TableCell({
    children: [
      new Paragraph({ spacing: { line: 276 }, children: [new TextRun({ text, bold, size: SIZE.table })] }),
    ],
  });

const body = (text: string, options: { bold?: boolean; indent?: boolean } = {}) =>
  new Paragraph({
    // 首行缩进两字
    indent: options.indent === false ? undefined : { firstLine: 480 },
    children: [new TextRun({ text, bold: options.bold })],
  });

/**
 * The conclusion in words: the verdict, how many items passed, failed or wait for the assessor,
 * the veto items triggered, and the performance grade — so "96 分" beside "一票否决" is explained.
 */
export function conclusionText(input: ReportInput, titles: Map<string, string>): string[] {
  const { scorecard } = input;
  const count = (status: string) => scorecard.items.filter((i) => i.status === status).length;
  const triggered = scorecard.veto.filter((v) => v.status === "triggered");
  const pendingVeto = scorecard.veto.filter((v) => v.status === "pending");
  const named = (list: { id: string }[]) => list.map((v) => `“${titles.get(v.id) ?? v.id}”`).join("、");
  const lines = [
    `验收结论：${VERDICT_ZH[scorecard.verdict] ?? scorecard.verdict}。${scorecard.items.length} 项验收指标中，通过 ${count("pass")} 项，未通过 ${count("fail")} 项，待评估机构判定 ${count("pending")} 项${count("n/a") ? `，不适用 ${count("n/a")} 项` : ""}。`,
  ];
  if (triggered.length) {
    lines.push(`一票否决项${named(triggered)}已触发：无论各项指标和绩效得分如何，项目均不予通过验收。`);
  } else if (pendingVeto.length) {
    lines.push(`一票否决项${named(pendingVeto)}尚待确认，确认前不能作出通过验收的结论。`);
  } else {
    lines.push("一票否决项均未触发。");
  }
  if (input.performance) {
    const p = input.performance;
    lines.push(
      `绩效评价：${describeGrade(p)}。绩效得分反映各项工作的完成程度；是否通过验收，以各项验收指标和一票否决项为准。`,
    );
  }
  return lines;
}

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
  const title = `${input.countyName}电子商务进农村综合示范项目验收报告`;
  const standardName = standardTitle(scorecard.standard, scorecard.standardVersion ?? standard.version);
  const doc = new Document({
    creator: "shifan 示范",
    title,
    styles: REPORT_STYLES,
    sections: [
      {
        properties: { page: PAGE },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ["— ", PageNumber.CURRENT, " —"], size: SIZE.table })],
              }),
            ],
          }),
        },
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(title)] }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun(`（评估基准日：${chineseDate(scorecard.asOf)}）`)],
          }),
          body(
            `根据《${standardName}》，依据平台记录的${input.countyName}（县级代码 ${scorecard.county}）建设、运营和管理数据，以及第三方评估机构对需现场核实事项的判定，对该县电子商务进农村综合示范项目截至${chineseDate(scorecard.asOf)}的情况进行了评估。现将评估结果报告如下。`,
          ),
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun("一、验收结论")] }),
          ...conclusionText(input, titles).map((line, i) => body(line, { bold: i === 0 })),
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun("二、验收指标")] }),
          body("下表逐项列出验收标准的要求、平台测得的数值和结论；“依据规则”为判定所依据的规则编号。"),
          table(
            ["编号", "指标", "达标要求", "测量值", "结论", "依据规则", "说明"],
            scorecard.items.map((i) => [
              i.id,
              titles.get(i.id) ?? "",
              describeMeasures(i.threshold) || "—",
              describeMeasures(i.measured) || "—",
              statusCell(i),
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
            : body("无：各项结论均与数据判定一致或由评估机构对待评估项作出。"),
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun("四、证据材料")] }),
          input.evidence.length
            ? table(
                ["指标", "类型", "说明", "文件", "提交人", "时间"],
                input.evidence.map((e) => [
                  `${e.itemId} ${titles.get(e.itemId) ?? ""}`.trim(),
                  EVIDENCE_KIND_ZH[e.kind] ?? e.kind,
                  e.note,
                  e.fileName ?? "",
                  e.createdBy,
                  e.createdAt.slice(0, 16).replace("T", " "),
                ]),
              )
            : body("（无）"),
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun("五、绩效评价")] }),
          ...(input.performance
            ? [
                body(describeGrade(input.performance), { bold: true }),
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
            : [body("（无）")]),
          ...procedureSection(input),
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun("七、签署")] }),
          body(
            input.signoff
              ? `第三方评估机构：${input.signoff.signedByName}　　签署时间：${chineseDate(input.signoff.signedAt)} ${input.signoff.signedAt.slice(11, 16)}`
              : "第三方评估机构（盖章）：＿＿＿＿＿＿＿＿　　日期：＿＿＿＿年＿＿月＿＿日",
            { indent: false },
          ),
          body("县级人民政府（盖章）：＿＿＿＿＿＿＿＿　　日期：＿＿＿＿年＿＿月＿＿日", { indent: false }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
