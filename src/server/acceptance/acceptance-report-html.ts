/**
 * The acceptance report as a printable HTML page (A4, no script): the same sections as the Word
 * document. Every value is escaped, so a note typed as markup shows as text.
 */

import { describeMeasures } from "../../rules/acceptance/labels";
import { GRADE_NAMES } from "../../rules/acceptance/performance";
import { standardTitle } from "../../rules/acceptance/standard";
import {
  describeGrade,
  ITEM_STATUS_ZH,
  noteCell,
  OVERRIDE_HEADER,
  overrideRows,
  type ReportInput,
  statusCell,
  VERDICT_ZH,
} from "./acceptance-report";

/** The page's own headers: nothing but inline styles may load or run. */
export const REPORT_HTML_HEADERS = {
  "content-security-policy":
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

const STYLE = `
@page { size: A4; margin: 18mm 15mm; }
body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; color: #000; margin: 24px; font-size: 12pt; }
h1 { text-align: center; font-size: 18pt; }
h2 { font-size: 14pt; margin-top: 1.4em; border-bottom: 1px solid #000; }
table { width: 100%; border-collapse: collapse; margin: .5em 0; page-break-inside: auto; }
th, td { border: 1px solid #555; padding: 3px 5px; vertical-align: top; font-size: 10pt; text-align: left; }
th { background: #eee; }
tr { page-break-inside: avoid; }
.meta { text-align: center; }
.verdict { font-weight: bold; font-size: 14pt; }
.sign p { margin: 1.2em 0; }
.hint { color: #666; font-size: 9pt; }
@media print { .hint { display: none; } body { margin: 0; } }
`;

const cells = (values: unknown[], tag = "td") =>
  values.map((v) => `<${tag}>${escapeHtml(v)}</${tag}>`).join("");
const table = (header: string[], rows: unknown[][]) =>
  `<table><thead><tr>${cells(header, "th")}</tr></thead><tbody>${rows
    .map((r) => `<tr>${cells(r)}</tr>`)
    .join("")}</tbody></table>`;

export function buildAcceptanceHtml(input: ReportInput): string {
  const { scorecard, standard, performance } = input;
  const titles = new Map([...standard.items, ...standard.veto].map((i) => [i.id, i.title.zh]));
  const title = `${input.countyName}电子商务进农村综合示范项目验收报告`;
  const sections = [
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="meta">${escapeHtml(
      `县级代码：${scorecard.county}　评估基准日：${scorecard.asOf}　验收标准：${standardTitle(scorecard.standard, scorecard.standardVersion)}`,
    )}</p>`,
    `<p class="hint">使用浏览器的“打印”可输出纸质或 PDF 版本。</p>`,
    "<h2>一、验收结论</h2>",
    `<p class="verdict">${escapeHtml(VERDICT_ZH[scorecard.verdict] ?? scorecard.verdict)}</p>`,
    "<h2>二、验收指标</h2>",
    table(
      ["编号", "指标", "结论", "测量值", "标准", "依据规则", "说明"],
      scorecard.items.map((i) => [
        i.id,
        titles.get(i.id) ?? "",
        i.overridden
          ? statusCell(i)
          : `${ITEM_STATUS_ZH[i.status] ?? i.status}${i.decidedBy === "assessor" ? "（评估机构）" : ""}`,
        describeMeasures(i.measured),
        describeMeasures(i.threshold),
        i.rules.join("、"),
        noteCell(i),
      ]),
    ),
    "<h2>三、一票否决项</h2>",
    table(
      ["编号", "事项", "状态", "说明"],
      scorecard.veto.map((v) => [v.id, titles.get(v.id) ?? "", statusCell(v), noteCell(v)]),
    ),
    "<h3>评估机构改判事项</h3>",
    overrideRows(scorecard, titles).length
      ? table(OVERRIDE_HEADER, overrideRows(scorecard, titles))
      : "<p>无：各项结论均与数据判定一致或由评估机构对待评估项作出。</p>",
    "<h2>四、证据材料</h2>",
    input.evidence.length
      ? table(
          ["指标", "类型", "说明", "文件", "提交人", "时间"],
          input.evidence.map((e) => [
            e.itemId,
            e.kind,
            e.note,
            e.fileName ?? "",
            e.createdBy,
            e.createdAt.slice(0, 16).replace("T", " "),
          ]),
        )
      : "<p>（无）</p>",
    "<h2>五、绩效评价</h2>",
    performance
      ? `<p class="verdict">${escapeHtml(describeGrade(performance))}</p>${table(
          ["指标", "权重", "得分", "依据", "说明"],
          [
            ...performance.indicators.map((i) => [
              i.title.zh,
              i.weight,
              i.points,
              [i.itemIds.join("、"), describeMeasures(i.measured)].filter(Boolean).join("："),
              i.note,
            ]),
            ["合计", performance.maxPoints, performance.points, "", GRADE_NAMES[performance.grade].zh],
          ],
        )}`
      : "<p>（无）</p>",
    "<h2>六、签署</h2>",
    `<div class="sign"><p>${escapeHtml(
      input.signoff
        ? `第三方评估机构：${input.signoff.signedByName}　签署时间：${input.signoff.signedAt.slice(0, 16).replace("T", " ")}`
        : "第三方评估机构（签章）：＿＿＿＿＿＿＿＿　日期：＿＿＿＿",
    )}</p><p>县级人民政府（签章）：＿＿＿＿＿＿＿＿　日期：＿＿＿＿</p></div>`,
  ];
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(
    title,
  )}</title><style>${STYLE}</style></head><body>${sections.join("\n")}</body></html>`;
}
