/**
 * Data-quality flags (E5 evidence) on every dialect: each detector raised from data that arrived
 * through the ingest API and the workbook, the rows behind each flag, county scoping, the county
 * administrator's written resolution (audited), retries that change nothing, a corrected month
 * that closes its flag, and the flags reaching the scorecard's facts.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSheetRegistry } from "../../src/server/domains";
import { loadDemoNetwork } from "../../src/server/network/demo-network";
import { loadDemoVillages } from "../../src/server/network/demo-villages";
import {
  listFlags,
  loadQualityOrders,
  markDataQualityStale,
  markScanned,
} from "../../src/server/operations/data-quality.repository";
import { FRAUD_DEMO_COUNTY, loadDemoOperations } from "../../src/server/operations/demo-operations";
import { operationsModule } from "../../src/server/operations/index";
import type { OperationsTables } from "../../src/server/operations/operations.tables";
import {
  FEED_RESCAN_INTERVAL_MS,
  refreshDataQualityFlags,
  refreshFlagsForReaders,
  settleBackgroundScans,
  stationSlices,
} from "../../src/server/operations/refresh-data-quality-flags";
import { verifyAuditChain } from "../../src/server/platform/audit/audit";
import { chinaTimestamp } from "../../src/server/platform/time/china-time";
import { importWorkbook } from "../../src/server/platform/workbook/import-workbook";
import { buildTestApp, errorCode, signedIn } from "../support/app";
import { createTestDb, DIALECTS, type TestDb } from "../support/databases";
import { registerStations } from "../support/stations";
import { writeXlsx } from "../support/workbooks";

const MONTH_HEADER = ["站点编号", "月份", "代购单数", "交易额(元)", "上线率"];

type Flag = {
  id: string;
  kind: string;
  subject: string;
  status: string;
  stationCode: string | null;
  period: string;
  summary: { zh: string; en: string };
  refCount: number;
  resolution: string | null;
  resolvedByName: string | null;
};

describe.each(DIALECTS)("data-quality flags on %s", (dialect) => {
  let db: TestDb;
  let app: FastifyInstance;
  const dir = mkdtempSync(join(tmpdir(), "shifan-dq-"));
  let province: string;
  let weixian: string;
  let weixianViewer: string;
  let pingshan: string;
  let token: string;

  const get = (url: string, cookie: string) => app.inject({ method: "GET", url, headers: { cookie } });
  const ingest = (kind: string, records: unknown[]) =>
    app.inject({
      method: "POST",
      url: `/api/v1/ingest/${kind}`,
      headers: { authorization: `Bearer ${token}`, "accept-language": "zh-CN" },
      payload: records,
    });
  const flags = async (cookie = weixian, query = "") => {
    const res = await get(`/api/v1/counties/130533/data-quality-flags${query}`, cookie);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Flag[]; counts: { open: number; resolved: number } };
  };
  const byKind = (items: Flag[]) => Object.fromEntries(items.map((f) => [f.kind, f]));
  const importMonths = (name: string, rows: string[][]) =>
    writeXlsx(join(dir, name), [{ name: "站点月报", rows: [MONTH_HEADER, ...rows] }]).then((path) =>
      importWorkbook({
        db: db.db,
        registry: buildSheetRegistry(),
        actor: { id: null, name: "test" },
        countyCode: "130533",
        path,
      }),
    );

  // 12 orders of 99 yuan between 02:00 and 02:11 at WX-1, then 3 daytime orders of other amounts.
  const nightOrders = [
    ...Array.from({ length: 12 }, (_, i) => ({
      sourceId: `n${i}`,
      stationCode: "WX-1",
      kind: "代购",
      amountFen: 9900,
      at: `2018-05-03 02:${String(i).padStart(2, "0")}`,
    })),
    ...[1200, 3400, 560].map((amountFen, i) => ({
      sourceId: `d${i}`,
      stationCode: "WX-1",
      kind: "代购",
      amountFen,
      at: `2018-05-03 1${i}:30`,
    })),
  ];
  const shipment = {
    sourceId: "s1",
    waybill: "DUP-1",
    stationCode: "WX-1",
    carrier: "中通快递",
    direction: "下行",
    dispatchedAt: "2018-05-01 09:00",
  };

  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: ["130533", "130131"] });
    // Figures name registered stations only (interfaces.md).
    await registerStations(db.db, "130533", [
      "WX-1",
      "WX-2",
      "WX-3",
      "BIG",
      ...Array.from({ length: 7 }, (_, i) => `S${i}`),
    ]);
    app = await buildTestApp(db);
    province = (await signedIn(app, db, "province_admin", "13")).cookie;
    weixian = (await signedIn(app, db, "county_admin", "130533")).cookie;
    weixianViewer = (await signedIn(app, db, "county_viewer", "130533")).cookie;
    pingshan = (await signedIn(app, db, "county_admin", "130131")).cookie;
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/counties/130533/ingest-tokens",
      headers: { cookie: weixian },
      payload: { name: "合作方订单与物流系统" },
    });
    token = (res.json() as { token: string }).token;
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it("returns no operations facts and no flags for a county without data", async () => {
    expect(await operationsModule.facts!(db, "130533", "2018-12-31")).toEqual({});
    expect(await flags()).toEqual({ items: [], counts: { open: 0, resolved: 0 } });
  });

  it("raises each kind of flag from the data that shows it", async () => {
    expect((await ingest("orders", nightOrders)).json()).toMatchObject({ accepted: 15 });
    const ship = await ingest("shipments", [
      shipment,
      // The same number at another station a week later: a second parcel.
      { ...shipment, sourceId: "s2", stationCode: "WX-2", dispatchedAt: "2018-05-08 09:00" },
      // Signed for the day before it left the county warehouse: refused, and kept as evidence.
      {
        ...shipment,
        sourceId: "s3",
        waybill: "EARLY-1",
        dispatchedAt: "2018-05-05 10:00",
        deliveredAt: "2018-05-04 16:00",
      },
    ]);
    expect(ship.json()).toMatchObject({ accepted: 2, rejected: [{ index: 2 }] });
    const months = await importMonths("jump.xlsx", [
      ["WX-3", "2018-01", "40", "2500", "96%"],
      ["WX-3", "2018-02", "50", "2500", "96%"],
      ["WX-3", "2018-03", "60", "2500", "96%"],
      ["WX-3", "2018-04", "150", "9000", "96%"],
    ]);
    expect(months.rejected).toEqual([]);

    const list = await flags();
    expect(list.counts).toEqual({ open: 5, resolved: 0 });
    const kinds = byKind(list.items);
    expect(kinds.off_hours_orders).toMatchObject({
      subject: "WX-1|2018-05-03",
      stationCode: "WX-1",
      status: "open",
      refCount: 12,
    });
    expect(kinds.off_hours_orders!.summary.zh).toContain("外下单 12 笔");
    expect(kinds.identical_amounts).toMatchObject({ subject: "WX-1|n0", refCount: 12 });
    expect(kinds.monthly_jump).toMatchObject({ subject: "WX-3|2018-04", period: "2018-04" });
    expect(kinds.duplicate_waybill).toMatchObject({ subject: "DUP-1", refCount: 2 });
    expect(kinds.delivered_before_dispatch).toMatchObject({ subject: "WX-1|2018-05", refCount: 1 });
  });

  it("shows the rows behind each flag, read from where they are stored", async () => {
    const kinds = byKind((await flags()).items);
    const detail = async (id: string) => {
      const res = await get(`/api/v1/counties/130533/data-quality-flags/${id}`, weixianViewer);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as { evidence: { rows: Record<string, unknown>[]; total: number } }).evidence;
    };
    const night = await detail(kinds.off_hours_orders!.id);
    expect(night.rows.map((r) => r.sourceId)).toEqual(Array.from({ length: 12 }, (_, i) => `n${i}`));
    expect(night.rows[0]).toMatchObject({
      kind: "代购",
      amountFen: 9900,
      orderedAt: "2018-05-03T02:00:00+08:00",
    });
    const jump = await detail(kinds.monthly_jump!.id);
    expect(jump.rows.map((r) => [r.month, r.orders])).toEqual([
      ["2018-01", 40],
      ["2018-02", 50],
      ["2018-03", 60],
      ["2018-04", 150],
    ]);
    const dup = await detail(kinds.duplicate_waybill!.id);
    expect(dup.rows.map((r) => [r.sourceId, r.stationCode])).toEqual([
      ["s1", "WX-1"],
      ["s2", "WX-2"],
    ]);
    const early = await detail(kinds.delivered_before_dispatch!.id);
    expect(early.rows).toEqual([
      expect.objectContaining({
        sourceId: "s3",
        waybill: "EARLY-1",
        dispatchedAt: "2018-05-05T10:00:00+08:00",
        deliveredAt: "2018-05-04T16:00:00+08:00",
        reason: expect.stringContaining("签收时间早于发出时间"),
      }),
    ]);
  });

  it("keeps each county to its own flags; the province sees every county's", async () => {
    const kinds = byKind((await flags()).items);
    const other = await get("/api/v1/counties/130533/data-quality-flags", pingshan);
    expect(other.statusCode).toBe(403);
    expect(errorCode(other)).toBe("forbidden");
    // Another county's flag id under one's own county code is not found, not shown.
    const sideways = await get(
      `/api/v1/counties/130131/data-quality-flags/${kinds.monthly_jump!.id}`,
      pingshan,
    );
    expect(sideways.statusCode).toBe(404);
    const mine = await get("/api/v1/operations/data-quality-flags", pingshan);
    expect((mine.json() as { items: Flag[] }).items).toEqual([]);
    const all = await get("/api/v1/operations/data-quality-flags?status=open", province);
    const items = (all.json() as { items: (Flag & { countyName: string })[] }).items;
    expect(items).toHaveLength(5);
    expect(items.every((f) => f.countyName === "威县")).toBe(true);
  });

  it("gives the scorecard the open flags as short Chinese descriptions (E5)", async () => {
    const facts = await operationsModule.facts!(db, "130533", "2018-12-31");
    expect(facts.operations).toBeDefined();
    expect(facts.openDataQualityFlags).toHaveLength(5);
    expect(facts.openDataQualityFlags!.some((f) => f.startsWith("营业时间外集中下单：站点 WX-1"))).toBe(true);
    // Flags about data after the scorecard's date are not evidence as of that date.
    const before = await operationsModule.facts!(db, "130533", "2018-04-30");
    expect(before.openDataQualityFlags).toEqual([expect.stringContaining("WX-3 2018-04")]);
    const res = await get("/api/v1/counties/130533/scorecard?asOf=2018-12-31", weixian);
    const e5 = (res.json() as { veto: { id: string; status: string; note: string }[] }).veto.find(
      (v) => v.id === "E5",
    );
    // Flags are leads, never a veto: E5 waits for the assessor or the province (rule E5 reading).
    expect(e5).toMatchObject({ status: "pending", note: expect.stringContaining("运单号重复使用") });
  });

  it("changes nothing when a batch is retried, and does not rescan unchanged data", async () => {
    const before = await flags();
    expect((await ingest("orders", nightOrders)).json()).toMatchObject({ accepted: 0, duplicates: 15 });
    const after = await flags();
    expect(after).toEqual(before);
    expect(await refreshDataQualityFlags({ db, countyCode: "130533" })).toMatchObject({ scanned: false });
  });

  it("lets only the county's administrator resolve a flag, with a written reason, audited", async () => {
    const id = byKind((await flags()).items).identical_amounts!.id;
    const url = `/api/v1/counties/130533/data-quality-flags/${id}/resolve`;
    const post = (cookie: string, reason: string) =>
      app.inject({
        method: "POST",
        url,
        headers: { cookie, "accept-language": "zh-CN" },
        payload: { reason },
      });
    const reason = "经核实为村民团购化肥，每单99元，已附收货签字单";
    expect((await post(weixianViewer, reason)).statusCode).toBe(403);
    expect((await post(pingshan, reason)).statusCode).toBe(403);
    const byProvince = await post(province, reason);
    expect(byProvince.statusCode).toBe(403);
    expect((byProvince.json() as { error: { message: string } }).error.message).toContain("县级管理员");
    const short = await post(weixian, "已核实");
    expect(short.statusCode).toBe(400);
    expect(errorCode(short)).toBe("validation_failed");

    const ok = await post(weixian, reason);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: "resolved", resolution: reason });
    expect(errorCode(await post(weixian, reason))).toBe("flag_already_resolved");
    const audit = await db.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "operations.data_quality_flag_resolved")
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.entity_id).toBe(id);
    expect(audit[0]!.after_json).toContain("团购化肥");

    const list = await flags();
    expect(list.counts).toEqual({ open: 4, resolved: 1 });
    expect((await flags(weixian, "?status=resolved")).items.map((f) => f.kind)).toEqual([
      "identical_amounts",
    ]);
    const facts = await operationsModule.facts!(db, "130533", "2018-12-31");
    expect(facts.openDataQualityFlags).toHaveLength(4);
  });

  it("keeps a resolved flag resolved when more rows behind it arrive", async () => {
    const more = Array.from({ length: 3 }, (_, i) => ({
      sourceId: `n-late-${i}`,
      stationCode: "WX-1",
      kind: "代购",
      amountFen: 9900,
      at: `2018-05-03 02:${String(20 + i)}`,
    }));
    expect((await ingest("orders", more)).json()).toMatchObject({ accepted: 3 });
    const kinds = byKind((await flags()).items);
    expect(kinds.identical_amounts).toMatchObject({ status: "resolved", refCount: 15 });
    expect(kinds.off_hours_orders).toMatchObject({ status: "open", refCount: 15 });
  });

  it("closes a flag whose data were corrected, naming the scan as the reason", async () => {
    const fixed = await importMonths("fixed.xlsx", [["WX-3", "2018-04", "62", "2600", "96%"]]);
    expect(fixed.rejected).toEqual([]);
    const jump = byKind((await flags()).items).monthly_jump!;
    expect(jump).toMatchObject({ status: "resolved", resolvedByName: "系统复核" });
    expect(jump.resolution).toContain("重新检测未再发现");
    expect((await flags()).counts).toEqual({ open: 3, resolved: 2 });
  });

  it("hands readers the stored flags while only feeds changed, rescanning in the background at most once per interval", async () => {
    const scans = async () =>
      (
        await db.db
          .selectFrom("audit_log")
          .select("seq")
          .where("action", "=", "operations.data_quality_scanned")
          .execute()
      ).length;
    const openNight = async () =>
      (await listFlags(db.db, { countyCodes: ["130533"], status: "open" })).filter((f) =>
        f.subject.includes("2018-05-09"),
      ).length;
    await refreshDataQualityFlags({ db, countyCode: "130533", force: true });
    const night = Array.from({ length: 12 }, (_, i) => ({
      sourceId: `late-night-${i}`,
      stationCode: "WX-1",
      kind: "代购",
      amountFen: 500 + i,
      at: `2018-05-09 03:${String(i).padStart(2, "0")}`,
    }));
    expect((await ingest("orders", night)).json()).toMatchObject({ accepted: 12 });
    const before = await scans();
    // Scanned a moment ago: the reader gets the stored flags, and no scan starts.
    await refreshFlagsForReaders(db, "130533");
    await settleBackgroundScans();
    expect(await scans()).toBe(before);
    expect(await openNight()).toBe(0);
    // Once the last scan is an interval old, a read starts one in the background.
    await db.db
      .withTables<OperationsTables>()
      .updateTable("data_quality_scans")
      .set({ scanned_at: chinaTimestamp(new Date(Date.now() - FEED_RESCAN_INTERVAL_MS - 1_000)) })
      .where("county_code", "=", "130533")
      .execute();
    await refreshFlagsForReaders(db, "130533");
    await settleBackgroundScans();
    expect(await scans()).toBe(before + 1);
    expect(await openNight()).toBe(1);
    // A person's write (a workbook) is scanned before the read returns, however recent the last scan.
    await db.db.transaction().execute((trx) => markDataQualityStale(trx, "130533"));
    await refreshFlagsForReaders(db, "130533");
    const state = await db.db
      .withTables<OperationsTables>()
      .selectFrom("data_quality_scans")
      .selectAll()
      .where("county_code", "=", "130533")
      .executeTakeFirstOrThrow();
    expect(state.scanned_version).toBe(state.data_version);
  });

  it("reads a ledger longer than one page of the scan whole", async () => {
    for (const batch of [0, 1]) {
      const orders = Array.from({ length: 3_000 }, (_, i) => ({
        sourceId: `ledger-${batch}-${String(i).padStart(4, "0")}`,
        stationCode: i % 2 ? "WX-1" : "WX-2",
        kind: "代购",
        amountFen: 1_000 + i,
        at: `2018-06-${String(1 + (i % 28)).padStart(2, "0")} 10:${String(i % 60).padStart(2, "0")}`,
      }));
      expect((await ingest("orders", orders)).json()).toMatchObject({ accepted: 3_000 });
    }
    const stored = await db.db
      .withTables<OperationsTables>()
      .selectFrom("ingest_orders")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("county_code", "=", "130533")
      .executeTakeFirstOrThrow();
    const read = await loadQualityOrders(db.db, "130533");
    expect(Number(stored.n)).toBeGreaterThan(6_000);
    expect(read).toHaveLength(Number(stored.n));
    expect(new Set(read.map((o) => o.sourceId)).size).toBe(read.length);
  });

  it("drops a scan of older data than one already stored, and keeps a person's write due for the next read", async () => {
    const scans = db.db.withTables<OperationsTables>();
    const state = () =>
      scans
        .selectFrom("data_quality_scans")
        .selectAll()
        .where("county_code", "=", "130533")
        .executeTakeFirstOrThrow();
    await refreshDataQualityFlags({ db, countyCode: "130533", force: true });
    const before = await flags();
    // As if a scan of newer data had been stored while this one was reading.
    const { data_version } = await state();
    await scans
      .updateTable("data_quality_scans")
      .set({ scanned_version: data_version + 1 })
      .where("county_code", "=", "130533")
      .execute();
    expect(await refreshDataQualityFlags({ db, countyCode: "130533", force: true })).toMatchObject({
      scanned: false,
      superseded: true,
    });
    expect(await flags()).toEqual(before);
    await scans
      .updateTable("data_quality_scans")
      .set({ scanned_version: data_version })
      .where("county_code", "=", "130533")
      .execute();

    // A scan that read version v finishes after a person's write (v + 1): still due at the next read.
    await db.db.transaction().execute((trx) => markDataQualityStale(trx, "130533"));
    await db.db.transaction().execute((trx) => markScanned(trx, "130533", data_version, chinaTimestamp()));
    expect(await state()).toMatchObject({ scanned_at: null, data_version: data_version + 1 });
    // Whereas after device data only, the scan's time is kept (the feed rescan interval runs).
    await refreshDataQualityFlags({ db, countyCode: "130533" });
    await db.db.transaction().execute((trx) => markDataQualityStale(trx, "130533", "feed"));
    await db.db
      .transaction()
      .execute((trx) => markScanned(trx, "130533", data_version + 1, chinaTimestamp()));
    expect((await state()).scanned_at).not.toBeNull();
  });

  it("slices a station of more orders than one call's arguments can hold", () => {
    const orders = Array.from({ length: 200_000 }, (_, i) => ({
      sourceId: `big-${i}`,
      stationCode: i < 180_000 ? "BIG" : `S${i % 7}`,
      kind: "agency_purchase" as const,
      amountFen: i,
      at: "2018-06-01 10:00",
    }));
    const slices = [...stationSlices(orders)];
    expect(slices.reduce((n, s) => n + s.length, 0)).toBe(orders.length);
    expect(
      slices.find((s) => s.some((o) => o.stationCode === "BIG"))!.filter((o) => o.stationCode === "BIG"),
    ).toHaveLength(180_000);
  });

  it("leaves an intact audit chain", async () => {
    const scans = await db.db
      .selectFrom("audit_log")
      .select("after_json")
      .where("action", "=", "operations.data_quality_scanned")
      .execute();
    expect(scans.length).toBeGreaterThanOrEqual(2);
    expect(await verifyAuditChain(db.db)).toMatchObject({ ok: true });
    const refused = await db.db
      .withTables<OperationsTables>()
      .selectFrom("refused_shipment_events")
      .selectAll()
      .execute();
    expect(refused.map((r) => r.source_id)).toEqual(["s3"]);
  });
});

describe.each(DIALECTS)("the demo's injected fraud pattern on %s", (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: [FRAUD_DEMO_COUNTY, "130533"] });
    const context = {
      counties: [
        { code: FRAUD_DEMO_COUNTY, name: "魏县" },
        { code: "130533", name: "威县" },
      ],
    };
    // The operations demo speaks of the network's registered demo stations only.
    await loadDemoVillages(db, context);
    await loadDemoNetwork(db, context);
    await loadDemoOperations(db, context);
  });
  afterAll(() => db.drop());

  it("is caught by every detector in 魏县 and by none in 威县 (E5)", async () => {
    await refreshDataQualityFlags({ db, countyCode: FRAUD_DEMO_COUNTY });
    await refreshDataQualityFlags({ db, countyCode: "130533" });
    const flags = await listFlags(db.db, { countyCodes: [FRAUD_DEMO_COUNTY, "130533"] });
    expect(flags.every((f) => f.countyCode === FRAUD_DEMO_COUNTY && f.status === "open")).toBe(true);
    expect(flags.map((f) => f.kind).sort()).toEqual([
      "delivered_before_dispatch",
      "duplicate_waybill",
      "identical_amounts",
      "monthly_jump",
      "off_hours_orders",
    ]);
    const facts = await operationsModule.facts!(db, FRAUD_DEMO_COUNTY, "2018-10-31");
    expect(facts.openDataQualityFlags).toHaveLength(5);
    expect((await operationsModule.facts!(db, "130533", "2018-10-31")).openDataQualityFlags).toEqual([]);
    // The demo's contractor token is revoked once its data are in.
    const tokens = await db.db
      .withTables<OperationsTables>()
      .selectFrom("ingest_tokens")
      .selectAll()
      .execute();
    expect(tokens.map((t) => [t.county_code, t.revoked_at !== null])).toEqual([[FRAUD_DEMO_COUNTY, true]]);
  });
});
