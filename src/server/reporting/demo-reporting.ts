/**
 * Demo data of the reporting domain, deterministic from the county codes and marked as demo
 * (is_demo = 1, "（演示）" in names): liaison lists (two counties filed after 31 December), a year
 * of generated daily reports, the 2018 monthly reports (a few late, a few returned, a few missing,
 * the latest waiting for approval) and annual reports, every county's column complete except one
 * county missing an item, the provincial zone, and a handful of comments and complaints.
 */
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import type { Kysely } from "kysely";
import { addCalendarDays } from "../../rules/calendar";
import {
  type AnnualReportContent,
  type ApprovalLevel,
  assembleAnnualReport,
  DEFAULT_REPORTING_SETTINGS,
  dueDate,
  generateDailyReports,
  type MonthlyReportContent,
  monthEnd,
  monthsBetween,
  type ReportStatus,
  type StationDayInput,
} from "../../rules/reporting";
import { recordAudit } from "../platform/audit/audit";
import type { Db } from "../platform/db/database";
import type { Database } from "../platform/db/schema";
import { demoOutcome, reportsOnTimeInDemo } from "../platform/demo/demo-outcomes";
import { demoFraction, demoInt } from "../platform/demo/demo-random";
import type { DemoContext } from "../platform/domain";
import { storeFile } from "../platform/files/file-store";
import { COUNTY_REPORTER_KEY } from "./liaisons/liaisons.repository";
import { PROVINCE_CODE } from "./public/public.routes";
import { newTrackingNo } from "./public/submit-public-message";
import type {
  ColumnDocumentTable,
  DailyReportTable,
  LiaisonTable,
  ReportEventTable,
  ReportTable,
} from "./reporting.tables";
import { reportingDb } from "./reporting-db";
import { reportingCalendar } from "./settings/reporting-calendar";

const YEAR = "2018";
const MONTHS = monthsBetween(`${YEAR}-01`, `${YEAR}-12`);
const at = (date: string, time = "10:00") => `${date}T${time}:00.000+08:00`;
const yuan = (n: number) => n * 100;

/** The special fund's projects, by F2 category; shares of the 15,000,000-yuan subsidy. */
const PROJECTS = [
  {
    key: "center",
    name: "县级电子商务公共服务中心建设",
    shareBp: 1000,
    content:
      "改造提升县级电子商务公共服务中心，面积不少于600平方米，设交流室、电教室、会议室、办公室和农产品研发体验中心。",
    targets: "中心投入运营；年内开展公共服务不少于50场次。",
  },
  {
    key: "logistics",
    name: "县乡村三级仓储物流配送体系建设",
    shareBp: 3000,
    content: "建设不少于800平方米的县级仓储物流配送中心，整合快递企业，实现县到村配送7日内送达。",
    targets: "整合快递企业不少于2家；县仓到村站7日内送达率100%。",
  },
  {
    key: "stations",
    name: "村级电子商务服务站点建设",
    shareBp: 1000,
    content: "优先在建档立卡贫困村建设村级服务站，每站配齐电脑、电视、数据管理器等设备。",
    targets: "行政村覆盖率不低于50%，贫困村覆盖率不低于50%。",
  },
  {
    key: "upward",
    name: "农村产品上行体系建设",
    shareBp: 3500,
    content: "开展农产品标准化、品牌培育、质量追溯，建设分级包装、预冷及初加工设施。",
    targets: "培育品牌不少于5个，其中县域公共品牌1个；开发网货单品5–10个。",
  },
  {
    key: "training",
    name: "电子商务培训",
    shareBp: 1500,
    content: "面向政府、企业、农民开展基础普及培训，面向青年创业者开展增值培训，并提供培训后跟踪服务。",
    targets: "培训不少于3000人次；建档立卡贫困户培训率不低于80%。",
  },
] as const;

/**
 * The demo contract each project publishes (E2): the funds demo numbers its four lots
 * `<county>-HT-01…04` (01 upward, 02 logistics, 03 center and stations, 04 training).
 */
const DEMO_LOT_OF: Record<(typeof PROJECTS)[number]["key"], string> = {
  upward: "01",
  logistics: "02",
  center: "03",
  stations: "03",
  training: "04",
};

const shortName = (name: string) => name.replace(/(满族自治县|县|市|区)$/, "");

type DemoCounty = { code: string; name: string };

export async function loadDemoReporting(db: Db, { counties }: DemoContext): Promise<void> {
  if (counties.length === 0) return;
  const cal = await reportingCalendar(db.db);
  const settings = DEFAULT_REPORTING_SETTINGS;
  // Two counties file their liaison list after the 31 December deadline (M3).
  const lateLiaisons = new Set(
    counties
      .filter((c) => !reportsOnTimeInDemo(c.code))
      .sort((a, b) => demoFraction(`${a.code}:liaison-late`) - demoFraction(`${b.code}:liaison-late`))
      .slice(0, 2)
      .map((c) => c.code),
  );
  // One county's column lacks an item (E2 shows it): the one the demo design vetoes for E2.
  const gappy =
    counties.find((c) => demoOutcome(c.code) === "vetoed_e2")?.code ??
    [...counties].sort(
      (a, b) => demoFraction(`${a.code}:column-gap`) - demoFraction(`${b.code}:column-gap`),
    )[0]!.code;

  for (const county of counties) {
    const present = await reportingDb(db.db)
      .selectFrom("reporting_liaisons")
      .select("id")
      .where("county_code", "=", county.code)
      .union(
        reportingDb(db.db)
          .selectFrom("reporting_reports")
          .select("id")
          .where("county_code", "=", county.code),
      )
      .union(
        reportingDb(db.db)
          .selectFrom("transparency_projects")
          .select("id")
          .where("region_code", "=", county.code),
      )
      .limit(1)
      .execute();
    if (present.length) continue; // a county's own data is never overlaid with demo data
    const documents = await demoDocuments(county);
    await db.db.transaction().execute(async (trx) => {
      const contractors = await demoLiaisons(trx, county, lateLiaisons.has(county.code));
      const reports = await demoReports(trx, county, contractors, cal, settings);
      await demoDaily(trx, county);
      await demoColumn(trx, county, county.code === gappy, documents);
      await demoMessages(trx, county);
      await recordAudit(
        trx,
        { id: null, name: "demo" },
        {
          action: "demo.reporting_loaded",
          entity: "county",
          entityId: county.code,
          countyCode: county.code,
          after: {
            liaisons: contractors.length + 1,
            reports,
            lateLiaisonList: lateLiaisons.has(county.code),
            columnGap: county.code === gappy,
          },
        },
      );
    });
  }
  await demoProvinceZone(db);
}

// --- liaisons --------------------------------------------------------------------------------------

async function demoLiaisons(
  trx: Kysely<Database>,
  county: DemoCounty,
  late: boolean,
): Promise<LiaisonTable[]> {
  const now = at("2017-12-15");
  const registered = await trx
    .selectFrom("organizations")
    .select(["id", "name"])
    .where("kind", "=", "contractor")
    .where("region_code", "like", `${county.code}%`)
    .orderBy("name")
    .execute();
  const names = registered.length
    ? registered.map((o) => ({ id: o.id as string | null, name: o.name }))
    : [{ id: null, name: `（演示）${shortName(county.name)}电子商务运营有限公司` }];
  if (demoFraction(`${county.code}:second-contractor`) < 0.5) {
    names.push({ id: null, name: `（演示）${shortName(county.name)}城乡物流配送有限公司` });
  }
  const base = {
    county_code: county.code,
    email: null,
    reports_until: null,
    is_demo: 1,
    created_at: now,
    updated_at: now,
  };
  const phone = (seed: string) =>
    `0${demoInt(`${seed}:area`, 310, 319)}-${demoInt(`${seed}:phone`, 2_000_000, 8_999_999)}`;
  const authority: LiaisonTable = {
    ...base,
    id: randomUUID(),
    role: "authority",
    reporter_key: COUNTY_REPORTER_KEY,
    organization_id: null,
    organization_name: `${county.name}商务局（演示）`,
    name: "信息联络员甲（演示）",
    position: "电子商务股股长",
    phone: phone(`${county.code}:authority`),
    reports_from: null,
  };
  const contractors: LiaisonTable[] = names.map((n, i) => ({
    ...base,
    id: randomUUID(),
    role: "contractor",
    reporter_key: n.id ?? randomUUID(),
    organization_id: n.id,
    organization_name: n.name,
    name: `信息联络员${["乙", "丙", "丁"][i] ?? "戊"}（演示）`,
    position: "数据专员",
    phone: `13${demoInt(`${county.code}:c${i}`, 100_000_000, 999_999_999)}`,
    reports_from: "2018-01",
  }));
  await reportingDb(trx)
    .insertInto("reporting_liaisons")
    .values([authority, ...contractors])
    .execute();
  const filedOn = late
    ? `2018-01-${String(demoInt(`${county.code}:filed`, 3, 19)).padStart(2, "0")}`
    : `2017-12-${demoInt(`${county.code}:filed`, 18, 29)}`;
  await reportingDb(trx)
    .insertInto("reporting_liaison_filings")
    .values({
      county_code: county.code,
      filed_on: filedOn,
      filed_at: at(filedOn),
      filed_by: `c${county.code}`,
      list_json: JSON.stringify(
        [authority, ...contractors].map((l) => ({
          role: l.role,
          organizationName: l.organization_name,
          name: l.name,
        })),
      ),
      is_demo: 1,
    })
    .execute();
  return contractors;
}

// --- monthly and annual reports --------------------------------------------------------------------

function monthlyContent(
  county: DemoCounty,
  reporter: string,
  month: string,
  isCounty: boolean,
  ownProject: number,
): MonthlyReportContent {
  const m = Number(month.slice(5, 7));
  const seed = `${county.code}:${month}`;
  const total = yuan(demoInt(`${seed}:ecommerce`, 3_000_000, 9_000_000));
  const rural = Math.floor((total * demoInt(`${seed}:rural`, 40, 70)) / 100);
  const agri = Math.floor((rural * demoInt(`${seed}:agri`, 20, 50)) / 100);
  const projects = PROJECTS.filter((_, i) => isCounty || i === ownProject).map((p) => {
    const contracted = Math.floor((1_500_000_000 * p.shareBp) / 10_000);
    const progressBp = Math.min(
      10_000,
      Math.round((m / 12) * demoInt(`${county.code}:${p.key}:pace`, 8_000, 11_000)),
    );
    return {
      name: p.name,
      progressBp,
      contractedFen: contracted,
      // F7: 60% advanced once started, at most 90% before acceptance.
      disbursedFen: Math.floor((contracted * Math.min(90, 60 + 3 * m)) / 100),
      note: "",
    };
  });
  return {
    countyEcommerceFen: isCounty ? total : null,
    ruralOnlineRetailFen: isCounty ? rural : null,
    agriculturalOnlineRetailFen: isCounty ? agri : null,
    projects,
    issues:
      demoFraction(`${seed}:${reporter}:issue`) < 0.2
        ? "（演示）部分站点网络信号不稳定，数据管理器上线率偏低。"
        : "",
  };
}

type Fate = "on_time" | "late" | "returned" | "missing" | "pending";

/**
 * What happened to a reporter's month: each county authority has one late and one returned month
 * (so every county shows both), others are late or returned now and then, a few of the last
 * quarter's reports never came, and some December reports still wait for the city.
 */
function fateOf(county: DemoCounty, reporter: string, month: string): Fate {
  if (reportsOnTimeInDemo(county.code)) return "on_time"; // see platform/demo/demo-outcomes.ts
  const m = Number(month.slice(5, 7));
  if (reporter === "county") {
    if (m === demoInt(`${county.code}:late-month`, 2, 6)) return "late";
    if (m === demoInt(`${county.code}:returned-month`, 7, 11)) return "returned";
  }
  const r = demoFraction(`${county.code}:${reporter}:${month}:fate`);
  if (month === `${YEAR}-12` && r < 0.35) return "pending";
  if (month >= `${YEAR}-10` && r < 0.06) return "missing";
  if (r < 0.05) return "late";
  if (r < 0.07) return "returned";
  return "on_time";
}

async function demoReports(
  trx: Kysely<Database>,
  county: DemoCounty,
  contractors: readonly LiaisonTable[],
  cal: Awaited<ReturnType<typeof reportingCalendar>>,
  settings: typeof DEFAULT_REPORTING_SETTINGS,
): Promise<number> {
  const reporters = [
    {
      key: COUNTY_REPORTER_KEY,
      seed: "county",
      kind: "county" as const,
      name: `${county.name}商务局（演示）`,
      project: -1,
    },
    ...contractors.map((c, i) => ({
      key: c.reporter_key,
      // Seeds never use the key: a contractor's key is a fresh id in each database.
      seed: `contractor${i}`,
      kind: "contractor" as const,
      name: c.organization_name,
      project: i % PROJECTS.length,
    })),
  ];
  const rows: ReportTable[] = [];
  const events: ReportEventTable[] = [];
  const event = (
    row: ReportTable,
    action: string,
    date: string,
    level: ApprovalLevel | null,
    status: ReportStatus,
    comment: string | null = null,
  ) =>
    events.push({
      id: randomUUID(),
      report_id: row.id,
      county_code: county.code,
      action,
      level,
      actor_name: level === "province" ? "province" : level === "city" ? "city（演示）" : `c${county.code}`,
      comment,
      status_after: status,
      at: at(date, action === "submitted" ? "09:30" : "15:00"),
    });
  for (const reporter of reporters) {
    const monthly: { period: string; content: MonthlyReportContent }[] = [];
    for (const month of MONTHS) {
      const fate = fateOf(county, reporter.seed, month);
      if (fate === "missing") continue;
      const due = dueDate(cal, "monthly", month, settings);
      const content = monthlyContent(
        county,
        reporter.seed,
        month,
        reporter.kind === "county",
        reporter.project,
      );
      const submitted =
        fate === "late"
          ? addCalendarDays(due, demoInt(`${county.code}:${reporter.seed}:${month}:late`, 1, 6))
          : addCalendarDays(due, -demoInt(`${county.code}:${reporter.seed}:${month}:early`, 0, 3));
      const firstSubmitted = submitted > monthEnd(month) ? submitted : addCalendarDays(monthEnd(month), 1);
      const status: ReportStatus =
        fate === "returned" ? "returned" : fate === "pending" ? "submitted" : "approved";
      const approvedOn = addCalendarDays(
        firstSubmitted,
        demoInt(`${county.code}:${reporter.seed}:${month}:review`, 2, 8),
      );
      const row: ReportTable = {
        id: randomUUID(),
        county_code: county.code,
        kind: "monthly",
        period: month,
        reporter_key: reporter.key,
        reporter_kind: reporter.kind,
        reporter_name: reporter.name,
        status,
        pending_level: status === "submitted" ? "city" : null,
        content_json: JSON.stringify(content),
        version: status === "approved" ? 4 : 3,
        due_on: due,
        first_submitted_on: firstSubmitted,
        first_submitted_at: at(firstSubmitted, "09:30"),
        submitted_at: at(firstSubmitted, "09:30"),
        approved_at: status === "approved" ? at(approvedOn, "15:00") : null,
        last_comment:
          status === "returned" ? "（演示）农产品网络零售额与平台统计不符，请核实后重新提交。" : null,
        is_demo: 1,
        created_at: at(addCalendarDays(monthEnd(month), 1), "08:30"),
        updated_at: at(status === "submitted" ? firstSubmitted : approvedOn, "15:00"),
      };
      rows.push(row);
      event(row, "submitted", firstSubmitted, null, "submitted");
      if (status === "approved") event(row, "approved", approvedOn, "province", "approved");
      if (status === "returned") event(row, "returned", approvedOn, "province", "returned", row.last_comment);
      if (status !== "returned") monthly.push({ period: month, content });
    }
    // The annual report: assembled from the received months, submitted in January, approved for most.
    const annual: AnnualReportContent = {
      ...assembleAnnualReport(monthly, { days: 0, orders: 0, amountFen: 0, shipments: 0 }),
      summary: "（演示）全年示范项目按计划推进。",
    };
    const due = dueDate(cal, "annual", YEAR, settings);
    const submitted = addCalendarDays(due, -demoInt(`${county.code}:${reporter.seed}:annual`, 0, 5));
    const approved = demoFraction(`${county.code}:${reporter.seed}:annual-approved`) < 0.7;
    const row: ReportTable = {
      id: randomUUID(),
      county_code: county.code,
      kind: "annual",
      period: YEAR,
      reporter_key: reporter.key,
      reporter_kind: reporter.kind,
      reporter_name: reporter.name,
      status: approved ? "approved" : "submitted",
      pending_level: approved ? null : "province",
      content_json: JSON.stringify(annual),
      version: 3,
      due_on: due,
      first_submitted_on: submitted,
      first_submitted_at: at(submitted, "09:30"),
      submitted_at: at(submitted, "09:30"),
      approved_at: approved ? at(addCalendarDays(submitted, 5), "15:00") : null,
      last_comment: null,
      is_demo: 1,
      created_at: at("2019-01-02", "08:30"),
      updated_at: at(submitted, "09:30"),
    };
    rows.push(row);
    event(row, "submitted", submitted, null, "submitted");
    if (approved) event(row, "approved", addCalendarDays(submitted, 5), "province", "approved");
  }
  const rdb = reportingDb(trx);
  for (let i = 0; i < rows.length; i += 50)
    await rdb
      .insertInto("reporting_reports")
      .values(rows.slice(i, i + 50))
      .execute();
  for (let i = 0; i < events.length; i += 100)
    await rdb
      .insertInto("reporting_report_events")
      .values(events.slice(i, i + 100))
      .execute();
  return rows.length;
}

// --- a year of 智能日报 -----------------------------------------------------------------------------

async function demoDaily(trx: Kysely<Database>, county: DemoCounty): Promise<void> {
  const stations = demoInt(`${county.code}:daily-stations`, 6, 12);
  const rows: StationDayInput[] = [];
  for (let day = `${YEAR}-01-01`; day <= `${YEAR}-12-31`; day = addCalendarDays(day, 1)) {
    for (let s = 1; s <= stations; s++) {
      const code = `${county.code}-Z${String(s).padStart(4, "0")}`;
      const seed = `${code}:${day}`;
      const online = demoFraction(`${seed}:offline`) < 0.03 ? 0 : demoInt(`${seed}:online`, 1300, 1440);
      rows.push({
        stationCode: code,
        date: day,
        orders: demoInt(`${seed}:orders`, 0, 4),
        amountFen: yuan(demoInt(`${seed}:amount`, 0, 160)),
        shipments: demoInt(`${seed}:ship`, 0, 6),
        onlineMinutes: online,
      });
    }
  }
  const daily: DailyReportTable[] = generateDailyReports(rows).map((r) => ({
    id: randomUUID(),
    county_code: county.code,
    date: r.date,
    stations: r.stations,
    orders: r.orders,
    amount_fen: r.amountFen,
    shipments: r.shipments,
    online_minutes: r.onlineMinutes,
    online_rate_bp: r.onlineRateBp,
    stations_online: r.stationsOnline,
    lines_json: JSON.stringify(r.lines),
    generated_at: at(addCalendarDays(r.date, 1), "01:00"),
    is_demo: 1,
  }));
  for (let i = 0; i < daily.length; i += 50) {
    await reportingDb(trx)
      .insertInto("reporting_daily_reports")
      .values(daily.slice(i, i + 50))
      .execute();
  }
}

// --- the column -------------------------------------------------------------------------------------

type DemoDocs = {
  decisions: Map<string, Omit<ColumnDocumentTable, "id" | "owner_id">>;
  entries: Map<string, Omit<ColumnDocumentTable, "id" | "owner_id">>;
};

/** Small text files in the file store, so a demo document opens like a real upload. */
async function demoDocuments(county: DemoCounty): Promise<DemoDocs> {
  const make = async (title: string, text: string, publishedOn: string) => {
    const body = Buffer.from(`${title}\n\n${text}\n\n（演示数据，非真实文件）\n`, "utf8");
    const stored = await storeFile(`column-${county.code}`, Readable.from([body]));
    return {
      region_code: county.code,
      owner_kind: "project" as const,
      title,
      url: null,
      file_path: stored.path,
      file_name: `${title}.txt`,
      file_sha256: stored.sha256,
      file_bytes: stored.bytes,
      content_type: "text/plain",
      published_on: publishedOn,
      is_demo: 1,
      created_at: at(publishedOn),
    };
  };
  const decisions = new Map<string, Omit<ColumnDocumentTable, "id" | "owner_id">>();
  for (const p of PROJECTS) {
    decisions.set(
      p.key,
      await make(
        `${county.name}人民政府常务会议纪要：${p.name}（演示）`,
        `会议研究确定${p.name}的财政扶持安排。`,
        "2017-11-20",
      ),
    );
  }
  const entries = new Map<string, Omit<ColumnDocumentTable, "id" | "owner_id">>();
  entries.set("implementation_plan", {
    ...(await make(`${county.name}电子商务进农村综合示范实施方案（演示）`, "实施方案全文。", "2017-11-28")),
    owner_kind: "entry",
  });
  return { decisions, entries };
}

async function demoColumn(
  trx: Kysely<Database>,
  county: DemoCounty,
  hasGap: boolean,
  docs: DemoDocs,
): Promise<void> {
  const rdb = reportingDb(trx);
  const now = at("2018-10-15");
  await rdb
    .insertInto("transparency_columns")
    .values({
      region_code: county.code,
      supervision_phone: `0${demoInt(`${county.code}:area`, 310, 319)}-${demoInt(`${county.code}:supervision`, 5_000_000, 5_999_999)}`,
      intro: `本专栏集中公开${county.name}电子商务进农村综合示范项目的实施方案、决策过程、资金使用和建设进度。（演示）`,
      is_demo: 1,
      updated_by: "demo",
      updated_at: now,
    })
    .execute();
  const entry = (item_key: string, title: string, body: string, published_on: string) => ({
    id: randomUUID(),
    region_code: county.code,
    item_key,
    title,
    body,
    published_on,
    is_demo: 1,
    created_at: at(published_on),
    updated_at: at(published_on),
  });
  const entries = [
    entry(
      "implementation_plan",
      `${county.name}电子商务进农村综合示范实施方案（演示）`,
      "按照省商务厅、省财政厅、省扶贫办的要求，制定本县综合示范实施方案。",
      "2017-11-28",
    ),
    entry(
      "decision_process",
      "资金安排决策过程（演示）",
      "2017年11月20日县政府常务会议研究资金安排意见；11月21日起在县政府门户网站公示10个工作日，无异议后报省商务厅备案。",
      "2017-12-06",
    ),
    entry(
      "selection_method",
      "承办企业竞争性选择办法（演示）",
      "采取公开招标方式择优确定项目承办企业。",
      "2017-12-01",
    ),
    entry("selection_process", "招标过程（演示）", "12月5日发布招标公告，12月26日开标、评标。", "2017-12-27"),
    entry(
      "selection_result",
      "中标结果公告（演示）",
      "经评标委员会评审，确定中标企业并公示3日。",
      "2017-12-29",
    ),
  ].filter((e) => !(hasGap && e.item_key === "selection_result"));
  await rdb.insertInto("transparency_entries").values(entries).execute();
  const plan = entries.find((e) => e.item_key === "implementation_plan")!;
  const documents: ColumnDocumentTable[] = [
    { ...docs.entries.get("implementation_plan")!, id: randomUUID(), owner_id: plan.id },
  ];
  const contractor = `（演示）${shortName(county.name)}电子商务运营有限公司`;
  const projects = PROJECTS.map((p, i) => {
    const id = randomUUID();
    documents.push({ ...docs.decisions.get(p.key)!, id: randomUUID(), owner_id: id });
    return {
      id,
      region_code: county.code,
      name: p.name,
      content: p.content,
      contractor_name: contractor,
      subsidy_fen: Math.floor((1_500_000_000 * p.shareBp) / 10_000),
      deadline: "2018-10-31",
      performance_targets: p.targets,
      county_responsible: "县商务局局长（演示）",
      contractor_responsible: "承办企业总经理（演示）",
      contract_no: `${county.code}-HT-${DEMO_LOT_OF[p.key]}`,
      progress_bp: Math.min(10_000, demoInt(`${county.code}:${p.key}:column-progress`, 6_000, 10_000)),
      progress_text: "（演示）按计划推进。",
      progress_updated_on: "2018-10-15",
      sort_order: i,
      is_demo: 1,
      created_at: at("2017-12-06"),
      updated_at: now,
    };
  });
  await rdb.insertInto("transparency_projects").values(projects).execute();
  await rdb.insertInto("transparency_documents").values(documents).execute();
}

async function demoProvinceZone(db: Db): Promise<void> {
  const rdb = reportingDb(db.db);
  const exists = await rdb
    .selectFrom("transparency_columns")
    .select("region_code")
    .where("region_code", "=", PROVINCE_CODE)
    .executeTakeFirst();
  if (exists) return;
  await db.db.transaction().execute(async (trx) => {
    const t = reportingDb(trx);
    await t
      .insertInto("transparency_columns")
      .values({
        region_code: PROVINCE_CODE,
        supervision_phone: "0311-87654321",
        intro:
          "河北省商务厅设立电子商务进农村综合示范政务公开专区，公开示范县竞争性选择办法、选择过程和结果。（演示）",
        is_demo: 1,
        updated_by: "demo",
        updated_at: at("2017-10-20"),
      })
      .execute();
    const entry = (item_key: string, title: string, body: string, published_on: string) => ({
      id: randomUUID(),
      region_code: PROVINCE_CODE,
      item_key,
      title,
      body,
      published_on,
      is_demo: 1,
      created_at: at(published_on),
      updated_at: at(published_on),
    });
    await t
      .insertInto("transparency_entries")
      .values([
        entry(
          "selection_method",
          "2017年示范县竞争性选择办法（演示）",
          "在国家级贫困县中竞争性选择17个示范县。",
          "2017-08-10",
        ),
        entry(
          "selection_process",
          "示范县竞争性评审过程（演示）",
          "各县申报、专家评审、现场答辩。",
          "2017-09-15",
        ),
        entry(
          "selection_result",
          "2017年示范县名单（演示）",
          "阳原、丰宁、隆化、涞源、沽源、张北、尚义、平泉、平山、涞水、饶阳、临城、巨鹿、威县、宣化、大名、魏县。",
          "2017-09-30",
        ),
      ])
      .execute();
    await recordAudit(
      trx,
      { id: null, name: "demo" },
      { action: "demo.province_zone_loaded", entity: "transparency_column", entityId: PROVINCE_CODE },
    );
  });
}

// --- comments and complaints (T2) -------------------------------------------------------------------

async function demoMessages(trx: Kysely<Database>, county: DemoCounty): Promise<void> {
  if (demoFraction(`${county.code}:messages`) > 0.45) return;
  const submitted = `2018-0${demoInt(`${county.code}:msg-month`, 3, 9)}-1${demoInt(`${county.code}:msg-day`, 0, 9)}`;
  const replied = addCalendarDays(submitted, demoInt(`${county.code}:msg-handling`, 1, 9));
  const isComplaint = demoFraction(`${county.code}:msg-kind`) < 0.4;
  const isOpen = demoFraction(`${county.code}:msg-open`) < 0.3;
  const kind = isComplaint ? "complaint" : "comment";
  await reportingDb(trx)
    .insertInto("transparency_messages")
    .values({
      id: randomUUID(),
      region_code: county.code,
      kind,
      tracking_no: newTrackingNo(kind, submitted),
      subject: isComplaint ? "（演示）反映站点收取设备押金问题" : "（演示）建议增加农产品直播培训",
      body: isComplaint
        ? "（演示）有村民反映某村级服务站建设时被要求缴纳设备押金，请核查。"
        : "（演示）希望培训增加农产品直播带货课程，并安排在农闲时间。",
      // Synthetic, marked as demo: shows that only those who handle messages see who wrote.
      contact_name: isComplaint ? "（演示）村民王某" : null,
      contact_phone: isComplaint ? "（演示）138-0000-0000" : null,
      status: isOpen ? "processing" : isComplaint ? "closed" : "replied",
      is_published: !isOpen && !isComplaint ? 1 : 0,
      reply: isOpen
        ? null
        : isComplaint
          ? "（演示）经核查已责令退还，并约谈承办企业。"
          : "（演示）感谢建议，已列入下季度培训计划。",
      replied_by: isOpen ? null : `c${county.code}`,
      replied_at: isOpen ? null : at(replied, "16:00"),
      submitted_at: at(submitted, "20:15"),
      handled_at: isOpen ? null : at(replied, "16:00"),
      is_demo: 1,
    })
    .execute();
}
