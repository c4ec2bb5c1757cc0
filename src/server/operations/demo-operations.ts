/**
 * Demo operations, deterministic from the division codes and marked as demo (is_demo = 1): for
 * each demonstration county, station months of 2018 from the month after each station opened, a
 * delivery ledger with 1–3 downward and 0–1 upward shipments per station-month, and
 * benchmark upward fees. Counties differ — some miss the online rate (O1), some the order and
 * amount averages (O2), some deliver late, integrate a single carrier or charge above the
 * benchmark (O3) — so the KPI pages and the scorecard show both outcomes. 威县 passes all. 魏县
 * carries an injected fraud pattern (FRAUD_DEMO_COUNTY) that the data-quality flags catch (E5).
 *
 * Stations are those of the network's register (its demo stations): figures never name a station
 * the register does not hold, and a county without registered stations gets no operations data.
 */
import { chinaInstant, DEFAULT_WEIGHT_CLASSES } from "../../rules/operations";
import { nextMonth } from "../../rules/station-months";
import { stationRegister } from "../network";
import { recordAudit } from "../platform/audit/audit";
import type { Db } from "../platform/db/database";
import { isExemplaryDemoCounty } from "../platform/demo/demo-outcomes";
import { demoFraction, demoInt } from "../platform/demo/demo-random";
import type { DemoContext } from "../platform/domain";
import { chinaTimestamp } from "../platform/time/china-time";
import { createIngestToken } from "./create-ingest-token";
import { ingestBatch } from "./ingest-batch";
import type { OperationsTables } from "./operations.tables";
import type { ShipmentState } from "./record-shipments";
import { recordShipments } from "./record-shipments";
import { revokeIngestToken } from "./revoke-ingest-token";
import { lockCountyOperations } from "./rollups.repository";
import { type StationMonthInput, saveStationMonths } from "./save-station-months";

export const DEMO_MONTHS = Array.from({ length: 12 }, (_, i) => `2018-${String(i + 1).padStart(2, "0")}`);
const CARRIERS = ["中国邮政EMS", "中通快递", "圆通速递", "韵达快递"];
/** Benchmark upward fees per weight class, in fen (the mainstream platforms' county price). */
const BENCHMARK_FEN: Record<string, number> = { w1: 800, w3: 1000, w5: 1400, w10: 2000, w10plus: 3000 };
const FLAGSHIP = "130533";

/** How a demo county performs on each KPI. */
export type DemoProfile = {
  online: boolean;
  orders: boolean;
  delivery: boolean;
  carriers: boolean;
  fees: boolean;
};

export function demoProfile(countyCode: string): DemoProfile {
  if (countyCode === FLAGSHIP || isExemplaryDemoCounty(countyCode))
    return { online: true, orders: true, delivery: true, carriers: true, fees: true };
  const f = (what: string) => demoFraction(`${countyCode}:ops:${what}`);
  return {
    online: f("online") < 0.6,
    orders: f("orders") < 0.55,
    delivery: f("delivery") < 0.6,
    carriers: f("carriers") < 0.8,
    fees: f("fees") < 0.75,
  };
}

/**
 * The months a demo station reports: from the month after it opened (its 建成日期 in the network's
 * register, rule O2) to the end of the demo year.
 */
function demoMonthsOf(builtOn: string): string[] {
  const first = nextMonth(builtOn.slice(0, 7));
  return DEMO_MONTHS.filter((m) => m >= first);
}

function stationMonths(code: string, builtOn: string, profile: DemoProfile): StationMonthInput[] {
  // One station in ten lags behind its county, so even passing counties list a few failures.
  const lagging = demoFraction(`${code}:lagging`) < 0.1;
  return demoMonthsOf(builtOn).map((month) => {
    const seed = `${code}:${month}`;
    const good = (ok: boolean) => ok && !lagging;
    const rate = good(profile.online)
      ? demoInt(`${seed}:rate`, 9560, 9990)
      : demoInt(`${seed}:rate`, 8600, 9550);
    const orders = good(profile.orders)
      ? demoInt(`${seed}:orders`, 52, 95)
      : demoInt(`${seed}:orders`, 25, 58);
    const yuan = good(profile.orders)
      ? demoInt(`${seed}:amount`, 2_050, 4_200)
      : demoInt(`${seed}:amount`, 1_100, 2_300);
    return {
      stationCode: code,
      month,
      orders,
      amountFen: yuan * 100 + demoInt(`${seed}:fen`, 0, 99),
      onlineRateBp: rate,
    };
  });
}

/** `hours` after 08:00 China time on `day`. */
const instant = (day: string, hours: number) =>
  chinaInstant(Date.parse(`${day}T08:00:00+08:00`) + hours * 3_600_000);

function shipments(
  countyCode: string,
  code: string,
  builtOn: string,
  profile: DemoProfile,
  counter: { n: number },
): ShipmentState[] {
  const carriers = profile.carriers ? CARRIERS.slice(0, 3) : CARRIERS.slice(1, 2);
  const result: ShipmentState[] = [];
  for (const month of demoMonthsOf(builtOn)) {
    const seed = `${code}:${month}:ship`;
    const down = demoInt(`${seed}:down`, 1, 3);
    const up = demoInt(`${seed}:up`, 0, 1);
    for (let i = 0; i < down + up; i++) {
      const s = `${seed}:${i}`;
      const day = `${month}-${String(demoInt(`${s}:day`, 1, 28)).padStart(2, "0")}`;
      const dispatchedAt = instant(day, demoInt(`${s}:hour`, 0, 9));
      const late = !profile.delivery && demoFraction(`${s}:late`) < 0.06;
      const hours = late ? demoInt(`${s}:hours`, 170, 260) : demoInt(`${s}:hours`, 6, 150);
      const deliveredAt = instant(day, demoInt(`${s}:hour`, 0, 9) + hours);
      const isUp = i >= down;
      const grams = demoInt(`${s}:grams`, 300, 4_800);
      const weightClass = DEFAULT_WEIGHT_CLASSES.find((c) => c.maxGrams === null || grams <= c.maxGrams)!.key;
      const factor =
        profile.fees || weightClass !== "w3" ? demoInt(`${s}:fee`, 80, 100) : demoInt(`${s}:fee`, 105, 125);
      counter.n++;
      result.push({
        waybill: `YS${countyCode}${String(counter.n).padStart(8, "0")}`,
        stationCode: code,
        carrier: carriers[demoInt(`${s}:carrier`, 0, carriers.length - 1)]!,
        direction: isUp ? "up" : "down",
        dispatchedAt,
        // Shipments of the last days of 2018 are still on the way.
        deliveredAt: deliveredAt.slice(0, 10) > "2018-12-31" ? null : deliveredAt,
        feeFen: isUp
          ? Math.round((BENCHMARK_FEN[weightClass]! * factor) / 100)
          : demoInt(`${s}:downfee`, 300, 600),
        weightGrams: isUp ? grams : null,
      });
    }
  }
  return result;
}

/** The county whose demo data carry an injected fraud pattern that the data-quality flags catch (E5). */
export const FRAUD_DEMO_COUNTY = "130434"; // 魏县

/** The station whose 2018-09 代购单数 the fraud pattern inflates (a jump far above its history). */
function inflateMonth(months: StationMonthInput[], stationCode: string | undefined): void {
  const month = months.find((m) => m.stationCode === stationCode && m.month === "2018-09");
  if (month) {
    month.orders = 480;
    month.amountFen = 4_800_000;
  }
}

/**
 * The fraud pattern of the demo, sent by a contractor's system through the ingest API as real
 * data would arrive: a night of identical 99-yuan orders at one station, a waybill number used
 * for two parcels, and a delivery signed for before it left the county warehouse.
 */
async function injectFraudPattern(db: Db, countyCode: string, codes: readonly string[]): Promise<void> {
  const [night, , dup1 = codes[0], dup2 = codes[0]] = codes;
  if (!night || !dup1 || !dup2) return;
  const actor = { id: null, name: "demo" };
  const { record } = await createIngestToken({
    db,
    actor,
    countyCode,
    name: "（演示）合作方订单与物流系统",
  });
  const caller = { tokenId: record.id, name: record.name, countyCode, kinds: null, stationCodes: null };
  const orders = Array.from({ length: 40 }, (_, i) => ({
    sourceId: `demo-fraud-o${i + 1}`,
    stationCode: night,
    kind: "代购",
    amountFen: 9900,
    at: `2018-08-14T${String(1 + Math.floor(i / 15)).padStart(2, "0")}:${String((i % 15) * 4).padStart(2, "0")}:00+08:00`,
  }));
  await ingestBatch({ db, caller, kind: "orders", records: orders, isDemo: true });
  const waybill = `YS${countyCode}DUP0001`;
  const base = { carrier: CARRIERS[1], direction: "下行" };
  await ingestBatch({
    db,
    caller,
    kind: "shipments",
    isDemo: true,
    records: [
      {
        ...base,
        sourceId: "demo-fraud-s1",
        waybill,
        stationCode: dup1,
        dispatchedAt: "2018-07-03 09:00",
        deliveredAt: "2018-07-05 15:00",
      },
      {
        ...base,
        sourceId: "demo-fraud-s2",
        waybill,
        stationCode: dup2,
        dispatchedAt: "2018-07-16 09:00",
        deliveredAt: "2018-07-18 11:00",
      },
      {
        ...base,
        sourceId: "demo-fraud-s3",
        waybill: `YS${countyCode}EARLY001`,
        stationCode: dup1,
        dispatchedAt: "2018-07-20 10:00",
        deliveredAt: "2018-07-19 15:00",
      },
    ],
  });
  await revokeIngestToken({ db, actor, countyCode, id: record.id });
}

export async function loadDemoOperations(db: Db, { counties }: DemoContext): Promise<void> {
  const now = chinaTimestamp();
  for (const county of counties) {
    const loaded = await db.db.transaction().execute(async (kdb) => {
      const trx = kdb.withTables<OperationsTables>();
      await lockCountyOperations(kdb, county.code);
      const existing = await trx
        .selectFrom("station_months")
        .select("station_code")
        .where("county_code", "=", county.code)
        .union(trx.selectFrom("shipments").select("station_code").where("county_code", "=", county.code))
        .limit(1)
        .execute();
      if (existing.length) return undefined; // a county's own data is never overlaid with demo data
      const profile = demoProfile(county.code);
      // The network's register names the stations (no figures for a station it does not hold) and
      // when each opened; a station still being built reports nothing.
      const opened = [...(await stationRegister(kdb, county.code)).values()]
        .filter((st): st is typeof st & { builtOn: string } => st.builtOn !== null && st.builtOn < "2018-12")
        .sort((a, b) => a.stationNo.localeCompare(b.stationNo));
      if (!opened.length) return undefined;
      const codes = opened.map((st) => st.stationNo);
      const months = opened.flatMap((st) => stationMonths(st.stationNo, st.builtOn, profile));
      if (county.code === FRAUD_DEMO_COUNTY) inflateMonth(months, codes[1]);
      const counter = { n: 0 };
      const ledger = opened.flatMap((st) =>
        shipments(county.code, st.stationNo, st.builtOn, profile, counter),
      );
      await saveStationMonths(kdb, county.code, months, { isDemo: true });
      await recordShipments(kdb, county.code, ledger, { mode: "replace", source: "workbook", isDemo: true });
      await trx
        .insertInto("fee_benchmarks")
        .values(
          Object.entries(BENCHMARK_FEN).map(([weightClass, fee]) => ({
            county_code: county.code,
            weight_class: weightClass,
            fee_fen: fee,
            note: "（演示）主流平台同区域报价",
            is_demo: 1,
            updated_at: now,
          })),
        )
        .execute();
      await recordAudit(
        kdb,
        { id: null, name: "demo" },
        {
          action: "demo.operations_loaded",
          entity: "county",
          entityId: county.code,
          countyCode: county.code,
          after: { stations: codes.length, stationMonths: months.length, shipments: ledger.length, profile },
        },
      );
      return codes;
    });
    if (loaded && county.code === FRAUD_DEMO_COUNTY) await injectFraudPattern(db, county.code, loaded);
    if (loaded) await issueContractorToken(db, county.code);
  }
}

/**
 * The county's demo contractor (威县's, whose account contractor1 is) sends its stations' orders and
 * uptime with a token of its own, which its landing lists (issue 18.3). Never used by the demo.
 */
async function issueContractorToken(db: Db, countyCode: string): Promise<void> {
  const org = await db.db
    .selectFrom("organizations")
    .select(["id", "name"])
    .where("kind", "=", "contractor")
    .where("region_code", "=", countyCode)
    .where("is_demo", "=", 1)
    .orderBy("created_at")
    .executeTakeFirst();
  if (!org) return;
  await createIngestToken({
    db,
    actor: { id: null, name: "demo" },
    countyCode,
    name: `${org.name}订单与上线数据`,
    kinds: ["orders", "uptime"],
    organizationId: org.id,
  });
}
