/**
 * The 从业人员 sheet of the county workbook (rule K5: 优先录用贫困人员): the staff of the county
 * center, the county warehouse, the township centers and the village stations — one row per person,
 * post and start date. 人员编号 works as in the 培训 sheet: an ID-card number is replaced by its
 * keyed hash before anything is stored, logged or echoed. Re-importing a person at a facility with
 * the same start date updates that record.
 */
import { FACILITY_KINDS, staffDatesProblem } from "../../rules/outcomes";
import { parseIsoDate, parseYesNo } from "../platform/workbook/cells";
import type { CellProblem, SheetHandler } from "../platform/workbook/sheet-handler";
import { personIdSecret, pseudonymize } from "../upward";
import { importStaff, type StaffImportRow } from "./save-facility-staff";

type FacilityKind = keyof typeof FACILITY_KINDS;
type State = { secret: Buffer; seen: Map<string, number> };

const MAX_FACILITY_CODE = 40;
const MAX_ROLE = 50;

/** 设施类型 as county staff write it: the four names, their short forms and the keys. */
const KIND_NAMES: Record<string, FacilityKind> = {
  ...Object.fromEntries(Object.entries(FACILITY_KINDS).map(([key, v]) => [v.zh, key as FacilityKind])),
  ...Object.fromEntries(Object.keys(FACILITY_KINDS).map((key) => [key, key as FacilityKind])),
  县级公共服务中心: "county_center",
  服务中心: "county_center",
  县级仓储物流配送中心: "county_warehouse",
  仓储物流中心: "county_warehouse",
  乡镇服务中心: "township_center",
  村级服务站: "village_station",
  服务站点: "village_station",
  站点: "village_station",
};

const KIND_LIST = Object.values(FACILITY_KINDS)
  .map((v) => v.zh)
  .join("、");

export const staffSheet: SheetHandler<StaffImportRow, State> = {
  sheet: "从业人员",
  aliases: ["facility_staff", "staff"],
  // Contractors may import it too: the staff of the stations and facilities a contractor runs.
  contractorCategories: ["village_stations", "service_center", "logistics"],
  columns: [
    {
      header: "设施类型",
      aliases: ["facility_kind", "类型"],
      required: true,
      example: "村级服务站点",
      help: { zh: `${KIND_LIST}之一`, en: "One of the four facility kinds" },
    },
    {
      header: "设施编号",
      aliases: ["facility_code", "站点编号"],
      required: true,
      example: "WX-001",
      help: {
        zh: "「设施」表的设施编号或「站点」表的站点编号",
        en: "The facility's or station's number, as in the 设施 or 站点 sheet",
      },
    },
    {
      header: "人员编号",
      aliases: ["person_id", "person"],
      required: true,
      example: "WX-S-0001",
      help: {
        zh: "每人固定的编号；可填身份证号，系统只保存加密摘要和脱敏号码",
        en: "A person's stable id; an ID-card number is stored only as a keyed hash and a masked form",
      },
    },
    {
      header: "岗位",
      aliases: ["role"],
      required: true,
      example: "站长",
      help: { zh: `最长${MAX_ROLE}字`, en: `At most ${MAX_ROLE} characters` },
    },
    {
      header: "上岗日期",
      aliases: ["started_on", "入职日期"],
      required: true,
      example: "2018-03-01",
      help: { zh: "YYYY-MM-DD", en: "YYYY-MM-DD" },
    },
    {
      header: "离岗日期",
      aliases: ["ended_on", "离职日期"],
      required: false,
      example: "",
      help: { zh: "YYYY-MM-DD；仍在岗则不填", en: "YYYY-MM-DD; blank while still employed" },
    },
    {
      header: "贫困人员",
      aliases: ["poor", "建档立卡贫困人员"],
      required: true,
      example: "是",
      help: { zh: "是/否（建档立卡贫困人员）", en: "是/否: a registered poor person (K5)" },
    },
  ],

  async prepare(ctx) {
    return { secret: await personIdSecret(ctx.db), seen: new Map() };
  },

  parseRow(cells, state, row) {
    const problems: CellProblem[] = [];
    const kindText = cells["设施类型"]!.normalize("NFKC").trim();
    const facilityKind = KIND_NAMES[kindText];
    if (!facilityKind) {
      problems.push({
        column: "设施类型",
        reason: {
          zh: `设施类型应为${KIND_LIST}之一，实为“${cells["设施类型"]}”`,
          en: `设施类型 must be one of ${KIND_LIST}, got "${cells["设施类型"]}"`,
        },
      });
    }
    const facilityCode = cells["设施编号"]!.normalize("NFKC").trim();
    if (!facilityCode || facilityCode.length > MAX_FACILITY_CODE || /\p{Cc}/u.test(facilityCode)) {
      problems.push({
        column: "设施编号",
        reason: {
          zh: `设施编号应为1至${MAX_FACILITY_CODE}个字符`,
          en: `1–${MAX_FACILITY_CODE} printable characters`,
        },
      });
    }
    const person = pseudonymize(state.secret, cells["人员编号"]!);
    if (!person.ok) problems.push({ column: "人员编号", reason: person.reason });
    const role = cells["岗位"]!.trim();
    if (!role || role.length > MAX_ROLE || /\p{Cc}/u.test(role)) {
      problems.push({
        column: "岗位",
        reason: { zh: `岗位应为1至${MAX_ROLE}个字`, en: `1–${MAX_ROLE} characters` },
      });
    }
    const started = parseIsoDate(cells["上岗日期"]!);
    if (!started.ok) problems.push({ column: "上岗日期", reason: started.reason });
    const endedText = (cells["离岗日期"] ?? "").trim();
    const ended = endedText ? parseIsoDate(endedText) : ({ ok: true, value: null } as const);
    if (!ended.ok) problems.push({ column: "离岗日期", reason: ended.reason });
    else if (started.ok) {
      const dates = staffDatesProblem({ startedOn: started.value, endedOn: ended.value });
      if (dates) problems.push({ column: "离岗日期", reason: { zh: dates.zh, en: dates.en } });
    }
    const poor = parseYesNo(cells["贫困人员"]!);
    if (!poor.ok) problems.push({ column: "贫困人员", reason: poor.reason });
    if (problems.length || !facilityKind || !person.ok || !started.ok || !ended.ok || !poor.ok) {
      return { ok: false, problems };
    }
    const key = [facilityKind, facilityCode, person.key, started.value].join("\u0001");
    const first = state.seen.get(key);
    if (first !== undefined) {
      return {
        ok: false,
        problems: [
          {
            column: "人员编号",
            reason: {
              zh: `人员 ${person.label} 在 ${facilityCode} 自 ${started.value} 的记录与第${first}行重复`,
              en: `Person ${person.label} at ${facilityCode} from ${started.value} repeats row ${first}`,
            },
          },
        ],
      };
    }
    state.seen.set(key, row);
    return {
      ok: true,
      value: {
        facilityKind,
        facilityCode,
        role,
        startedOn: started.value,
        endedOn: ended.value,
        isPoor: poor.value,
        person: { key: person.key, label: person.label },
      },
    };
  },

  async commit(trx, rows, _state, { countyCode, actor }) {
    return importStaff(
      trx,
      countyCode,
      rows.map((r) => r.value),
      actor,
    );
  },
};
