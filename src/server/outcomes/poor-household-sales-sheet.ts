/**
 * The 贫困户销售 sheet (rule O9, acceptance D3): a registered poor household's online sales of one
 * month — quantity, amount and income gain. 户编号 must name a household of the county's 贫困户
 * roster (stored, or on the 贫困户 sheet of the same workbook, which is validated and committed
 * first). An ID-card number pasted as 户编号 is matched through its keyed hash, never stored.
 */
import { yuanToFen } from "../../rules/money";
import { parseMonth } from "../../rules/operations";
import { AppError } from "../platform/http/errors";
import { parseNonNegativeInteger } from "../platform/workbook/cells";
import type { CellProblem, SheetHandler } from "../platform/workbook/sheet-handler";
import { householdImportState, personIdSecret, poorHouseholdCodes, pseudonymize } from "../upward";
import { type PoorHouseholdSaleInput, savePoorHouseholdSales } from "./save-poor-household-sales";

const SHEET = "贫困户销售";

type State = {
  secret: Buffer;
  known: (key: string) => boolean;
  seen: Map<string, number>;
};

const unknownHousehold = (label: string) => ({
  zh: `户编号 ${label} 不在本县贫困户名册中（请在“贫困户”表中登记）`,
  en: `Household ${label} is not on the county's roster of poor households`,
});

export const poorHouseholdSalesSheet: SheetHandler<PoorHouseholdSaleInput, State> = {
  sheet: SHEET,
  aliases: ["poor_household_sales"],
  // Contractors may import it too: sales the upward-services contractor brokers for poor households.
  contractorCategories: ["upward_services"],
  columns: [
    {
      header: "户编号",
      aliases: ["household_code", "household"],
      required: true,
      example: "WX-0001",
      help: { zh: "贫困户名册中的户编号", en: "A household of the 贫困户 roster" },
    },
    {
      header: "月份",
      aliases: ["month"],
      required: true,
      example: "2018-05",
      help: { zh: "YYYY-MM；同一户同一月份重复导入即替换", en: "YYYY-MM; re-importing a month replaces it" },
    },
    {
      header: "销售数量",
      aliases: ["quantity"],
      required: true,
      example: "120",
      help: { zh: "当月网络销售数量（件）", en: "Items sold online in the month" },
    },
    {
      header: "销售额(元)",
      aliases: ["销售额", "amount"],
      required: true,
      example: "3600.00",
      help: { zh: "最多两位小数", en: "Yuan, at most 2 decimals (O9)" },
    },
    {
      header: "增收(元)",
      aliases: ["增收", "income_gain"],
      required: true,
      example: "900.00",
      help: { zh: "当月因网络销售增加的收入", en: "Income gained through online sales, yuan" },
    },
  ],

  async prepare(ctx) {
    const stored = await poorHouseholdCodes(ctx.db, ctx.countyCode);
    const shared = householdImportState(ctx);
    return {
      secret: await personIdSecret(ctx.db),
      known: (key) => stored.has(key) || shared.households.has(key),
      seen: new Map(),
    };
  },

  parseRow(cells, state, row) {
    const problems: CellProblem[] = [];
    const household = pseudonymize(state.secret, cells["户编号"]!);
    if (!household.ok) problems.push({ column: "户编号", reason: household.reason });
    else if (!state.known(household.key))
      problems.push({ column: "户编号", reason: unknownHousehold(household.label) });
    const month = parseMonth(cells["月份"]!);
    if (!month.ok) problems.push({ column: "月份", reason: month.reason });
    const quantity = parseNonNegativeInteger(cells["销售数量"]!);
    if (!quantity.ok) problems.push({ column: "销售数量", reason: quantity.reason });
    const amount = yuanToFen(cells["销售额(元)"]!);
    if (!amount.ok) problems.push({ column: "销售额(元)", reason: amount.reason });
    const gain = yuanToFen(cells["增收(元)"]!);
    if (!gain.ok) problems.push({ column: "增收(元)", reason: gain.reason });
    if (!household.ok || !month.ok || !quantity.ok || !amount.ok || !gain.ok || problems.length)
      return { ok: false, problems };
    const key = `${household.key}\u0001${month.value}`;
    const first = state.seen.get(key);
    if (first !== undefined) {
      return {
        ok: false,
        problems: [
          {
            column: "月份",
            reason: {
              zh: `户 ${household.label} 的 ${month.value} 销售与第${first}行重复`,
              en: `Household ${household.label}, ${month.value} repeats row ${first}`,
            },
          },
        ],
      };
    }
    state.seen.set(key, row);
    return {
      ok: true,
      value: {
        householdCode: household.key,
        householdLabel: household.label,
        month: month.value,
        quantity: quantity.value,
        amountFen: amount.value,
        incomeGainFen: gain.value,
      },
    };
  },

  async commit(trx, rows, _state, { countyCode, actor }) {
    // With --partial a 贫困户 row may have been rejected: every household named must exist now.
    const stored = await poorHouseholdCodes(trx, countyCode);
    const missing = rows.filter((r) => !stored.has(r.value.householdCode));
    if (missing.length) {
      throw new AppError(
        422,
        "import_rejected",
        {
          zh: `${missing.length} 处错误，未写入任何数据`,
          en: `${missing.length} problems found; nothing was written`,
        },
        missing.map((m) => ({
          sheet: SHEET,
          row: m.row,
          column: "户编号",
          message: unknownHousehold(m.value.householdLabel).zh,
        })),
      );
    }
    return savePoorHouseholdSales(
      trx,
      countyCode,
      rows.map((r) => r.value),
      actor,
    );
  },
};
