/**
 * The county officer's to-do list (issue 18.2) on every dialect: what is due or open, each with a
 * link to where it is done, scoped to the caller's county.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContract } from "../../src/server/funds/create-contract";
import { recordPayment } from "../../src/server/funds/record-payment";
import { buildTestApp, signedIn } from "../support/app";
import { createTestDb, DIALECTS, type TestDb } from "../support/databases";

const SYSTEM = { id: null, name: "test" };

describe.each(DIALECTS)("the county to-do list on %s", (dialect) => {
  let db: TestDb;
  let app: FastifyInstance;
  let county: { cookie: string };
  let other: { cookie: string };

  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: ["130533", "130131"] });
    app = await buildTestApp(db);
    county = await signedIn(app, db, "county_admin", "130533");
    other = await signedIn(app, db, "county_admin", "130131");
    const contract = await createContract({
      db: db.db,
      actor: SYSTEM,
      countyCode: "130533",
      contract: {
        contractNo: "HT-TODO",
        title: "村级站点建设",
        tenderId: null,
        contractorName: "甲公司",
        contractorOrgId: null,
        contractorResponsible: null,
        amountFen: 10_000_000,
        lineKeys: [],
        signedOn: "2018-01-10",
        startOn: "2018-01-20",
        completionDue: null,
        deliverables: [],
      },
    });
    await recordPayment({
      db: db.db,
      actor: SYSTEM,
      countyCode: "130533",
      contractId: contract.id,
      paidOn: "2018-02-01",
      amountFen: 6_000_000,
      note: "首期预拨",
      invoices: [{ invoiceNo: "F-1", amountFen: 1_000_000, issuedOn: "2018-02-01", itemName: "电脑" }],
    });
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it("lists the payment waiting for its invoice and the column's gaps, each with its link", async () => {
    const res = await app.inject({
      method: "GET",
      url: "/api/v1/counties/130533/todo?asOf=2018-10-31",
      headers: { cookie: county.cookie },
    });
    expect(res.statusCode).toBe(200);
    const todo = res.json() as {
      items: { kind: string; title: string; link: string; state: string }[];
      stations: { inService: number; registered: number };
    };
    const invoice = todo.items.find((i) => i.kind === "invoice");
    expect(invoice).toMatchObject({
      title: "合同 HT-TODO 2018-02-01 支付待补发票",
      link: "/counties/130533/procurement",
      state: "open",
    });
    expect(todo.items.find((i) => i.kind === "column")?.link).toBe("/counties/130533/column");
    expect(todo.stations).toEqual({ inService: 0, registered: 0 });
    // Before the payment there was nothing to invoice.
    const before = await app.inject({
      method: "GET",
      url: "/api/v1/counties/130533/todo?asOf=2018-01-31",
      headers: { cookie: county.cookie },
    });
    expect((before.json() as { items: { kind: string }[] }).items.some((i) => i.kind === "invoice")).toBe(
      false,
    );
  });

  it("is the county's own: another county is refused", async () => {
    const res = await app.inject({
      method: "GET",
      url: "/api/v1/counties/130533/todo?asOf=2018-10-31",
      headers: { cookie: other.cookie },
    });
    expect(res.statusCode).toBe(403);
  });
});
