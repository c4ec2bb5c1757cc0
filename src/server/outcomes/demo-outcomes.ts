/**
 * Demo data of the outcomes domain, per demonstration county: 年度指标 for 2016–2018, poor
 * households' online sales, staff of the center, warehouse and stations, the leading group and its
 * joint meetings, inspections and supervision visits, typical cases, research reports,
 * recognitions, upgraded enterprises, policy and supervision records, channel listings and
 * 基地+社区直供 links; the county's inspections carry generated PNG "photos". Synthetic, deterministic from the county code, marked `is_demo` and
 * "（演示）". Exemplary counties (platform/demo/demo-outcomes.ts) meet every reading; elsewhere
 * the figures spread around the thresholds, so some counties fall short of D1, D2 or C5.
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { recordAudit } from "../platform/audit/audit";
import type { Db } from "../platform/db/database";
import { isExemplaryDemoCounty } from "../platform/demo/demo-outcomes";
import { demoInt } from "../platform/demo/demo-random";
import type { DemoContext } from "../platform/domain";
import { chinaTimestamp } from "../platform/time/china-time";
import { poorHouseholdCodes } from "../upward";
import { demoPhotoPng } from "./demo-photo";
import { addInspectionPhoto } from "./inspection-photos";
import type { OutcomesTables } from "./outcomes.tables";

const DEMO = "（演示）";
const SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"];

/** `fen` grown by `bp` basis points (integer fen). */
const grow = (fen: number, bp: number) => fen + Math.floor((fen * bp) / 10_000);

export async function loadDemoOutcomes(db: Db, { counties }: DemoContext): Promise<void> {
  const now = chinaTimestamp();
  for (const county of counties) {
    const code = county.code;
    // A second run adds nothing: a county with year figures on record keeps them.
    const loaded = await db.db
      .withTables<OutcomesTables>()
      .selectFrom("year_figures")
      .select("id")
      .where("county_code", "=", code)
      .limit(1)
      .executeTakeFirst();
    if (loaded) continue;
    const seed = (what: string) => `outcomes:${code}:${what}`;
    const good = isExemplaryDemoCounty(code);
    const stamp = { county_code: code, is_demo: 1, created_at: now, updated_at: now };
    const row = <T extends object>(values: T) => ({ id: randomUUID(), ...stamp, ...values });
    // The county's own inspections get synthetic photos once their rows are committed.
    const photographed: string[] = [];
    await db.db.transaction().execute(async (trx) => {
      const t = trx.withTables<OutcomesTables>() as unknown as Kysely<any>;
      const insert = async (table: keyof OutcomesTables, rows: object[]) => {
        for (let i = 0; i < rows.length; i += 500)
          await t
            .insertInto(table)
            .values(rows.slice(i, i + 500))
            .execute();
      };

      // 年度指标: 2016 and 2017 full years, 2018 January–October (the same period, interfaces.md).
      const base = demoInt(seed("base"), 180, 420) * 1_000_000_00; // 1.8–4.2 亿元 in fen
      const agriBase = Math.floor(base / demoInt(seed("agri-ratio"), 3, 5));
      const growth = good ? demoInt(seed("g"), 2200, 3600) : demoInt(seed("g"), 1200, 3200);
      const agriGrowth = good ? demoInt(seed("ag"), 3200, 4800) : demoInt(seed("ag"), 1800, 4200);
      const years = [
        {
          year: 2016,
          transactions: Math.floor((base * 10_000) / 12_500),
          agri: Math.floor((agriBase * 10_000) / 12_800),
        },
        { year: 2017, transactions: base, agri: agriBase },
        { year: 2018, transactions: grow(base, growth), agri: grow(agriBase, agriGrowth) },
      ];
      await insert(
        "year_figures",
        years.map((y) =>
          row({
            year: y.year,
            transactions_fen: y.transactions,
            rural_retail_fen: Math.floor((y.transactions * 6) / 10),
            agri_retail_fen: y.agri,
            jobs: demoInt(seed(`jobs${y.year}`), 600, 1800),
            source_document: `${DEMO}${county.name}统计局《${y.year}年电子商务发展统计》${y.year === 2018 ? "（1–10月）" : ""}`,
          }),
        ),
      );

      // Poor households' online sales: a share of the roster, three months each (O9).
      const households = [...(await poorHouseholdCodes(trx, code)).entries()];
      const selling = households.slice(0, Math.ceil(households.length * (good ? 0.4 : 0.15)));
      await insert(
        "poor_household_sales",
        selling.flatMap(([householdCode, label], i) =>
          ["2018-07", "2018-08", "2018-09"].map((month) => {
            const quantity = demoInt(seed(`q${i}${month}`), 10, 120);
            const amount = quantity * demoInt(seed(`p${i}`), 20, 60) * 100;
            return row({
              household_code: householdCode,
              household_label: label,
              month,
              quantity,
              amount_fen: amount,
              income_gain_fen: Math.floor(amount / 4),
            });
          }),
        ),
      );

      // Staff (K5): the center, the warehouse and a few stations; person ids are invented, never ID numbers.
      const facilities = [
        ["county_center", `${code}-ZX`, 6],
        ["county_warehouse", `${code}-CK`, 8],
        ...Array.from({ length: 5 }, (_, i) => [
          "village_station",
          `${code}-ZD${String(i + 1).padStart(2, "0")}`,
          1,
        ]),
      ] as [kind: string, facility: string, size: number][];
      let person = 0;
      await insert(
        "facility_staff",
        facilities.flatMap(([kind, facility, size]) =>
          Array.from({ length: size }, (_, i) => {
            const id = `DEMO-${code}-${String(++person).padStart(3, "0")}`;
            return row({
              facility_kind: kind,
              facility_code: facility,
              person_key: id,
              person_label: id,
              role: kind === "village_station" ? "站长" : i === 0 ? "负责人" : "运营专员",
              started_on: `2018-0${demoInt(seed(`start${person}`), 1, 6)}-01`,
              ended_on: null,
              is_poor: demoInt(seed(`poor${person}`), 0, 9) < (good ? 5 : 3) ? 1 : 0,
            });
          }),
        ),
      );

      // Leading group (K3): the county head leads it.
      const name = (i: number) => `${DEMO}${SURNAMES[(i + Number(code.slice(-2))) % SURNAMES.length]}某`;
      await insert("leading_group_members", [
        row({ name: name(0), position: `${county.name}县长`, group_role: "leader", is_county_head: 1 }),
        row({ name: name(1), position: "分管副县长", group_role: "deputy", is_county_head: 0 }),
        row({ name: name(2), position: "商务局局长", group_role: "member", is_county_head: 0 }),
        row({ name: name(3), position: "财政局局长", group_role: "member", is_county_head: 0 }),
        row({ name: name(4), position: "扶贫办主任", group_role: "member", is_county_head: 0 }),
      ]);
      const meetings = good ? 4 : demoInt(seed("meetings"), 1, 4);
      await insert(
        "joint_meetings",
        Array.from({ length: meetings }, (_, i) =>
          row({
            held_on: `2018-0${2 + i * 2}-15`,
            title: `${DEMO}电子商务进农村综合示范工作联席会议（第${i + 1}次）`,
            attendees: "县长、分管副县长、商务局、财政局、扶贫办、邮政、承办企业",
            minutes: `${DEMO}通报项目进度，研究站点建设与物流整合中的问题。`,
            decisions: 3,
            decisions_followed_up: i === meetings - 1 ? 2 : 3,
            follow_up: `${DEMO}议定事项已分解到责任单位，按月督办。`,
          }),
        ),
      );

      // Inspections (C2): the county's own, and a province supervision visit; photos follow below.
      const inspections = [
        row({
          kind: "county",
          inspected_on: "2018-05-20",
          inspector: `${DEMO}县商务局项目组`,
          subject: "村级服务站点建设",
          findings: "2个站点公告牌未上墙",
          findings_open: 0,
          photo_refs: "",
        }),
        row({
          kind: "county",
          inspected_on: "2018-09-12",
          inspector: `${DEMO}县商务局项目组`,
          subject: "县级仓储物流配送中心",
          findings: "冷库温度记录不全",
          findings_open: good ? 0 : 1,
          photo_refs: "",
        }),
        row({
          kind: "province",
          inspected_on: "2018-08-08",
          inspector: `${DEMO}省商务厅督导组`,
          subject: "示范县项目进度",
          findings: "资金拨付进度偏慢",
          findings_open: 0,
          photo_refs: "",
        }),
      ];
      photographed.push(...inspections.filter((i) => i.kind === "county").map((i) => i.id));
      await insert("inspections", inspections);

      // Typical cases, research reports, recognitions (C5, K4).
      const reports = good ? 6 : demoInt(seed("reports"), 2, 6);
      await insert("typical_cases", [
        row({
          title: `${DEMO}${county.name}“电商+扶贫”带动贫困户增收`,
          kind: "poverty",
          summary: "站点代卖贫困户农产品，统一品牌包装销售。",
          reported_on: "2018-06-30",
          publicity: `${DEMO}河北日报`,
        }),
        row({
          title: `${DEMO}${county.name}返乡青年网店创业`,
          kind: "youth",
          summary: "孵化青年网店，提供品牌注册与营销服务。",
          reported_on: null,
          publicity: "",
        }),
      ]);
      await insert(
        "research_reports",
        Array.from({ length: reports }, (_, i) =>
          row({
            title: `${DEMO}${county.name}农村电商调研报告（${i + 1}）`,
            published_on: `2018-0${1 + i}-20`,
            column_url: `https://example.org/demo/${code}/report-${i + 1}`,
          }),
        ),
      );
      if (good || demoInt(seed("recognized"), 0, 1) === 1) {
        await insert("recognitions", [
          row({
            kind: "media",
            title: `${DEMO}${county.name}电商扶贫经验`,
            outlet: "河北日报（演示）",
            recognized_on: "2018-07-10",
            reference: "",
          }),
        ]);
      }

      // Upgraded traditional enterprises (D4) and policy / supervision / credit records (C4).
      await insert("upgraded_enterprises", [
        row({
          name: `${DEMO}${county.name}邮政分公司`,
          kind: "post",
          has_inventory: 1,
          has_purchasing: 1,
          has_online_sales: 1,
          has_statistics: 1,
          upgraded_on: "2018-04-30",
          evidence: "进销存系统截图、网店链接（演示）",
        }),
        row({
          name: `${DEMO}${county.name}供销合作社`,
          kind: "coop",
          has_inventory: 1,
          has_purchasing: 1,
          has_online_sales: good ? 1 : 0,
          has_statistics: 1,
          upgraded_on: "2018-06-30",
          evidence: "改造验收单（演示）",
        }),
      ]);
      await insert("market_records", [
        row({
          kind: "policy",
          title: `${DEMO}电子商务扶持办法`,
          recorded_on: "2018-01-15",
          evidence: "县政府文件（演示）",
        }),
        row({
          kind: "supervision",
          title: `${DEMO}网络市场专项检查`,
          recorded_on: "2018-06-01",
          evidence: "检查记录（演示）",
        }),
        row({
          kind: "credit",
          title: `${DEMO}电商企业信用评价`,
          recorded_on: "2018-09-01",
          evidence: "评价名单（演示）",
        }),
      ]);

      // Poverty channel listings (K5) and 基地+社区直供 links (K6).
      await insert("poverty_channel_listings", [
        row({
          product: "小米",
          shop_name: `${DEMO}${county.name}扶贫馆`,
          url: `https://example.org/demo/${code}/fupin`,
          listed_on: "2018-05-01",
        }),
      ]);
      await insert("direct_supply_links", [
        row({
          base_name: `${DEMO}${county.name}蔬菜基地`,
          community: "石家庄市某社区（演示）",
          products: "蔬菜、鸡蛋",
          cold_chain: 1,
          started_on: "2018-06-01",
        }),
      ]);

      await recordAudit(
        trx,
        { id: null, name: "demo" },
        {
          action: "demo.outcomes_loaded",
          entity: "county",
          entityId: code,
          countyCode: code,
          after: { meetings, reports },
        },
      );
    });
    for (const [i, inspectionId] of photographed.entries()) {
      await addInspectionPhoto({
        db: db.db,
        actor: { id: null, name: "demo" },
        countyCode: code,
        inspectionId,
        fileName: `演示照片-${i + 1}.png`,
        content: demoPhotoPng(demoInt(seed(`photo${i}`), 0, 255)),
        caption: `${DEMO}现场照片`,
        isDemo: true,
      });
    }
  }
}
