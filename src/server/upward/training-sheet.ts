/**
 * The 培训 sheet of the county workbook: one row per person-time (人次) — 培训编号, 日期, 类别
 * (基础普及/增值培训), 人员编号, 贫困户 (是/否), optional 户编号. An ID-card number in 人员编号 or
 * 户编号 is replaced by its keyed hash before anything is stored, logged or echoed (rules G4, O8, O9).
 */
import type { TrainingCategory } from "../../rules/upward";
import { AppError } from "../platform/http/errors";
import { parseIsoDate, parseYesNo } from "../platform/workbook/cells";
import type { CellProblem, SheetHandler } from "../platform/workbook/sheet-handler";
import { type HouseholdImportState, householdImportState } from "./import-shared-state";
import { personIdSecret, pseudonymize } from "./person-pseudonym";
import { type AttendanceRow, saveTrainingAttendances } from "./save-training-attendances";
import type { UpwardTables } from "./upward.tables";

const SHEET = "培训";
const MAX_COURSE_CODE = 64;

const CATEGORY_NAMES: Record<string, TrainingCategory> = {
  基础普及: "basic",
  基础普及培训: "basic",
  basic: "basic",
  增值培训: "value_added",
  增值: "value_added",
  value_added: "value_added",
};

type State = {
  secret: Buffer;
  storedHouseholds: ReadonlySet<string>;
  shared: HouseholdImportState;
  /** Whether the 贫困户 sheet of this workbook was validated before this one. */
  householdsComplete: boolean;
  /** Household references to check at commit, when the 贫困户 sheet came after this one. */
  deferred: { row: number; key: string; label: string }[];
  seen: Map<string, number>;
  courseCategory: Map<string, { category: TrainingCategory; row: number }>;
};

export const trainingSheet: SheetHandler<AttendanceRow, State> = {
  sheet: SHEET,
  aliases: ["training"],
  // Contractors may import it too: the training contractor's courses and trainees.
  contractorCategories: ["training"],
  columns: [
    {
      header: "培训编号",
      aliases: ["course_code", "course"],
      required: true,
      example: "PX-2018-001",
      help: { zh: "同一期培训使用同一编号", en: "One code per course" },
    },
    {
      header: "日期",
      aliases: ["date"],
      required: true,
      example: "2018-05-20",
      help: { zh: "YYYY-MM-DD", en: "YYYY-MM-DD" },
    },
    {
      header: "类别",
      aliases: ["category"],
      required: true,
      example: "基础普及",
      help: { zh: "基础普及 或 增值培训", en: "基础普及 (basic) or 增值培训 (value-added)" },
    },
    {
      header: "人员编号",
      aliases: ["person_id", "person"],
      required: true,
      example: "WX-P-0001",
      help: {
        zh: "每人固定的编号；可填身份证号，系统只保存加密摘要和脱敏号码",
        en: "A person's stable id; an ID-card number is stored only as a keyed hash and a masked form",
      },
    },
    {
      header: "贫困户",
      aliases: ["poor"],
      required: true,
      example: "否",
      help: { zh: "是/否（建档立卡贫困户成员）", en: "是/否: member of a registered poor household" },
    },
    {
      header: "户编号",
      aliases: ["household_code", "household"],
      required: false,
      example: "",
      help: {
        zh: "贫困户成员填所在户的户编号（须在贫困户名册中）",
        en: "Optional: the household number of a registered poor household",
      },
    },
  ],

  async prepare(ctx) {
    const stored = await ctx.db
      .withTables<UpwardTables>()
      .selectFrom("poor_households")
      .select("code")
      .where("county_code", "=", ctx.countyCode)
      .execute();
    const shared = householdImportState(ctx);
    return {
      secret: await personIdSecret(ctx.db),
      storedHouseholds: new Set(stored.map((h) => h.code)),
      shared,
      householdsComplete: shared.poorSheetValidated,
      deferred: [],
      seen: new Map(),
      courseCategory: new Map(),
    };
  },

  parseRow(cells, state, row) {
    const problems: CellProblem[] = [];
    const courseCode = cells["培训编号"]!.trim();
    if (!courseCode || courseCode.length > MAX_COURSE_CODE) {
      problems.push({
        column: "培训编号",
        reason: { zh: `培训编号应为1至${MAX_COURSE_CODE}个字符`, en: `1–${MAX_COURSE_CODE} characters` },
      });
    }
    const date = parseIsoDate(cells["日期"]!);
    if (!date.ok) problems.push({ column: "日期", reason: date.reason });
    const category = CATEGORY_NAMES[cells["类别"]!.trim()];
    if (!category) {
      problems.push({
        column: "类别",
        reason: {
          zh: `类别应为“基础普及”或“增值培训”，实为“${cells["类别"]}”`,
          en: `类别 must be 基础普及 or 增值培训, got "${cells["类别"]}"`,
        },
      });
    } else if (courseCode) {
      const first = state.courseCategory.get(courseCode);
      if (first && first.category !== category) {
        problems.push({
          column: "类别",
          reason: {
            zh: `培训编号 ${courseCode} 的类别与第${first.row}行不一致`,
            en: `Course ${courseCode} has another category on row ${first.row}`,
          },
        });
      }
    }
    const person = pseudonymize(state.secret, cells["人员编号"]!);
    if (!person.ok) problems.push({ column: "人员编号", reason: person.reason });
    else if (courseCode) {
      const earlier = state.seen.get(`${courseCode}\u0000${person.key}`);
      if (earlier) {
        problems.push({
          column: "人员编号",
          reason: {
            zh: `人员 ${person.label} 在培训 ${courseCode} 中与第${earlier}行重复（一人一期只计一人次）`,
            en: `Person ${person.label} repeats row ${earlier} in course ${courseCode}`,
          },
        });
      }
    }
    const isPoor = parseYesNo(cells["贫困户"]!);
    if (!isPoor.ok) problems.push({ column: "贫困户", reason: isPoor.reason });
    let householdCode: string | null = null;
    const householdText = cells["户编号"]?.trim() ?? "";
    if (householdText) {
      const household = pseudonymize(state.secret, householdText);
      if (!household.ok) problems.push({ column: "户编号", reason: household.reason });
      else {
        householdCode = household.key;
        if (isPoor.ok && !isPoor.value) {
          problems.push({
            column: "户编号",
            reason: {
              zh: "填写了贫困户户编号，但“贫困户”为“否”",
              en: "A poor household is named but 贫困户 says 否",
            },
          });
        }
        const known = state.storedHouseholds.has(household.key) || state.shared.households.has(household.key);
        if (!known && state.householdsComplete) {
          problems.push({ column: "户编号", reason: unknownHousehold(household.label) });
        } else if (!known) {
          state.deferred.push({ row, key: household.key, label: household.label });
        }
      }
    }
    if (problems.length || !date.ok || !category || !person.ok || !isPoor.ok) return { ok: false, problems };
    state.seen.set(`${courseCode}\u0000${person.key}`, row);
    if (!state.courseCategory.has(courseCode)) state.courseCategory.set(courseCode, { category, row });
    return {
      ok: true,
      value: {
        courseCode,
        date: date.value,
        category,
        personKey: person.key,
        personLabel: person.label,
        isPoor: isPoor.value,
        householdCode,
      },
    };
  },

  async commit(trx, rows, state, { countyCode, actor }) {
    // The 贫困户 sheet (if any) committed first in this transaction: every household must now exist.
    if (state.deferred.length) {
      const accepted = new Set(rows.map((r) => r.row));
      const stored = new Set(
        (
          await trx
            .withTables<UpwardTables>()
            .selectFrom("poor_households")
            .select("code")
            .where("county_code", "=", countyCode)
            .execute()
        ).map((h) => h.code),
      );
      const missing = state.deferred.filter((d) => accepted.has(d.row) && !stored.has(d.key));
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
            message: unknownHousehold(m.label).zh,
          })),
        );
      }
    }
    return saveTrainingAttendances(
      trx,
      countyCode,
      rows.map((r) => r.value),
      actor,
    );
  },
};

function unknownHousehold(label: string) {
  return {
    zh: `户编号 ${label} 不在本县贫困户名册中（请在“贫困户”表中登记）`,
    en: `Household ${label} is not on the county's roster of poor households (add it on the 贫困户 sheet)`,
  };
}
