/**
 * Demo data of the upward domain, per demonstration county: poor households, training
 * (3,000–4,000 person-times in most counties, fewer in some; the poor-household rate above 80% in
 * some and below in others), follow-up, the product catalogue, incubated shops and 1–3 traced
 * enterprises with batches and events (one corrected). Synthetic, deterministic from the county
 * code, marked `is_demo` and "（演示）"; no person is real and no ID-card number is invented.
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { FollowupKind, OwnerCategory, Platform, ShopService, TraceStep } from "../../rules/upward";
import { recordAudit } from "../platform/audit/audit";
import type { Db } from "../platform/db/database";
import type { Database } from "../platform/db/schema";
import { isExemplaryDemoCounty } from "../platform/demo/demo-outcomes";
import { demoFraction, demoInt } from "../platform/demo/demo-random";
import type { DemoContext } from "../platform/domain";
import { chinaTimestamp } from "../platform/time/china-time";
import { demoTraceCode } from "./trace-code";
import type { TraceEventTable, UpwardTables } from "./upward.tables";

const DEMO = "（演示）";
const CHUNK = 500;

const PRODUCTS = [
  { name: "小米", category: "杂粮", unit: "吨", from: 9, to: 11 },
  { name: "核桃", category: "干果", unit: "吨", from: 9, to: 10 },
  { name: "苹果", category: "水果", unit: "吨", from: 9, to: 11 },
  { name: "红枣", category: "干果", unit: "吨", from: 9, to: 10 },
  { name: "蜂蜜", category: "蜂产品", unit: "吨", from: 5, to: 9 },
  { name: "香菇", category: "食用菌", unit: "吨", from: 3, to: 11 },
  { name: "土豆", category: "蔬菜", unit: "吨", from: 8, to: 10 },
  { name: "燕麦", category: "杂粮", unit: "吨", from: 8, to: 9 },
  { name: "柴鸡蛋", category: "禽蛋", unit: "万枚", from: 1, to: 12 },
  { name: "梨", category: "水果", unit: "吨", from: 8, to: 10 },
  { name: "黄芪", category: "中药材", unit: "吨", from: 10, to: 11 },
  { name: "荞麦", category: "杂粮", unit: "吨", from: 9, to: 10 },
];
/**
 * 字号 for the demo's shops, brands and companies: names read like real ones, without a running
 * number ("小米小店7"); a county starts at its own offset, and no list is longer than this one.
 */
const TRADE_NAMES = (
  "丰源 金穗 绿野 田园 乡味 惠农 聚福 禾香 康农 福满 润田 青禾 沃土 农乐 嘉禾 众兴 " +
  "万家 鑫农 富民 兴农 丰收 瑞丰 汇农 远山 清泉 晨光 春华 秋实 太行 燕赵 冀源 长青 " +
  "百味 金谷 五谷 鲜农 茂林 向阳 新村 和美 乐农 益农 宏达 恒丰 天润 华丰 德丰 顺达 " +
  "永兴 利民 安康 同心 信诚 祥和 锦绣 果香 稻香 麦香 山泉 禾丰 谷丰 满仓 乡情 农趣"
).split(" ");

/** The `i`-th distinct 字号 of a county's `kind` of names (shops, brands …). */
function tradeName(code: string, kind: string, i: number): string {
  const offset = demoInt(`${code}:trade-names:${kind}`, 0, TRADE_NAMES.length - 1);
  return TRADE_NAMES[(offset + i) % TRADE_NAMES.length]!;
}

const PLATFORM_CYCLE: Platform[] = ["taobao", "jd", "weidian", "fupin", "suning", "cunzhang"];
const OWNER_CYCLE: OwnerCategory[] = [
  "youth",
  "women",
  "poor",
  "graduates",
  "migrants",
  "veterans",
  "disabled",
];
const SERVICE_KEYS: ShopService[] = [
  "brand_registration",
  "brand_building",
  "sorting",
  "packaging",
  "testing",
  "marketing",
  "hosting",
];

async function insertChunks(t: Kysely<any>, table: string, rows: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK)
    await t
      .insertInto(table)
      .values(rows.slice(i, i + CHUNK))
      .execute();
}

/** A date 2017-12-01 + `days` (the 2017 batch's implementation period). */
function dayAfterStart(days: number): string {
  return new Date(Date.UTC(2017, 11, 1) + days * 86_400_000).toISOString().slice(0, 10);
}

export async function loadDemoUpward(db: Db, { counties }: DemoContext): Promise<void> {
  for (const county of counties) {
    await db.db.transaction().execute(async (trx) => {
      const t = trx.withTables<UpwardTables>();
      const loaded = await t
        .selectFrom("training_attendances")
        .select("id")
        .where("county_code", "=", county.code)
        .where("is_demo", "=", 1)
        .executeTakeFirst();
      if (loaded) return; // the demo set is loaded once per county
      const counts = {
        ...(await demoTraining(trx, county.code)),
        ...(await demoCatalogue(trx, county)),
        ...(await demoTraceability(trx, county)),
      };
      await recordAudit(
        trx,
        { id: null, name: "demo" },
        {
          action: "demo.upward_loaded",
          entity: "county",
          entityId: county.code,
          countyCode: county.code,
          after: counts,
        },
      );
    });
  }
}

/**
 * How much training a county's demo data holds: most counties reach 3,000 person-times (G4) and
 * 80% of poor households (O9); some fall short, so the scorecard shows both outcomes.
 */
export function demoTrainingPlan(code: string) {
  // Exemplary demo counties meet every training rule (see demo-outcomes.ts).
  const exemplary = isExemplaryDemoCounty(code);
  const personTimes =
    exemplary || demoFraction(`${code}:training-level`) < 0.7
      ? demoInt(`${code}:pt`, 3000, 4000)
      : demoInt(`${code}:pt`, 2400, 2990);
  const households = demoInt(`${code}:households`, 150, 400);
  const rateBp =
    exemplary || demoFraction(`${code}:poor-level`) < 0.6
      ? demoInt(`${code}:rate`, 8000, 9600)
      : demoInt(`${code}:rate`, 6000, 7900);
  const trainedHouseholds = Math.ceil((households * rateBp) / 10_000);
  const people = Math.max(trainedHouseholds + 1, Math.round(personTimes / 1.5));
  return { personTimes, households, trainedHouseholds, people };
}

async function demoTraining(trx: Kysely<Database>, code: string) {
  const t = trx.withTables<UpwardTables>() as unknown as Kysely<any>;
  const now = chinaTimestamp();
  const villages = (
    await trx
      .selectFrom("regions")
      .select("code")
      .where("county_code", "=", code)
      .where("level", "=", "village")
      .where("village_kind", "=", "village_committee")
      .orderBy("code")
      .execute()
  ).map((v) => v.code);
  if (!villages.length) return { poorHouseholds: 0, personTimes: 0 };

  const { personTimes, households, trainedHouseholds, people } = demoTrainingPlan(code);

  const householdCode = (i: number) => `YS-${code}-H${String(i + 1).padStart(4, "0")}`;
  const personId = (i: number) => `YS-${code}-P${String(i + 1).padStart(5, "0")}`;
  await insertChunks(
    t,
    "poor_households",
    Array.from({ length: households }, (_, i) => ({
      id: randomUUID(),
      county_code: code,
      code: householdCode(i),
      code_label: householdCode(i),
      village_code: villages[demoInt(`${code}:hh-village:${i}`, 0, villages.length - 1)]!,
      members: demoInt(`${code}:hh-members:${i}`, 1, 6),
      is_demo: 1,
      created_at: now,
      updated_at: now,
    })),
  );

  // Courses fill up in turn with every person (round robin), so each person — and the one member
  // of each trained household — attends at least once.
  const attendances: Record<string, unknown>[] = [];
  const courses: Record<string, unknown>[] = [];
  let next = 0;
  for (let k = 0; attendances.length < personTimes; k++) {
    const size = Math.min(
      demoInt(`${code}:course-size:${k}`, 30, 80),
      personTimes - attendances.length,
      people,
    );
    const category = demoFraction(`${code}:course-category:${k}`) < 0.8 ? "basic" : "value_added";
    const date = dayAfterStart(demoInt(`${code}:course-day:${k}`, 14, 303));
    const courseCode = `YS-${code}-PX${String(k + 1).padStart(3, "0")}`;
    for (let j = 0; j < size; j++) {
      const person = next++ % people;
      const isPoor = person < trainedHouseholds;
      attendances.push({
        id: randomUUID(),
        county_code: code,
        course_code: courseCode,
        date,
        category,
        person_key: personId(person),
        person_label: personId(person),
        is_poor: isPoor ? 1 : 0,
        household_code: isPoor ? householdCode(person) : null,
        is_demo: 1,
        created_at: now,
        updated_at: now,
      });
    }
    courses.push({
      id: randomUUID(),
      county_code: code,
      code: courseCode,
      title: `${DEMO}${category === "basic" ? "农村电商基础普及培训" : "电商创业增值培训"}第${k + 1}期`,
      audiences: JSON.stringify(
        category === "basic" ? ["farmers", "poor", "cooperatives"] : ["youth", "enterprises"],
      ),
      institution: `${DEMO}县电子商务公共服务中心培训部`,
      start_date: date,
      end_date: date,
      hours_tenths: category === "basic" ? 30 : 160,
      is_demo: 1,
      created_at: now,
      updated_at: now,
    });
  }
  await insertChunks(t, "training_attendances", attendances);
  await insertChunks(t, "training_courses", courses);

  // After-training service for about one trainee in ten, spread over 2018 for the periodic statistics.
  const kinds: FollowupKind[] = ["visit", "coaching", "incubation", "startup", "job"];
  const followups = Array.from({ length: Math.round(people / 10) }, (_, i) => {
    const person = demoInt(`${code}:fu-person:${i}`, 0, people - 1);
    return {
      id: randomUUID(),
      county_code: code,
      person_key: personId(person),
      person_label: personId(person),
      date: dayAfterStart(demoInt(`${code}:fu-day:${i}`, 120, 330)),
      kind: kinds[demoInt(`${code}:fu-kind:${i}`, 0, kinds.length - 1)]!,
      note: `${DEMO}跟踪服务记录`,
      is_demo: 1,
      created_at: now,
    };
  });
  await insertChunks(t, "training_followups", followups);
  return { poorHouseholds: households, personTimes: attendances.length, followups: followups.length };
}

async function demoCatalogue(trx: Kysely<Database>, county: { code: string; name: string }) {
  const t = trx.withTables<UpwardTables>() as unknown as Kysely<any>;
  const { code, name } = county;
  const now = chinaTimestamp();
  const stamp = { county_code: code, is_demo: 1, created_at: now, updated_at: now };
  const start = demoInt(`${code}:products-start`, 0, PRODUCTS.length - 1);
  const local = Array.from(
    { length: demoInt(`${code}:local-products`, 6, 10) },
    (_, i) => PRODUCTS[(start + i) % PRODUCTS.length]!,
  );

  await t
    .insertInto("product_surveys")
    .values({
      id: randomUUID(),
      ...stamp,
      title: `${DEMO}${name}农产品资源摸底报告`,
      surveyed_on: "2017-12-20",
      document_ref: `${DEMO}县商务局档案 2017-${code}-01`,
    })
    .execute();
  await insertChunks(
    t,
    "local_products",
    local.map((p, i) => ({
      id: randomUUID(),
      ...stamp,
      name: `${DEMO}${p.name}`,
      category: p.category,
      annual_volume: demoInt(`${code}:volume:${i}`, 200, 50_000),
      volume_unit: p.unit,
      season_from: p.from,
      season_to: p.to,
      township_code: null,
    })),
  );

  // 5–7 brands, the first the county regional brand (O5).
  const brands = Array.from({ length: demoInt(`${code}:brands`, 5, 7) }, (_, i) => ({
    id: randomUUID(),
    ...stamp,
    name:
      i === 0
        ? `${DEMO}${name.replace(/[县区市]$/, "")}好物`
        : `${DEMO}${tradeName(code, "brand", i)}${local[i % local.length]!.name}`,
    is_regional: i === 0 ? 1 : 0,
    owner:
      i === 0 ? `${DEMO}${name}人民政府` : `${DEMO}${name}${tradeName(code, "cooperative", i)}农业专业合作社`,
    trademark_no: i === 0 ? null : String(20_000_000 + demoInt(`${code}:tm:${i}`, 0, 9_999_999)),
    registered_on: dayAfterStart(demoInt(`${code}:brand-day:${i}`, 0, 200)),
  }));
  await insertChunks(t, "brands", brands);

  const brandWord = (b: number) =>
    b === 0 ? `${name.replace(/[县区市]$/, "")}好物` : tradeName(code, "brand", b);
  // 4–9 developed products: a few counties stay below the 5 of O5.
  const developed = isExemplaryDemoCounty(code)
    ? demoInt(`${code}:developed`, 5, 9)
    : demoInt(`${code}:developed`, 4, 9);
  const products = Array.from({ length: developed }, (_, i) => ({
    id: randomUUID(),
    ...stamp,
    // Named after its brand; the pack tells apart two products of one brand and one crop.
    name: `${DEMO}${brandWord(i % brands.length)}${local[i % local.length]!.name}${["礼盒", "精选装"][Math.floor(i / brands.length)]}`,
    brand_id: brands[i % brands.length]!.id,
    standard: `DB13/T ${demoInt(`${code}:std:${i}`, 1000, 2999)}`,
    packaging: i % 2 ? "纸盒" : "真空袋",
    grade: i % 3 ? "一级" : "特级",
    price_fen: demoInt(`${code}:price:${i}`, 1990, 19_900),
    unit: i % 2 ? "1千克/盒" : "500克/袋",
    launched_on: dayAfterStart(demoInt(`${code}:launch:${i}`, 60, 250)),
  }));
  await insertChunks(t, "developed_products", products);

  await t
    .insertInto("circulation_standards")
    .values({
      id: randomUUID(),
      ...stamp,
      number: `${DEMO}T/${code}-001-2018`,
      title: `${DEMO}${local[0]!.name}电商流通规范（分级、包装、标识）`,
      issued_on: "2018-04-01",
      document_ref: `${DEMO}县质监局发布文件`,
    })
    .execute();

  const listingCount = demoInt(`${code}:listings`, 3, 6);
  await insertChunks(
    t,
    "platform_listings",
    Array.from({ length: listingCount }, (_, i) => ({
      id: randomUUID(),
      ...stamp,
      product_id: products[i % products.length]!.id,
      platform: PLATFORM_CYCLE[i % PLATFORM_CYCLE.length]!,
      platform_name: null,
      shop_name: `${DEMO}${name}${tradeName(code, "listing", i)}特产馆`,
      shop_url: `https://shop.example.com/${code}/${i + 1}`,
      monthly_sales_fen: demoInt(`${code}:listing-sales:${i}`, 500_000, 30_000_000),
      listed_on: dayAfterStart(demoInt(`${code}:listing-day:${i}`, 90, 280)),
    })),
  );

  // 20–60 incubated shops; about one in six stays below the 30,000-yuan reading of O6.
  const shops = Array.from({ length: demoInt(`${code}:shops`, 20, 60) }, (_, i) => {
    const annual =
      demoFraction(`${code}:shop-level:${i}`) < 0.85
        ? demoInt(`${code}:shop-annual:${i}`, 3_000_000, 30_000_000)
        : demoInt(`${code}:shop-annual:${i}`, 500_000, 2_999_999);
    const services = SERVICE_KEYS.filter((_, s) => demoFraction(`${code}:shop-service:${i}:${s}`) < 0.45);
    return {
      id: randomUUID(),
      ...stamp,
      name: `${DEMO}${tradeName(code, "shop", i)}${local[i % local.length]!.name}小店`,
      owner_categories: JSON.stringify([OWNER_CYCLE[i % OWNER_CYCLE.length]!]),
      platform: PLATFORM_CYCLE[demoInt(`${code}:shop-platform:${i}`, 0, PLATFORM_CYCLE.length - 1)]!,
      platform_name: null,
      shop_url: `https://shop.example.com/${code}/incubated/${i + 1}`,
      opened_on: dayAfterStart(demoInt(`${code}:shop-day:${i}`, 30, 290)),
      services: JSON.stringify(services.length ? services : ["marketing"]),
      monthly_transactions_fen: Math.floor(annual / 12),
      annual_transactions_fen: annual,
    };
  });
  await insertChunks(t, "incubated_shops", shops);
  return {
    brands: brands.length,
    developedProducts: products.length,
    listings: listingCount,
    shops: shops.length,
  };
}

async function demoTraceability(trx: Kysely<Database>, county: { code: string; name: string }) {
  const t = trx.withTables<UpwardTables>() as unknown as Kysely<any>;
  const { code, name } = county;
  const now = chinaTimestamp();
  const stamp = { county_code: code, is_demo: 1, created_at: now, updated_at: now };
  const village = await trx
    .selectFrom("regions")
    .select("code")
    .where("county_code", "=", code)
    .where("level", "=", "village")
    .where("village_kind", "=", "village_committee")
    .orderBy("code")
    .executeTakeFirst();
  const product = PRODUCTS[demoInt(`${code}:trace-product`, 0, PRODUCTS.length - 1)]!;

  const enterprises = Array.from({ length: demoInt(`${code}:trace-enterprises`, 1, 3) }, (_, i) => ({
    id: randomUUID(),
    ...stamp,
    name: `${DEMO}${name}${tradeName(code, "enterprise", i)}${product.name}产业有限公司`,
    credit_code: null,
    system_name: "（演示）河北省农产品质量安全追溯平台",
    joined_on: dayAfterStart(demoInt(`${code}:joined:${i}`, 30, 150)),
    sales_fen: demoInt(`${code}:trace-sales:${i}`, 5_000_000, 200_000_000),
  }));
  await insertChunks(t, "trace_enterprises", enterprises);
  const enterprise = enterprises[0]!;
  const base = {
    id: randomUUID(),
    ...stamp,
    enterprise_id: enterprise.id,
    name: `${DEMO}${product.name}种植基地`,
    kind: "base",
    village_code: village?.code ?? null,
  };
  const plant = { ...base, id: randomUUID(), name: `${DEMO}${product.name}加工车间`, kind: "plant" };
  const warehouse = {
    ...base,
    id: randomUUID(),
    name: `${DEMO}县级仓储物流中心`,
    kind: "warehouse",
    village_code: null,
  };
  await insertChunks(t, "trace_sites", [base, plant, warehouse]);

  const batch = (i: number, productName: string, quantity: number, unit: string) => ({
    id: randomUUID(),
    county_code: code,
    enterprise_id: enterprise.id,
    product_id: null,
    product_name: `${DEMO}${productName}`,
    lot: `YS${code}-2018-${String(i + 1).padStart(3, "0")}`,
    code: demoTraceCode(`${code}:${i}`),
    quantity,
    unit,
    is_demo: 1,
    created_at: now,
  });
  const raw = batch(0, product.name, demoInt(`${code}:raw-kg`, 2000, 8000), "kg");
  const packed = batch(1, `${product.name}礼盒`, demoInt(`${code}:boxes`, 300, 900), "box");
  await insertChunks(t, "trace_batches", [raw, packed]);

  const events: TraceEventTable[] = [];
  const event = (
    batchId: string,
    step: TraceStep,
    day: string,
    siteId: string,
    extra: Partial<TraceEventTable> = {},
  ): TraceEventTable => {
    const id = randomUUID();
    const eventTime = `${day}T09:00:00.000+08:00`;
    const row: TraceEventTable = {
      id,
      county_code: code,
      batch_id: batchId,
      epcis_event_id: `urn:uuid:${id}`,
      step,
      event_time: eventTime,
      site_id: siteId,
      quantity: null,
      unit: null,
      inputs: null,
      inspection: null,
      note: "",
      voids_event_id: null,
      error_reason: null,
      corrective_event_ids: null,
      // Recorded the evening of the day it happened, as a county clerk would.
      recorded_at: `${day}T18:00:00.000+08:00`,
      is_demo: 1,
      ...extra,
    };
    events.push(row);
    return row;
  };
  const inspection = (item: string) =>
    JSON.stringify({
      item,
      result: "pass",
      agency: `${DEMO}县农产品质量检测站`,
      reportNo: `YS-JC-${code}-${item.length}`,
    });
  event(raw.id, "planting", "2018-04-10", base.id);
  event(raw.id, "harvesting", "2018-09-05", base.id, { quantity: raw.quantity, unit: "kg" });
  event(raw.id, "inspecting", "2018-09-06", base.id, { inspection: inspection("农药残留") });
  event(packed.id, "processing", "2018-09-10", plant.id, {
    quantity: packed.quantity,
    unit: "box",
    inputs: JSON.stringify([{ batchId: raw.id, quantity: raw.quantity, unit: "kg" }]),
  });
  event(packed.id, "inspecting", "2018-09-11", plant.id, { inspection: inspection("净含量与标签") });
  event(packed.id, "packing", "2018-09-12", plant.id, { quantity: packed.quantity, unit: "box" });
  const wrongShipping = event(packed.id, "shipping", "2018-09-13", warehouse.id, {
    quantity: packed.quantity,
    unit: "box",
  });
  // A correction, as EPCIS does it: the shipping date was wrong; the new event replaces it.
  const corrected = event(packed.id, "shipping", "2018-09-15", warehouse.id, {
    quantity: packed.quantity,
    unit: "box",
  });
  events.push({
    ...wrongShipping,
    id: randomUUID(),
    note: `${DEMO}发货日期录入错误`,
    voids_event_id: wrongShipping.id,
    error_reason: "incorrect_data",
    corrective_event_ids: JSON.stringify([corrected.id]),
    recorded_at: corrected.recorded_at,
  });
  await insertChunks(t, "trace_events", events);
  return { traceEnterprises: enterprises.length, traceBatches: 2, traceEvents: events.length };
}
