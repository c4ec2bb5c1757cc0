/**
 * A 100k-row workbook import never holds the server (issues 19.3 and 14.9). The real `shifan serve`
 * (bin/shifan.js, as in production) imports a 100k-row 物流 sheet written here with ExcelJS through
 * the upload route, while this test asks `/api/v1/health` every 20 ms: every answer arrives within
 * 200 ms (before the worker thread, one import held it for seconds). The import commits all 100k
 * rows; the same file with one bad row writes nothing and names that row; the progress route shows
 * rows read, validated and written on the way.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OperationsTables } from "../../src/server/operations/operations.tables";
import { createUser } from "../../src/server/platform/auth/users";
import { TEST_PASSWORD } from "../support/app";
import { createTestDb, DIALECTS, type TestDb } from "../support/databases";
import { type ServerProcess, sleep, startServer } from "../support/server-process";
import { registerStations } from "../support/stations";

const COUNTY = "130533";
const ROWS = 100_000;
const STATIONS = 200;
/** The data row (0-based) that the failing file spoils: sheet row BAD_INDEX + 2. */
const BAD_INDEX = 61_234;
const HEALTH_LIMIT_MS = 200;

const HEADER = ["运单号", "站点编号", "快递企业", "发出时间", "签收时间", "方向", "运费(元)", "重量(千克)"];
const CARRIERS = ["中国邮政EMS", "中通快递", "圆通速递", "韵达快递"];

/** A deterministic year of waybills; `bad` spoils one row's direction. */
async function writeWorkbook(path: string, bad: boolean): Promise<void> {
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
  const sheet = writer.addWorksheet("物流");
  sheet.addRow(HEADER).commit();
  const two = (n: number) => String(n).padStart(2, "0");
  for (let i = 0; i < ROWS; i++) {
    const day = 1 + (i % 28);
    const month = 1 + (Math.floor(i / 28) % 12);
    const up = i % 7 === 0;
    sheet
      .addRow([
        `YT${String(i).padStart(8, "0")}`,
        `BS-${i % STATIONS}`,
        CARRIERS[i % CARRIERS.length],
        `2018-${two(month)}-${two(day)} 09:00`,
        i % 50 === 0 ? "" : `2018-${two(month)}-${two(day)} ${two(10 + (i % 12))}:30`,
        bad && i === BAD_INDEX ? "横向" : up ? "上行" : "下行",
        `${3 + (i % 12)}.50`,
        up ? `${1 + (i % 8)}.5` : "",
      ])
      .commit();
  }
  sheet.commit();
  await writer.commit();
}

// The two workbooks are written once for every dialect.
const dir = mkdtempSync(join(tmpdir(), "shifan-resp-"));
const goodPath = join(dir, "物流-good.xlsx");
const badPath = join(dir, "物流-bad.xlsx");
beforeAll(async () => {
  await Promise.all([writeWorkbook(goodPath, false), writeWorkbook(badPath, true)]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(DIALECTS)("a 100k-row import beside other requests on %s", (dialect) => {
  let db: TestDb;
  let server: ServerProcess;
  let cookie: string;

  const shipments = async () =>
    Number(
      (
        await db.db
          .withTables<OperationsTables>()
          .selectFrom("shipments")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("county_code", "=", COUNTY)
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: [COUNTY] });
    await registerStations(
      db.db,
      COUNTY,
      Array.from({ length: STATIONS }, (_, s) => `BS-${s}`),
    );
    await createUser(db.db, "system", {
      username: "c130533resp",
      role: "county_admin",
      regionCode: COUNTY,
      password: TEST_PASSWORD,
    });
    server = await startServer(db.url);
    const res = await fetch(`${server.base}/api/v1/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "c130533resp", password: TEST_PASSWORD }),
    });
    expect(res.status).toBe(200);
    cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    // The server starts its import worker at boot; a one-row dry run waits until it is ready, so
    // that what is measured below is the imports, not the worker's start.
    const form = new FormData();
    form.set(
      "file",
      new Blob([`${HEADER.join(",")}\nYT1,BS-1,中通快递,2018-05-20 09:00,,下行,6.50,\n`]),
      "物流.csv",
    );
    const warm = await fetch(`${server.base}/api/v1/counties/${COUNTY}/workbook?dryRun=true`, {
      method: "POST",
      headers: { cookie },
      body: form,
    });
    expect(warm.status, await warm.text()).toBe(200);
  });

  afterAll(async () => {
    server?.child.kill("SIGTERM");
    await server?.exit;
    await db?.drop();
  });

  type Seen = { phase: string; rowsRead: number; rowsValidated: number; rowsWritten: number };

  /**
   * Uploads `path` while asking for health every 20 ms and for the import's progress every 100 ms;
   * returns the upload's answer, every health answer's time and the progress seen.
   */
  async function importWhileWatching(path: string, progressId: string) {
    let done = false;
    const healthMs: number[] = [];
    const progress: Seen[] = [];
    const health = (async () => {
      while (!done) {
        const started = performance.now();
        const res = await fetch(`${server.base}/api/v1/health`);
        await res.arrayBuffer();
        healthMs.push(performance.now() - started);
        expect(res.status).toBe(200);
        await sleep(20);
      }
    })();
    const watch = (async () => {
      while (!done) {
        const res = await fetch(`${server.base}/api/v1/counties/${COUNTY}/workbook/progress/${progressId}`, {
          headers: { cookie },
        });
        if (res.status === 200) progress.push((await res.json()) as Seen);
        else await res.arrayBuffer();
        await sleep(100);
      }
    })();
    const form = new FormData();
    form.set("file", new Blob([readFileSync(path)]), "物流.xlsx");
    const res = await fetch(`${server.base}/api/v1/counties/${COUNTY}/workbook?progress=${progressId}`, {
      method: "POST",
      headers: { cookie, "accept-language": "zh-CN" },
      body: form,
    });
    const body = (await res.json()) as Record<string, any>;
    done = true;
    await Promise.all([health, watch]);
    const final = await fetch(`${server.base}/api/v1/counties/${COUNTY}/workbook/progress/${progressId}`, {
      headers: { cookie },
    });
    return { status: res.status, body, healthMs, progress, final: (await final.json()) as Seen };
  }

  it("writes nothing from a 100k-row file with one bad row, names it, and keeps answering health", async () => {
    const { status, body, healthMs, progress, final } = await importWhileWatching(badPath, "bad-100k-file");
    expect(status).toBe(422);
    expect(body.error.code).toBe("import_rejected");
    expect(body.error.details).toEqual([
      { sheet: "物流", row: BAD_INDEX + 2, column: "方向", message: expect.stringContaining("横向") },
    ]);
    expect(await shipments()).toBe(0);
    expect(final).toMatchObject({ phase: "failed", rowsRead: ROWS, rowsValidated: ROWS, rowsWritten: 0 });
    expect(progress.some((p) => p.rowsRead > 0 && p.rowsRead < ROWS)).toBe(true);
    // The import took long enough for many health checks, and none waited for it.
    expect(healthMs.length).toBeGreaterThan(20);
    expect(Math.max(...healthMs)).toBeLessThan(HEALTH_LIMIT_MS);
  });

  it("commits all 100k rows of a good file, showing progress, and keeps answering health", async () => {
    const { status, body, healthMs, progress, final } = await importWhileWatching(goodPath, "good-100k-file");
    expect(status, JSON.stringify(body).slice(0, 500)).toBe(200);
    expect(body.written).toBe(true);
    expect(body.sheets).toEqual([{ sheet: "物流", rows: ROWS, accepted: ROWS, rejected: 0, written: ROWS }]);
    expect(await shipments()).toBe(ROWS);
    expect(final).toEqual({
      phase: "done",
      rowsRead: ROWS,
      rowsValidated: ROWS,
      rowsRejected: 0,
      rowsWritten: ROWS,
    });
    expect(progress.some((p) => p.phase === "reading" && p.rowsRead > 0 && p.rowsRead < ROWS)).toBe(true);
    expect(healthMs.length).toBeGreaterThan(20);
    expect(Math.max(...healthMs)).toBeLessThan(HEALTH_LIMIT_MS);
  });
});
