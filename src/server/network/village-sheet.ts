/**
 * The 村庄 sheet of the county workbook: resident population, registered-poor flag and
 * broadband per village-level unit. Codes must be village-level units of the importing county.
 */

import { parseNonNegativeInteger, parseYesNo } from "../platform/workbook/cells";
import type { CellProblem, SheetHandler } from "../platform/workbook/sheet-handler";
import type { VillageRow } from "./save-villages";
import { saveVillages } from "./save-villages";

type State = { villageCodes: ReadonlySet<string>; seen: Map<string, number> };

export const villageSheet: SheetHandler<VillageRow, State> = {
  sheet: "村庄",
  aliases: ["villages"],
  columns: [
    {
      header: "村代码",
      aliases: ["code", "village_code"],
      required: true,
      example: "130533100201",
      help: {
        zh: "12位统计用区划代码，须属于本县",
        en: "12-digit statistical code of a village in this county",
      },
    },
    {
      header: "村名称",
      aliases: ["name"],
      required: false,
      example: "示例村民委员会",
      help: { zh: "仅供核对", en: "Optional, for reading only" },
    },
    {
      header: "常住人口",
      aliases: ["population"],
      required: true,
      example: "620",
      help: { zh: "人", en: "Residents" },
    },
    {
      header: "建档立卡贫困村",
      aliases: ["poor"],
      required: true,
      example: "是",
      help: { zh: "是/否", en: "是 (yes) / 否 (no)" },
    },
    {
      header: "通宽带",
      aliases: ["broadband"],
      required: true,
      example: "是",
      help: { zh: "是/否（含移动宽带）", en: "是/否, mobile broadband included" },
    },
  ],

  async prepare({ db, countyCode }) {
    const rows = await db
      .selectFrom("regions")
      .select("code")
      .where("level", "=", "village")
      .where("code", "like", `${countyCode}%`)
      .execute();
    return { villageCodes: new Set(rows.map((r) => r.code)), seen: new Map() };
  },

  parseRow(cells, state, row) {
    const problems: CellProblem[] = [];
    const code = cells["村代码"]!.trim();
    if (!/^\d{12}$/.test(code)) {
      problems.push({
        column: "村代码",
        reason: { zh: `村代码应为12位数字，实为“${code}”`, en: `村代码 must be 12 digits, got "${code}"` },
      });
    } else if (!state.villageCodes.has(code)) {
      problems.push({
        column: "村代码",
        reason: {
          zh: `村代码 ${code} 不是本县的村级单位`,
          en: `${code} is not a village-level unit of this county`,
        },
      });
    } else if (state.seen.has(code)) {
      problems.push({
        column: "村代码",
        reason: {
          zh: `村代码 ${code} 与第${state.seen.get(code)}行重复`,
          en: `${code} repeats row ${state.seen.get(code)}`,
        },
      });
    }
    const population = parseNonNegativeInteger(cells["常住人口"]!);
    if (!population.ok) problems.push({ column: "常住人口", reason: population.reason });
    const isPoor = parseYesNo(cells["建档立卡贫困村"]!);
    if (!isPoor.ok) problems.push({ column: "建档立卡贫困村", reason: isPoor.reason });
    const hasBroadband = parseYesNo(cells["通宽带"]!);
    if (!hasBroadband.ok) problems.push({ column: "通宽带", reason: hasBroadband.reason });
    if (problems.length || !population.ok || !isPoor.ok || !hasBroadband.ok) return { ok: false, problems };
    state.seen.set(code, row);
    return {
      ok: true,
      value: { code, population: population.value, isPoor: isPoor.value, hasBroadband: hasBroadband.value },
    };
  },

  async commit(trx, rows, _state, { countyCode, actor }) {
    return saveVillages(
      trx,
      countyCode,
      rows.map((r) => r.value),
      actor,
    );
  },
};
