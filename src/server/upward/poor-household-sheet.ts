/**
 * The 贫困户 sheet of the county workbook: the registered poor households of the county (户编号,
 * 村代码, 人口). A 户编号 that is an ID-card number is stored only as its keyed hash. It commits
 * before the 培训 sheet, whose rows may name these households.
 */
import { parseNonNegativeInteger } from "../platform/workbook/cells";
import type { CellProblem, SheetHandler } from "../platform/workbook/sheet-handler";
import { type HouseholdImportState, householdImportState } from "./import-shared-state";
import { personIdSecret, pseudonymize } from "./person-pseudonym";
import { type PoorHouseholdRow, savePoorHouseholds } from "./save-poor-households";

type State = {
  secret: Buffer;
  villageCodes: ReadonlySet<string>;
  seen: Map<string, number>;
  shared: HouseholdImportState;
};

export const poorHouseholdSheet: SheetHandler<PoorHouseholdRow, State> = {
  sheet: "贫困户",
  aliases: ["poor_households"],
  columns: [
    {
      header: "户编号",
      aliases: ["household_code", "household"],
      required: true,
      example: "WX-0001",
      help: {
        zh: "建档立卡户编号；若填身份证号，系统只保存其加密摘要",
        en: "Household number; an ID-card number is stored only as a keyed hash",
      },
    },
    {
      header: "村代码",
      aliases: ["village_code"],
      required: true,
      example: "130533100201",
      help: { zh: "12位统计用区划代码，须属于本县", en: "12-digit code of a village of this county" },
    },
    {
      header: "人口",
      aliases: ["members", "population"],
      required: true,
      example: "4",
      help: { zh: "户内人口数", en: "Members of the household" },
    },
  ],

  async prepare(ctx) {
    const rows = await ctx.db
      .selectFrom("regions")
      .select("code")
      .where("county_code", "=", ctx.countyCode)
      .where("level", "=", "village")
      .execute();
    // Sheets are validated one after another: a 培训 sheet prepared after this one sees every
    // household of this sheet in `households`.
    const shared = householdImportState(ctx);
    shared.poorSheetValidated = true;
    return {
      secret: await personIdSecret(ctx.db),
      villageCodes: new Set(rows.map((r) => r.code)),
      seen: new Map(),
      shared,
    };
  },

  parseRow(cells, state, row) {
    const problems: CellProblem[] = [];
    const household = pseudonymize(state.secret, cells["户编号"]!);
    if (!household.ok) problems.push({ column: "户编号", reason: household.reason });
    else if (state.seen.has(household.key)) {
      problems.push({
        column: "户编号",
        reason: {
          zh: `户编号 ${household.label} 与第${state.seen.get(household.key)}行重复`,
          en: `Household ${household.label} repeats row ${state.seen.get(household.key)}`,
        },
      });
    }
    const village = cells["村代码"]!.trim();
    if (!/^\d{12}$/.test(village)) {
      problems.push({
        column: "村代码",
        reason: {
          zh: `村代码应为12位数字，实为“${village}”`,
          en: `村代码 must be 12 digits, got "${village}"`,
        },
      });
    } else if (!state.villageCodes.has(village)) {
      problems.push({
        column: "村代码",
        reason: {
          zh: `村代码 ${village} 不是本县的村级单位`,
          en: `${village} is not a village of this county`,
        },
      });
    }
    const members = parseNonNegativeInteger(cells["人口"]!);
    if (!members.ok) problems.push({ column: "人口", reason: members.reason });
    else if (members.value < 1 || members.value > 50) {
      problems.push({
        column: "人口",
        reason: {
          zh: `人口应在1至50之间，实为${members.value}`,
          en: `Members must be 1–50, got ${members.value}`,
        },
      });
    }
    if (problems.length || !household.ok || !members.ok) return { ok: false, problems };
    state.seen.set(household.key, row);
    state.shared.households.add(household.key);
    return {
      ok: true,
      value: {
        code: household.key,
        codeLabel: household.label,
        villageCode: village,
        members: members.value,
      },
    };
  },

  async commit(trx, rows, _state, { countyCode, actor }) {
    return savePoorHouseholds(
      trx,
      countyCode,
      rows.map((r) => r.value),
      actor,
    );
  },
};
