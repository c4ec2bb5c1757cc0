/**
 * The 资金安排 sheet of the county workbook (interfaces.md): one row per line of the fund
 * arrangement. The accepted rows become a new draft version of the plan (or a change, once filed),
 * checked by the same rules as the form (F2–F4).
 */

import { parseSupportMethod, SUPPORT_METHODS } from "../../rules/fund-plan";
import { FUND_CATEGORIES, FUND_GROUPS, type FundCategoryKey, parseFundCategory } from "../../rules/funds";
import { yuanToFen } from "../../rules/money";
import type { CellProblem, SheetHandler } from "../platform/workbook/sheet-handler";
import { createFundPlanVersion, type PlanLineInput } from "./create-fund-plan-version";

const categoryNames = FUND_CATEGORIES.map((c) => c.name.zh).join("、");
const methodNames = SUPPORT_METHODS.map((m) => m.name.zh).join("、");

export const fundPlanSheet: SheetHandler<PlanLineInput, null> = {
  sheet: "资金安排",
  aliases: ["fund_plan"],
  columns: [
    {
      header: "类别",
      aliases: ["category", "资金类别"],
      required: true,
      example: "村级服务站点",
      help: {
        zh: `六类之一：${categoryNames}（或其键名）`,
        en: "One of the six F2 categories, by key or Chinese name",
      },
    },
    {
      header: "金额(元)",
      aliases: ["金额", "amount", "安排金额(元)"],
      required: true,
      example: "1500000.00",
      help: { zh: "最多两位小数", en: "Yuan, up to 2 decimals" },
    },
    {
      header: "内容",
      aliases: ["description", "建设内容", "项目内容"],
      required: true,
      example: "建设改造村级电商服务站点100个",
      help: { zh: "建设内容（用于核查禁止用途）", en: "What the money pays for (checked for F4)" },
    },
    {
      header: "支持方式",
      aliases: ["support_method"],
      required: false,
      example: "以奖代补",
      help: { zh: `${methodNames}，可空`, en: "Support method (rule F1), may be blank" },
    },
  ],

  async prepare() {
    return null;
  },

  parseRow(cells) {
    const problems: CellProblem[] = [];
    const categoryText = cells["类别"]!.trim();
    const category: FundCategoryKey | undefined = categoryText ? parseFundCategory(categoryText) : undefined;
    const group = FUND_GROUPS.find(
      (g) => g.members.length > 1 && [g.key, g.name.zh].includes(categoryText.replace(/\s+/g, "")),
    );
    if (!category && group) {
      const leaves = group.members.map((m) => FUND_CATEGORIES.find((c) => c.key === m)!.name.zh).join("、");
      problems.push({
        column: "类别",
        reason: {
          zh: `“${categoryText}”是大类，请填写其中的具体类别：${leaves}（规则 F2）`,
          en: `"${categoryText}" is a group; name one of its categories (rule F2)`,
        },
      });
    } else if (!category) {
      problems.push({
        column: "类别",
        reason: {
          zh: categoryText
            ? `无法识别的资金类别“${categoryText}”，应为：${categoryNames}`
            : `类别不能为空，应为：${categoryNames}`,
          en: `Unknown fund category "${categoryText}" (rule F2)`,
        },
      });
    }
    const amount = yuanToFen(cells["金额(元)"]!);
    if (!amount.ok) problems.push({ column: "金额(元)", reason: amount.reason });
    const description = cells["内容"]!.trim();
    if (!description) {
      problems.push({ column: "内容", reason: { zh: "内容不能为空", en: "The content may not be blank" } });
    }
    const methodText = (cells["支持方式"] ?? "").trim();
    const supportMethod = methodText ? parseSupportMethod(methodText) : null;
    if (supportMethod === undefined) {
      problems.push({
        column: "支持方式",
        reason: {
          zh: `无法识别的支持方式“${methodText}”，应为：${methodNames}`,
          en: `Unknown support method "${methodText}" (rule F1)`,
        },
      });
    }
    if (problems.length || !category || !amount.ok || supportMethod === undefined)
      return { ok: false, problems };
    return { ok: true, value: { category, amountFen: amount.value, description, supportMethod } };
  },

  async commit(trx, rows, _state, { countyCode, actor }) {
    await createFundPlanVersion({
      db: trx,
      actor,
      countyCode,
      lines: rows.map((r) => r.value),
      source: "workbook",
    });
    return rows.length;
  },
};
