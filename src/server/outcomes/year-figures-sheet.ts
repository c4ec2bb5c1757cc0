/**
 * The 年度指标 sheet of the county workbook (interfaces.md, rule K7): per year, the county's
 * e-commerce transactions, rural and agricultural online retail and jobs created. A year not yet
 * over holds the figures of the same period. Re-importing a year replaces it.
 */
import { yuanToFen } from "../../rules/money";
import { parseNonNegativeInteger } from "../platform/workbook/cells";
import type { CellProblem, SheetHandler } from "../platform/workbook/sheet-handler";
import { saveYearFigures, type YearFiguresInput } from "./save-year-figures";

type State = { seen: Map<number, number> };

// Years the program can speak of: the 2017 batch's baseline back to 2010, a few years ahead.
const FIRST_YEAR = 2010;
const LAST_YEAR = 2035;

const MONEY_COLUMNS = [
  ["电子商务交易额(元)", "transactionsFen", ["transactions", "电子商务交易额"]],
  ["农村网络零售额(元)", "ruralRetailFen", ["rural_online_retail", "农村网络零售额"]],
  ["农产品网络零售额(元)", "agriRetailFen", ["agricultural_online_retail", "农产品网络零售额"]],
] as const;

export const yearFiguresSheet: SheetHandler<
  Omit<YearFiguresInput, "sourceDocument"> & { source: string },
  State
> = {
  sheet: "年度指标",
  aliases: ["year_figures"],
  columns: [
    {
      header: "年份",
      aliases: ["year"],
      required: true,
      example: "2018",
      help: {
        zh: "YYYY；当年未结束时填同期数（与上年同期比较）",
        en: "YYYY; a year not yet over holds the same period (D1, D2 compare with the year before)",
      },
    },
    ...MONEY_COLUMNS.map(([header, , aliases]) => ({
      header,
      aliases: [...aliases],
      required: true,
      example: header.startsWith("电子") ? "356000000" : header.startsWith("农村") ? "218000000" : "96500000",
      help: { zh: "最多两位小数", en: "Yuan, at most 2 decimals (K7)" },
    })),
    {
      header: "带动就业(人)",
      aliases: ["jobs", "带动就业"],
      required: true,
      example: "1260",
      help: { zh: "当年电子商务带动就业人数", en: "Jobs created by e-commerce in the year (D2)" },
    },
    {
      header: "来源文件",
      aliases: ["source_document", "来源"],
      required: false,
      example: "县统计局《2018年电子商务统计》",
      help: {
        zh: "数据来源文件；不填则记为导入的工作簿",
        en: "Source document; the imported workbook when blank",
      },
    },
  ],

  async prepare() {
    return { seen: new Map() };
  },

  parseRow(cells, state, row) {
    const problems: CellProblem[] = [];
    const yearText = cells["年份"]!.normalize("NFKC").trim().replace(/年$/, "");
    const year = /^\d{4}$/.test(yearText) ? Number(yearText) : Number.NaN;
    if (!(year >= FIRST_YEAR && year <= LAST_YEAR)) {
      problems.push({
        column: "年份",
        reason: {
          zh: `年份应为 ${FIRST_YEAR}–${LAST_YEAR} 的四位数字，实为“${cells["年份"]}”`,
          en: `Year must be 4 digits within ${FIRST_YEAR}–${LAST_YEAR}, got "${cells["年份"]}"`,
        },
      });
    } else if (state.seen.has(year)) {
      problems.push({
        column: "年份",
        reason: {
          zh: `${year}年与第${state.seen.get(year)}行重复`,
          en: `${year} repeats row ${state.seen.get(year)}`,
        },
      });
    }
    const money: Partial<Record<(typeof MONEY_COLUMNS)[number][1], number>> = {};
    for (const [header, key] of MONEY_COLUMNS) {
      const fen = yuanToFen(cells[header]!);
      if (fen.ok) money[key] = fen.value;
      else problems.push({ column: header, reason: fen.reason });
    }
    const jobs = parseNonNegativeInteger(cells["带动就业(人)"]!);
    if (!jobs.ok) problems.push({ column: "带动就业(人)", reason: jobs.reason });
    const source = (cells["来源文件"] ?? "").trim();
    if (source.length > 300) {
      problems.push({
        column: "来源文件",
        reason: { zh: "来源文件最长300字", en: "At most 300 characters" },
      });
    }
    if (problems.length || !jobs.ok) return { ok: false, problems };
    state.seen.set(year, row);
    return {
      ok: true,
      value: {
        year,
        transactionsFen: money.transactionsFen!,
        ruralRetailFen: money.ruralRetailFen!,
        agriRetailFen: money.agriRetailFen!,
        jobs: jobs.value,
        source,
      },
    };
  },

  async commit(trx, rows, _state, { countyCode, actor }) {
    return saveYearFigures(
      trx,
      countyCode,
      rows.map(({ value: { source, ...figures } }) => ({
        ...figures,
        sourceDocument: source || `县域工作簿导入（${actor.name}）`,
      })),
      actor,
    );
  },
};
