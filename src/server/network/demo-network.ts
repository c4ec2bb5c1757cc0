/**
 * Demo service network, deterministic from the division codes and marked as demo (is_demo = 1,
 * "（演示）" in names): per county a centre, a warehouse, 0–3 township centres, stations in
 * 40–70% of administrative villages (so some counties pass G1 and some do not), a few facilities
 * failing a spec item, and express outlets in most townships.
 */
import { randomUUID } from "node:crypto";
import { isRequiredVillage, STATION_EQUIPMENT } from "../../rules/network";
import { recordAudit } from "../platform/audit/audit";
import type { Db } from "../platform/db/database";
import { isExemplaryDemoCounty } from "../platform/demo/demo-outcomes";
import { demoFraction, demoInt } from "../platform/demo/demo-random";
import type { DemoContext } from "../platform/domain";
import { chinaTimestamp } from "../platform/time/china-time";
import type { FacilityTable, NetworkTables, StationTable } from "./network.tables";

const FULL_STATION = STATION_EQUIPMENT.map((i) => i.name);
const WAREHOUSE = ["打包台", "货架", "扫枪", "配送车辆", "冷藏柜"];
const TOWNSHIP_CENTER = ["打包台", "货架", "电脑", "扫枪", "配送车辆"];
const CENTER_ROOMS = ["交流室", "电教室", "会议室", "办公室"];

/** A day between 2017-12-01 and 2018-10-20, from a seed. */
function demoDate(seed: string): string {
  const start = Date.UTC(2017, 11, 1);
  const days = demoInt(seed, 0, 323);
  return new Date(start + days * 86_400_000).toISOString().slice(0, 10);
}

/** What a demo station in this village looks like; about one in eight fails S5 on one item. */
export function demoStation(
  village: { code: string; name: string; population: number | null; isPoor: boolean },
  countyCode: string,
  index: number,
  now: string,
): StationTable {
  const seed = village.code;
  const large = isRequiredVillage(village);
  let area = large ? demoInt(`${seed}:area`, 100, 300) : demoInt(`${seed}:area`, 50, 150);
  let equipment = FULL_STATION;
  // Exemplary demo counties build every station to spec (see demo-outcomes.ts).
  const fault = isExemplaryDemoCounty(countyCode) ? 1 : demoFraction(`${seed}:fault`);
  if (fault < 0.05 && large) area = demoInt(`${seed}:small`, 60, 95);
  else if (fault < 0.09) equipment = FULL_STATION.filter((i) => i !== "42寸电视");
  else if (fault < 0.12) equipment = FULL_STATION.filter((i) => i !== "WIFI标识牌");
  const pending = !isExemplaryDemoCounty(countyCode) && demoFraction(`${seed}:pending`) < 0.06;
  return {
    id: randomUUID(),
    county_code: countyCode,
    station_no: `${countyCode}-Z${String(index + 1).padStart(4, "0")}`,
    name: `${village.name.replace(/村民委员会|村委会$/, "村")}电商服务站（演示）`,
    village_code: village.code,
    area_tenths: area,
    equipment_json: JSON.stringify(equipment),
    has_sign: 1,
    is_centrally_funded: demoFraction(`${seed}:funded`) < 0.8 ? 1 : 0,
    built_on: pending ? null : demoDate(`${seed}:built`),
    closed_on: null,
    manager: "站长（演示）",
    status: pending ? "building" : "open",
    is_demo: 1,
    created_at: now,
    updated_at: now,
  };
}

export async function loadDemoNetwork(db: Db, { counties }: DemoContext): Promise<void> {
  const now = chinaTimestamp();
  await db.db.transaction().execute(async (kdb) => {
    const trx = kdb.withTables<NetworkTables>();
    for (const county of counties) {
      const existing = await trx
        .selectFrom("stations")
        .select("id")
        .where("county_code", "=", county.code)
        .union(trx.selectFrom("facilities").select("id").where("county_code", "=", county.code))
        .limit(1)
        .execute();
      if (existing.length) continue; // a county's own data is never overlaid with demo data
      const villages = await trx
        .selectFrom("regions as r")
        .leftJoin("villages as v", (j) =>
          j.onRef("v.code", "=", "r.code").onRef("v.county_code", "=", "r.county_code"),
        )
        .select(["r.code", "r.name", "v.population", "v.is_poor"])
        .where("r.county_code", "=", county.code)
        .where("r.level", "=", "village")
        .where("r.village_kind", "=", "village_committee")
        .orderBy("r.code")
        .execute();
      const townships = await trx
        .selectFrom("regions")
        .select(["code", "name"])
        .where("county_code", "=", county.code)
        .where("level", "=", "township")
        .orderBy("code")
        .execute();

      // Stations in 40–70% of villages; counties differ in how strongly they favour the
      // villages S2 requires, so poor-village coverage varies too.
      const exemplary = isExemplaryDemoCounty(county.code);
      const share = exemplary ? 0.62 : 0.4 + 0.3 * demoFraction(`${county.code}:coverage`);
      const favour = exemplary ? 0.6 : 0.35 * demoFraction(`${county.code}:favour`) - 0.05;
      const ranked = villages
        .map((v) => {
          const village = {
            code: v.code,
            name: v.name,
            population: v.population ?? null,
            isPoor: v.is_poor === 1,
          };
          const score = demoFraction(`${v.code}:station`) - (isRequiredVillage(village) ? favour : 0);
          return { village, score };
        })
        .sort((a, b) => a.score - b.score || a.village.code.localeCompare(b.village.code));
      const chosen = ranked
        .slice(0, Math.round(share * villages.length))
        .map((r) => r.village)
        .sort((a, b) => a.code.localeCompare(b.code));
      const stations = chosen.map((v, i) => demoStation(v, county.code, i, now));
      for (let i = 0; i < stations.length; i += 200) {
        await trx
          .insertInto("stations")
          .values(stations.slice(i, i + 200))
          .execute();
      }

      const facilities = demoFacilities(county, townships, now);
      if (facilities.length) await trx.insertInto("facilities").values(facilities).execute();

      const express = townships.map((t) => ({
        county_code: county.code,
        township_code: t.code,
        has_express_outlet: exemplary || demoFraction(`${t.code}:express`) < 0.95 ? 1 : 0,
        is_demo: 1,
        updated_at: now,
      }));
      if (express.length) await trx.insertInto("township_express").values(express).execute();

      await recordAudit(
        kdb,
        { id: null, name: "demo" },
        {
          action: "demo.network_loaded",
          entity: "county",
          entityId: county.code,
          countyCode: county.code,
          after: { stations: stations.length, facilities: facilities.length, townships: express.length },
        },
      );
    }
  });
}

function demoFacilities(
  county: { code: string; name: string },
  townships: { code: string; name: string }[],
  now: string,
): FacilityTable[] {
  const countyName = county.name;
  // One of the two county facilities fails a spec item: the centre its sign, or the warehouse a scanner.
  const centerFails = demoFraction(`${county.code}:failing`) < 0.5;
  const exemplary = isExemplaryDemoCounty(county.code);
  const base = {
    township_code: null,
    closed_on: null,
    status: "open" as const,
    is_centrally_funded: 1,
    logistics_route: null,
    logistics_company: null,
    is_demo: 1,
    created_at: now,
    updated_at: now,
  };
  const facilities: FacilityTable[] = [
    {
      ...base,
      id: randomUUID(),
      county_code: county.code,
      facility_no: `${county.code}-F01`,
      kind: "county_center",
      name: `${countyName}电子商务公共服务中心（演示）`,
      area_tenths: demoInt(`${county.code}:center`, 6000, 12000),
      equipment_json: JSON.stringify(["电脑", "投影仪", "直播设备"]),
      rooms_json: JSON.stringify([
        ...CENTER_ROOMS.map((name) => ({ name, areaTenths: null })),
        { name: "农产品研发体验中心", areaTenths: demoInt(`${county.code}:rd`, 1000, 2000) },
      ]),
      has_sign: centerFails && !exemplary ? 0 : 1,
      opened_on: demoDate(`${county.code}:center-opened`),
      manager: "中心主任（演示）",
    },
    {
      ...base,
      id: randomUUID(),
      county_code: county.code,
      facility_no: `${county.code}-F02`,
      kind: "county_warehouse",
      name: `${countyName}仓储物流配送中心（演示）`,
      area_tenths: demoInt(`${county.code}:warehouse`, 8000, 20000),
      equipment_json: JSON.stringify(
        centerFails || exemplary ? WAREHOUSE : WAREHOUSE.filter((e) => e !== "扫枪"),
      ),
      rooms_json: "[]",
      has_sign: 1,
      opened_on: demoDate(`${county.code}:warehouse-opened`),
      manager: "仓储经理（演示）",
    },
  ];
  const count = Math.min(demoInt(`${county.code}:township-centers`, 0, 3), townships.length);
  const picked = [...townships]
    .sort((a, b) => demoFraction(`${a.code}:tc`) - demoFraction(`${b.code}:tc`))
    .slice(0, count);
  picked.forEach((t, i) => {
    facilities.push({
      ...base,
      id: randomUUID(),
      county_code: county.code,
      facility_no: `${county.code}-F${String(i + 3).padStart(2, "0")}`,
      kind: "township_center",
      name: `${t.name}配送中心（演示）`,
      township_code: t.code,
      area_tenths: demoInt(`${t.code}:tc-area`, 1000, 3000),
      equipment_json: JSON.stringify(TOWNSHIP_CENTER),
      rooms_json: "[]",
      has_sign: 1,
      opened_on: demoDate(`${t.code}:tc-opened`),
      manager: "配送站长（演示）",
      logistics_route: `县城-${t.name}`,
      logistics_company: `${countyName}城乡配送有限公司（演示）`,
    });
  });
  return facilities;
}
