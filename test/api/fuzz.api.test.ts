/**
 * Hostile input, property-based (fast-check): every JSON route gets random and malformed bodies and
 * query strings — values shaped by the route's own OpenAPI schema but filled with HTML, formulas,
 * SQL meta-characters, path traversal and edge numbers — and must answer 2xx or 4xx, never 5xx,
 * with no audit entry (so no write) on a 4xx. The workbook importer gets random rows of its sheets,
 * traversal file names, a zip bomb and an oversized upload: a clear 4xx and nothing written, or a
 * whole import. Exports keep formula-looking text as text; HTML stays escaped on /gk, /t and in
 * .docx. Runs per property: SHIFAN_FUZZ_RUNS (a multiplier, default 1) for a longer hunt.
 */
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { constants, crc32, deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import fc from "fast-check";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import JSZip from "jszip";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptanceDb } from "../../src/server/acceptance/acceptance.repository";
import { buildApp } from "../../src/server/app";
import { loadDemo } from "../../src/server/demo/load-demo";
import { buildSheetRegistry } from "../../src/server/domains";
import { ACCESS_ACTIONS } from "../../src/server/platform/auth/access-audit";
import { grantCountyAccess } from "../../src/server/platform/auth/grants";
import { chinaDate } from "../../src/server/platform/time/china-time";
import { findBatchByCode, loadTraceChain } from "../../src/server/upward/trace.repository";
import { renderTracePage } from "../../src/server/upward/trace-page";
import { errorCode, signedIn } from "../support/app";
import { createTestDb, DIALECTS, type TestDb } from "../support/databases";

const OWN = "130533";
const FAKE_ID = "00000000-0000-4000-8000-000000000000";
const RUNS = Number(process.env.SHIFAN_FUZZ_RUNS ?? 1);

/** Strings that have broken web apps before. */
const HOSTILE = [
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "<svg/onload=alert(1)>",
  '=HYPERLINK("http://evil.example/","点击领取补贴")',
  "=1+2",
  "+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1,1)",
  "'; DROP TABLE users; --",
  '" OR 1=1 --',
  "%' OR '1'='1",
  "1; SELECT pg_sleep(5)",
  "\\'; --",
  "../../../../etc/passwd",
  "..\\..\\windows\\win.ini",
  "javascript:alert(1)",
  "{{7*7}}#{7*7}%{7*7}",
  "\r\nSet-Cookie: x=1",
  "\u202e\u0000\ufeff",
  "𝕏😀🇨🇳",
  "　 ",
  "村".repeat(300),
];
/** Markup that must never come out of a page raw. */
const RAW_MARKUP = /<script|<img|<svg|href\s*=\s*"\s*javascript:/i;
const FORMULA_START = /^[=+\-@\t\r]/;

const hostileText = fc.oneof(
  { arbitrary: fc.constantFrom(...HOSTILE), weight: 4 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 1 },
  { arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }), weight: 1 },
  {
    arbitrary: fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...HOSTILE)).map(([a, b]) => a + b),
    weight: 2,
  },
);

// --- values from the routes' own OpenAPI schemas ----------------------------------------------------

type Schema = {
  type?: string;
  enum?: unknown[];
  nullable?: boolean;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  multipleOf?: number;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
};

const isoDate = fc
  .date({ min: new Date("2016-01-01T00:00:00Z"), max: new Date("2020-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const DATE_NAME = /(On|Date|date|deadline|asOf|Until|From)$/;

function schemaValue(schema: Schema, name = ""): fc.Arbitrary<unknown> {
  const base = baseOf(schema, name);
  return schema.nullable ? fc.option(base, { nil: null, freq: 4 }) : base;
}

function baseOf(schema: Schema, name: string): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return fc.oneof(...union.map((s) => schemaValue(s, name)));
  switch (schema.type) {
    case "string":
      return stringOf(schema, name);
    case "integer":
    case "number": {
      const lo =
        schema.minimum ?? (typeof schema.exclusiveMinimum === "number" ? schema.exclusiveMinimum + 1 : -1e6);
      const hi = schema.maximum ?? 1e9;
      const clamp = (v: number) => Math.max(-(2 ** 31), Math.min(2 ** 31 - 1, v));
      const step = schema.multipleOf ?? 1;
      return fc
        .oneof(
          fc.constantFrom(lo, hi, Math.max(lo, 0)),
          fc.integer({ min: clamp(lo), max: Math.max(clamp(lo), clamp(hi)) }),
        )
        .map((v) => Math.min(hi, Math.max(lo, Math.round(v / step) * step)));
    }
    case "boolean":
      return fc.boolean();
    case "array":
      return fc.array(schemaValue(schema.items ?? {}, name), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, 3)),
      });
    case "object": {
      const model = Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([key, s]) => [key, schemaValue(s, key)]),
      );
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in model) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringOf(schema: Schema, name: string): fc.Arbitrary<string> {
  if (schema.format === "uuid") return fc.oneof(fc.uuid({ version: 4 }), fc.constant(FAKE_ID));
  if (schema.format === "date" || (DATE_NAME.test(name) && !schema.pattern)) return isoDate;
  if (schema.format === "date-time") return isoDate.map((d) => `${d}T08:30:00+08:00`);
  if (schema.format === "email") return fc.emailAddress();
  if (schema.format === "uri")
    return fc.oneof(
      fc.webUrl(),
      fc.constantFrom("javascript:alert(1)", "file:///etc/passwd", "http://127.0.0.1:22/"),
    );
  if (schema.pattern) {
    const matching = fc.stringMatching(new RegExp(schema.pattern));
    return schema.maxLength ? matching.filter((s) => s.length <= schema.maxLength!) : matching;
  }
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 500;
  return hostileText.map((text) => {
    let t = text.slice(0, max);
    while (t.length < min) t += "字";
    return t;
  });
}

/** Well-formed, almost well-formed (one field replaced by junk) and plain junk bodies. */
function bodyOf(schema: Schema | undefined): fc.Arbitrary<unknown> {
  const junk = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.dictionary(hostileText, fc.jsonValue({ maxDepth: 1 })),
  );
  if (!schema) return junk;
  const keys = Object.keys(schema.properties ?? {});
  const broken = fc
    .tuple(schemaValue(schema), fc.nat(), fc.oneof(fc.jsonValue({ maxDepth: 1 }), hostileText))
    .map(([value, i, bad]) =>
      value && typeof value === "object" && !Array.isArray(value) && keys.length
        ? { ...value, [keys[i % keys.length]!]: bad }
        : bad,
    );
  return fc.oneof(
    { arbitrary: schemaValue(schema), weight: 4 },
    { arbitrary: broken, weight: 2 },
    { arbitrary: junk, weight: 1 },
  );
}

type Parameter = { in: string; name: string; schema: Schema };

function queryOf(parameters: Parameter[]): fc.Arbitrary<string> {
  const model = Object.fromEntries(
    parameters
      .filter((p) => p.in === "query")
      .map((p) => [
        p.name,
        fc.oneof(
          schemaValue(p.schema, p.name).map((v) => String(v)),
          hostileText,
        ),
      ]),
  );
  return fc
    .tuple(
      fc.record(model, { requiredKeys: [] }),
      fc.dictionary(fc.string({ maxLength: 6 }), hostileText, { maxKeys: 2 }),
    )
    .map(([known, extra]) =>
      new URLSearchParams({ ...extra, ...known } as Record<string, string>).toString(),
    );
}

// --- uploads ---------------------------------------------------------------------------------------

function multipart(fileName: string, content: Buffer) {
  const boundary = "----shifanfuzz7d1c";
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

type Cell = string | { formula: string; result: string };

async function xlsxOf(sheets: { name: string; rows: Cell[][] }[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name);
    for (const row of sheet.rows) ws.addRow(row);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function csvOf(rows: Cell[][]): Buffer {
  const text = (c: Cell) => (typeof c === "string" ? c : `=${c.formula}`);
  const quote = (c: Cell) => `"${text(c).replace(/"/g, '""')}"`;
  return Buffer.from(`\uFEFF${rows.map((r) => r.map(quote).join(",")).join("\r\n")}\r\n`);
}

/**
 * An .xlsx whose sheet inflates to `mib` MiB of whitespace, in a file of about `mib` KiB: the same
 * deflated block repeated (each block is flushed, so it stands alone), with its true sizes and CRC,
 * or (`lie`) headers that claim the sheet is 1 KiB.
 */
async function zipBombXlsx(mib: number, options: { lie?: boolean } = {}): Promise<Buffer> {
  const base = await JSZip.loadAsync(await xlsxOf([{ name: "村庄", rows: [["村代码"]] }]));
  const entries: { name: string; raw: Buffer; size: number; crc: number }[] = [];
  for (const [name, file] of Object.entries(base.files)) {
    if (file.dir || name === "xl/worksheets/sheet1.xml") continue;
    const data = await file.async("nodebuffer");
    entries.push({ name, raw: deflateRawSync(data), size: data.length, crc: crc32(data) });
  }
  const sheet = await base.files["xl/worksheets/sheet1.xml"]!.async("string");
  const head = Buffer.from(sheet.slice(0, sheet.indexOf("<sheetData>")));
  const tail = Buffer.from(sheet.slice(sheet.indexOf("<sheetData>")));
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  const flushed = (b: Buffer) => deflateRawSync(b, { finishFlush: constants.Z_FULL_FLUSH });
  const chunkZ = flushed(chunk);
  let crc = crc32(head);
  for (let i = 0; i < mib; i++) crc = crc32(chunk, crc);
  entries.push({
    name: "xl/worksheets/sheet1.xml",
    raw: Buffer.concat([flushed(head), ...Array<Buffer>(mib).fill(chunkZ), deflateRawSync(tail)]),
    size: options.lie ? 1024 : head.length + mib * chunk.length + tail.length,
    crc: crc32(tail, crc),
  });
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.raw.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(e.raw.length, 20);
    central.writeUInt32LE(e.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.raw);
    centrals.push(central, name);
    offset += 30 + name.length + e.raw.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Every text cell of an .xlsx, with where it is. */
async function xlsxCells(content: Buffer): Promise<{ where: string; value: unknown }[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(content as unknown as ArrayBuffer);
  const cells: { where: string; value: unknown }[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => cells.push({ where: `${sheet.name}!${cell.address}`, value: cell.value })),
    ),
  );
  return cells;
}

describe.each(DIALECTS)("hostile input on %s", (dialect) => {
  let db: TestDb;
  let app: FastifyInstance;
  let province: string;
  let county: string;
  let assessor: string;
  let lastError = "";
  let openapi: { paths: Record<string, Record<string, { requestBody?: unknown; parameters?: Parameter[] }>> };

  const count = async (table: string) =>
    Number(
      (
        await (db.db as unknown as Kysely<Record<string, object>>)
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  /**
   * Audit entries of writes: not access events (refusals, sign-ins), nor the one the system writes
   * when it first needs the key that pseudonymises trainees' ids (created lazily by whichever
   * request comes first, refused or not).
   */
  const callerWrites = async () =>
    Number(
      (
        await db.db
          .selectFrom("audit_log")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("action", "<>", "upward.person_id_secret_created")
          .where("action", "not in", ACCESS_ACTIONS)
          .executeTakeFirstOrThrow()
      ).n,
    );
  /** Row counts of every table: an import that answers 4xx must leave all of them alone. */
  const snapshot = async () => {
    const tables = (await db.db.introspection.getTables()).map((t) => t.name).sort();
    const counts: Record<string, number> = {};
    for (const t of tables) counts[t] = await count(t);
    return counts;
  };
  const upload = (fileName: string, content: Buffer, query = "") => {
    const form = multipart(fileName, content);
    return app.inject({
      method: "POST",
      url: `/api/v1/counties/${OWN}/workbook${query}`,
      headers: { cookie: county, "content-type": form.contentType },
      payload: form.payload,
    });
  };

  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: [OWN] });
    await loadDemo(db, "Demo-Password-2017");
    // The demo's procedure has the assessor sign 威县's scorecard; this test decides items as the
    // assessor, so the signature is lifted (B1 and B9 are the assessor's alone: no override).
    await acceptanceDb(db.db).deleteFrom("acceptance_signoffs").where("county_code", "=", OWN).execute();
    // The app of the tests, plus a hook that keeps each 5xx's cause for the failure message.
    app = await buildApp({ db });
    app.addHook("onError", async (_request, _reply, error) => {
      lastError = String(error.stack ?? error)
        .split("\n")
        .slice(0, 4)
        .join(" | ");
    });
    await app.ready();
    province = (await signedIn(app, db, "province_admin", "13")).cookie;
    county = (await signedIn(app, db, "county_admin", OWN)).cookie;
    const invited = await signedIn(app, db, "assessor", "13");
    await grantCountyAccess(
      db.db,
      { id: null, name: "test" },
      { username: invited.username, countyCode: OWN },
    );
    assessor = invited.cookie;
    openapi = (await app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  /** The OpenAPI operation of a route of the route table. */
  const operationOf = (method: string, url: string) =>
    openapi.paths[url.replace(/:(\w+)/g, "{$1}")]?.[method.toLowerCase()];
  const concrete = (url: string) =>
    url
      .replace(":code", OWN)
      .replace(":township", `${OWN}100`)
      .replace(":year", "2018")
      .replace(":date", "2018-10-01")
      .replace(":kind", "orders")
      .replace(/:\w+/g, FAKE_ID);
  const cookieFor = (route: { url: string; access?: string }) =>
    /\/acceptance\/(decisions|sign|evidence)$/.test(route.url)
      ? assessor
      : route.access === "province_admin" || !route.url.includes(":code")
        ? province
        : county;

  it("exports keep formula-looking text as text (CSV/XLSX formula injection)", async () => {
    const formula = '=HYPERLINK("http://evil.example/","点击")';
    const as = (cookie: string, method: "POST" | "PUT", url: string, payload: object) =>
      app.inject({ method, url, headers: { cookie }, payload });
    // A roster (the registers, attendances and households share its writer).
    const product = await as(county, "POST", `/api/v1/counties/${OWN}/local-products`, {
      name: formula,
      category: "@SUM(1,1)",
      annualVolume: 1,
      volumeUnit: "+cmd|' /C calc'!A0",
      seasonFrom: 1,
      seasonTo: 12,
    });
    expect(product.statusCode, product.body).toBe(201);
    // The county's dedicated ledger: a payment note and an invoice number on a demo contract.
    const contracts = (
      await app.inject({
        method: "GET",
        url: `/api/v1/counties/${OWN}/funds/contracts`,
        headers: { cookie: county },
      })
    ).json() as { id: string; signedOn?: string }[] | { items: { id: string }[] };
    const contractId = (Array.isArray(contracts) ? contracts : contracts.items)[0]?.id;
    expect(contractId).toBeDefined();
    const payment = await as(
      county,
      "POST",
      `/api/v1/counties/${OWN}/funds/contracts/${contractId}/payments`,
      {
        paidOn: chinaDate(),
        amountFen: 100,
        note: formula,
        invoices: [{ invoiceNo: "-1+1+cmd|' /C calc'!A0", amountFen: 100, issuedOn: chinaDate() }],
      },
    );
    expect([201, 200], payment.body).toContain(payment.statusCode);
    // The acceptance report (an assessor's note).
    const decision = await as(assessor, "POST", `/api/v1/counties/${OWN}/acceptance/decisions`, {
      itemId: "B9",
      status: "pass",
      note: formula,
    });
    expect(decision.statusCode, decision.body).toBe(201);

    const exports = app.routeTable.filter(
      (r) => r.method === "GET" && r.url.endsWith(".xlsx") && r.url.includes(":code"),
    );
    expect(exports.length).toBeGreaterThan(10);
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const route of exports) {
      const res = await app.inject({
        method: "GET",
        url: concrete(route.url),
        headers: { cookie: province },
      });
      if (res.statusCode === 404) continue; // an export of one report, by id
      expect(res.statusCode, route.url).toBe(200);
      for (const { where, value } of await xlsxCells(res.rawPayload)) {
        if (value && typeof value === "object" && "formula" in value)
          problems.push(`${route.url} ${where}: a formula`);
        if (typeof value === "string" && FORMULA_START.test(value) && !/^[-+]?\d+(\.\d+)?$/.test(value))
          problems.push(`${route.url} ${where}: ${value.slice(0, 40)}`);
        if (typeof value === "string" && value.startsWith("'=HYPERLINK")) seen.add(route.url);
      }
    }
    expect(problems).toEqual([]);
    // The check saw the planted formulas, each neutralised, in the roster, the ledger and the report.
    expect([...seen].sort()).toEqual(
      [
        "/api/v1/counties/:code/acceptance-report.xlsx",
        "/api/v1/counties/:code/funds/ledger.xlsx",
        "/api/v1/counties/:code/local-products.xlsx",
      ].sort(),
    );
  });

  it("renders HTML typed into text fields escaped: the public column, the trace page and the .docx", async () => {
    const evil = '<script>alert(1)</script>"><img src=x onerror=alert(1)>';
    // /gk: a column project whose every text field is markup.
    const project = await app.inject({
      method: "POST",
      url: `/api/v1/columns/${OWN}/projects`,
      headers: { cookie: county },
      payload: {
        name: `仓储${evil}`,
        content: evil,
        contractorName: evil,
        performanceTargets: evil,
        countyResponsible: evil,
        contractorResponsible: evil,
        progressText: evil,
      },
    });
    expect(project.statusCode, project.body).toBe(201);
    const column = await app.inject({ method: "GET", url: `/gk/${OWN}` });
    expect(column.statusCode).toBe(200);
    expect(column.body).toContain("仓储&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(column.body).not.toMatch(RAW_MARKUP);

    // /t: every text field of a demo batch's chain replaced by hostile text, rendered.
    const { code } = await (db.db as unknown as Kysely<Record<string, { code: string }>>)
      .selectFrom("trace_batches")
      .select("code")
      .orderBy("code")
      .executeTakeFirstOrThrow();
    const chain = await loadTraceChain(db.db, (await findBatchByCode(db.db, code))!);
    const page = await app.inject({ method: "GET", url: `/t/${code}` });
    expect(page.statusCode).toBe(200);
    // Dates, codes, ids, enum keys and stored JSON stay as they are.
    const keep = /^(\d|[0-9a-f]{8}-|[a-z_]+$|[{[])|^$/;
    const poison = (value: unknown, texts: string[], at: { i: number }): unknown => {
      if (typeof value === "string") return keep.test(value) ? value : texts[at.i++ % texts.length];
      if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, poison(v, texts, at)]));
      if (Array.isArray(value)) return value.map((v) => poison(v, texts, at));
      if (value && typeof value === "object")
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, poison(v, texts, at)]));
      return value;
    };
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...HOSTILE.filter((h) => /[<>"]/.test(h))), { minLength: 1 }),
        (texts) => {
          const html = renderTracePage(poison(chain, texts, { i: 0 }) as typeof chain);
          expect(html).not.toMatch(RAW_MARKUP);
        },
      ),
      { numRuns: 20 * RUNS },
    );

    // .docx: an assessor's note with markup comes out as text in word/document.xml.
    const decision = await app.inject({
      method: "POST",
      url: `/api/v1/counties/${OWN}/acceptance/decisions`,
      headers: { cookie: assessor },
      payload: { itemId: "B1", status: "pass", note: evil },
    });
    expect(decision.statusCode, decision.body).toBe(201);
    const docx = await app.inject({
      method: "GET",
      url: `/api/v1/counties/${OWN}/acceptance-report.docx`,
      headers: { cookie: province },
    });
    expect(docx.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file("word/document.xml")!.async("string");
    expect(xml).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(xml).not.toMatch(/<script|<img/);
  });

  // Refused from the zip's own size fields, before anything is inflated (no timing here: a shared
  // machine is noisy; inflating 1 GiB would outlast the test's timeout).
  it("refuses a zip bomb and an oversized upload with a 4xx, writing nothing", async () => {
    const before = await snapshot();
    const bomb = await zipBombXlsx(1024); // 1 GiB of whitespace in about 1 MiB
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    for (const file of [bomb, await zipBombXlsx(1024, { lie: true })]) {
      const res = await upload("县级数据.xlsx", file);
      expect(res.statusCode).toBe(413);
      expect(errorCode(res)).toBe("workbook_too_large");
    }
    const oversized = await upload("村庄.csv", Buffer.alloc(50 * 1024 * 1024 + 1024, 0x41));
    expect(oversized.statusCode).toBe(413);
    errorCode(oversized);
    for (const junk of [
      Buffer.from("PK\u0003\u0004 not really a zip"),
      Buffer.alloc(0),
      Buffer.from("\u0000".repeat(64)),
    ]) {
      const r = await upload("县级数据.xlsx", junk);
      expect(r.statusCode, junk.toString("hex").slice(0, 16)).toBeGreaterThanOrEqual(400);
      expect(r.statusCode).toBeLessThan(500);
      errorCode(r);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("imports random rows of 村庄/站点/资金安排 whole or not at all, whatever the cells and file names", async () => {
    const registry = buildSheetRegistry();
    const sheets = ["村庄", "站点", "资金安排"].map((name) => registry.find(name)!);
    const villages = (
      await db.db
        .selectFrom("regions")
        .select("code")
        .where("county_code", "=", OWN)
        .where("level", "=", "village")
        .orderBy("code")
        .limit(20)
        .execute()
    ).map((v) => v.code);
    const cell: fc.Arbitrary<Cell> = fc.oneof(
      { arbitrary: fc.constantFrom(...villages), weight: 2 },
      { arbitrary: hostileText, weight: 3 },
      {
        arbitrary: fc.constantFrom("", "是", "否", "100", "-1", "1e309", "2018-02-30", "9".repeat(30)),
        weight: 2,
      },
      {
        arbitrary: fc.constant({ formula: 'HYPERLINK("http://evil.example/","x")', result: "x" }),
        weight: 1,
      },
    );
    const rowsOf = (handler: (typeof sheets)[number]) =>
      fc.array(
        fc.tuple(
          ...handler.columns.map((c) =>
            fc.oneof({ arbitrary: fc.constant<Cell>(c.example), weight: 3 }, cell),
          ),
        ),
        { minLength: 1, maxLength: 4 },
      );
    const workbook = fc.record({
      picked: fc.subarray([0, 1, 2], { minLength: 1 }),
      rows: fc.tuple(...sheets.map(rowsOf)),
      format: fc.constantFrom("xlsx", "csv"),
      fileName: fc.constantFrom(
        "县级数据",
        "../../shifan-evil",
        "..\\..\\shifan-evil",
        "/etc/shifan-evil",
        "C:\\Windows\\shifan-evil",
        "%2e%2e%2fshifan-evil",
        "村庄",
        `a${"长".repeat(300)}`,
      ),
    });
    let outcomes = { written: 0, rejected: 0 };
    await fc.assert(
      fc.asyncProperty(workbook, async ({ picked, rows, format, fileName }) => {
        const chosen = picked.map((i) => ({
          name: sheets[i]!.sheet,
          rows: [sheets[i]!.columns.map((c) => c.header), ...rows[i]!],
        }));
        const content = format === "xlsx" ? await xlsxOf(chosen) : csvOf(chosen[0]!.rows);
        const name = format === "csv" && fileName === "村庄" ? chosen[0]!.name : fileName;
        const before = await snapshot();
        const res = await upload(`${name}.${format}`, content);
        expect(res.statusCode, res.body).toBeLessThan(500);
        if (res.statusCode === 200) {
          outcomes.written++;
          expect(res.json().written).toBe(true);
          return;
        }
        outcomes.rejected++;
        expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
        if (errorCode(res) === "import_rejected") {
          // Each problem names its sheet and row (and usually the column), in Chinese by default.
          for (const d of res.json().error.details as { sheet: string; row: number; message: string }[]) {
            expect(d.sheet).toBeTruthy();
            expect(d.row).toBeGreaterThan(0);
            expect(d.message).toBeTruthy();
          }
        }
        expect(await snapshot()).toEqual(before);
      }),
      { numRuns: 12 * RUNS },
    );
    expect(outcomes.rejected).toBeGreaterThan(0);
    // The traversal names were flattened to a base name inside a temporary folder.
    for (const dir of [tmpdir(), dirname(tmpdir()), process.cwd(), "/etc", dirname(process.cwd())]) {
      for (const ext of ["xlsx", "csv"]) expect(existsSync(join(dir, `shifan-evil.${ext}`)), dir).toBe(false);
    }
    outcomes = { written: 0, rejected: 0 };
  });

  it("answers random bodies and query strings on every write route with 2xx/4xx, and writes nothing on a 4xx", async () => {
    const writes = app.routeTable.filter(
      (r) => r.method !== "GET" && !(r.url === "/api/v1/session" && r.method === "DELETE"),
    );
    const failures: string[] = [];
    for (const route of writes) {
      const operation = operationOf(route.method, route.url);
      const schema = (operation?.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)
        ?.content?.["application/json"]?.schema;
      const result = await fc.check(
        fc.asyncProperty(bodyOf(schema), queryOf(operation?.parameters ?? []), async (body, query) => {
          const audit = await callerWrites();
          const res: LightMyRequestResponse = await app.inject({
            method: route.method as "POST",
            url: `${concrete(route.url)}${query ? `?${query}` : ""}`,
            headers: { cookie: cookieFor(route), "content-type": "application/json" },
            payload: JSON.stringify(body) ?? "null",
          });
          if (res.statusCode >= 500) throw new Error(`${res.statusCode}: ${lastError}`);
          if (res.statusCode >= 400) {
            errorCode(res);
            if ((await callerWrites()) !== audit) throw new Error(`${res.statusCode} but audited`);
          }
        }),
        { numRuns: 8 * RUNS },
      );
      if (result.failed) {
        failures.push(
          `${route.method} ${route.url}: ${String(result.errorInstance).slice(0, 600)} with ${JSON.stringify(result.counterexample).slice(0, 300)}`,
        );
      }
    }
    expect(failures).toEqual([]);
  });

  it("answers random query strings on every read route without a 5xx", async () => {
    const reads = app.routeTable.filter((r) => r.method === "GET");
    const failures: string[] = [];
    for (const route of reads) {
      const operation = operationOf(route.method, route.url);
      const result = await fc.check(
        fc.asyncProperty(queryOf(operation?.parameters ?? []), async (query) => {
          const res = await app.inject({
            method: "GET",
            url: `${concrete(route.url)}?${query}`,
            headers: { cookie: cookieFor(route) },
          });
          if (res.statusCode >= 500) throw new Error(`${res.statusCode}: ${lastError}`);
        }),
        { numRuns: 3 * RUNS },
      );
      if (result.failed) {
        failures.push(
          `GET ${route.url}: ${String(result.errorInstance).slice(0, 600)} with ${JSON.stringify(result.counterexample)}`,
        );
      }
    }
    expect(failures).toEqual([]);
  });
});
