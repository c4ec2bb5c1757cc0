// rules K1 (acceptance procedure), F7 (retainage after acceptance), K2 (contractor replacement), M5
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import type { FastifyInstance } from "fastify";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NetworkTables } from "../../src/server/network/network.tables";
import { createUser } from "../../src/server/platform/auth/users";
import { buildTestApp, errorCode, sessionCookie, signedIn, TEST_PASSWORD } from "../support/app";
import { createTestDb, DIALECTS, type TestDb } from "../support/databases";

const CODE = "130533"; // 威县, 邢台市 1305

function multipart(fields: Record<string, string>, file: { name: string; content: Buffer }) {
  const boundary = "----shifanprocedure";
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  );
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe.each(DIALECTS)("the acceptance procedure, retainage and contractor replacement on %s", (dialect) => {
  let db: TestDb;
  let app: FastifyInstance;
  const who: Record<string, { cookie: string; username: string }> = {};
  let contractId = "";

  const call = (method: "GET" | "POST", url: string, as: string, payload?: object) =>
    app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { cookie: who[as]!.cookie, "accept-language": "zh" },
      payload: payload as never,
    });
  const upload = async (as: string, kind: string) => {
    const form = multipart(
      { kind, note: `（测试）${kind}` },
      { name: `${kind}.pdf`, content: Buffer.from(`%PDF ${kind}`) },
    );
    const res = await app.inject({
      method: "POST",
      url: `/api/v1/counties/${CODE}/procedure/documents`,
      headers: { cookie: who[as]!.cookie, "content-type": form.contentType },
      payload: form.payload,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const procedure = async (asOf: string) =>
    Object.fromEntries(
      (await call("GET", `/counties/${CODE}/scorecard?asOf=${asOf}`, "county"))
        .json()
        .procedure.map((p: { step: string; status: string; date: string | null }) => [
          p.step,
          [p.status, p.date],
        ]),
    );

  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: [CODE, "130131"] });
    app = await buildTestApp(db);
    who.county = await signedIn(app, db, "county_admin", CODE);
    who.contractor = await signedIn(app, db, "contractor", CODE);
    who.assessor = await signedIn(app, db, "assessor", "13");
    who.city = await signedIn(app, db, "city_admin", "1305");
    who.otherCity = await signedIn(app, db, "city_admin", "1301");
    who.province = await signedIn(app, db, "province_admin", "13");
    expect(
      (await call("POST", `/counties/${CODE}/assessors`, "county", { username: who.assessor.username }))
        .statusCode,
    ).toBe(201);
    const contract = await call("POST", `/counties/${CODE}/funds/contracts`, "county", {
      contractNo: "WX-HT-01",
      title: "村级服务站点建设",
      contractorName: "（测试）甲电商公司",
      amountFen: 100_000_000,
      signedOn: "2017-12-20",
      startOn: "2018-01-02",
    });
    expect(contract.statusCode, contract.body).toBe(201);
    contractId = contract.json().id;
    for (const [paidOn, amountFen] of [
      ["2018-01-10", 60_000_000],
      ["2018-06-10", 30_000_000],
    ] as const) {
      const paid = await call("POST", `/counties/${CODE}/funds/contracts/${contractId}/payments`, "county", {
        paidOn,
        amountFen,
        invoices: [{ invoiceNo: `FP-${paidOn}`, amountFen, issuedOn: paidOn }],
      });
      expect(paid.statusCode, paid.body).toBe(201);
    }
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it("walks the whole procedure, refusing steps out of order and roles that may not act", async () => {
    // Out of order: the county cannot commission before the contractor applies (409, K1).
    const early = await call("POST", `/counties/${CODE}/procedure/commission`, "county", {
      date: "2018-08-05",
      agency: "（测试）河北评估有限公司",
      qualification: "工程咨询甲级",
    });
    expect(early.statusCode).toBe(409);
    expect(errorCode(early)).toBe("procedure_out_of_order");
    expect(early.json().error.message).toContain("K1");
    // A role that may not act: the county does not apply for the contractor (403).
    const wrong = await call("POST", `/counties/${CODE}/procedure/application`, "county", {
      date: "2018-08-01",
    });
    expect(wrong.statusCode).toBe(403);
    expect(errorCode(wrong)).toBe("procedure_role");

    expect(
      (
        await call("POST", `/counties/${CODE}/procedure/application`, "contractor", {
          date: "2018-08-01",
          note: "项目已完工",
        })
      ).statusCode,
    ).toBe(201);
    // The commission needs the agency's qualification document.
    const noDoc = await call("POST", `/counties/${CODE}/procedure/commission`, "county", {
      date: "2018-08-10",
      agency: "（测试）河北评估有限公司",
      qualification: "工程咨询甲级",
    });
    expect(errorCode(noDoc)).toBe("document_required");
    const qualification = await upload("county", "qualification");
    expect(
      (
        await call("POST", `/counties/${CODE}/procedure/commission`, "county", {
          date: "2018-08-10",
          agency: "（测试）河北评估有限公司",
          qualification: "工程咨询甲级",
          documentIds: [qualification],
        })
      ).statusCode,
    ).toBe(201);
    // Filing before the assessment is out of order.
    const report = await upload("county", "acceptance_report");
    const audit = await upload("county", "audit_report");
    const filing = {
      date: "2018-09-20",
      auditFirm: "（测试）会计师事务所",
      auditConclusion: "资金使用合规",
      documentIds: [report, audit],
    };
    expect(errorCode(await call("POST", `/counties/${CODE}/procedure/filing`, "county", filing))).toBe(
      "procedure_out_of_order",
    );

    const sign = await call("POST", `/counties/${CODE}/acceptance/sign`, "assessor", { asOf: "2018-09-15" });
    expect(sign.statusCode, sign.body).toBe(201);
    const signedOn = sign.json().signedAt.slice(0, 10);
    // Every item the signed scorecard failed needs a rectification before the county files.
    const card = (await call("GET", `/counties/${CODE}/scorecard?asOf=2018-09-15`, "county")).json();
    const failed = card.items
      .filter((i: { status: string }) => i.status === "fail")
      .map((i: { id: string }) => i.id);
    if (failed.length) {
      expect(
        errorCode(
          await call("POST", `/counties/${CODE}/procedure/filing`, "county", { ...filing, date: signedOn }),
        ),
      ).toBe("rectification_missing");
    }
    const rectIds: string[] = [];
    for (const id of failed) {
      const r = await call("POST", `/counties/${CODE}/rectifications`, "county", {
        source: "item",
        ref: id,
        problem: `${id} 未达标`,
        owner: "县商务局",
        openedOn: signedOn,
        workingDays: 10,
      });
      expect(r.statusCode, r.body).toBe(201);
      rectIds.push(r.json().id);
    }
    const filed = await call("POST", `/counties/${CODE}/procedure/filing`, "county", {
      ...filing,
      date: signedOn,
    });
    expect(filed.statusCode, filed.body).toBe(201);

    // The city of another city may not review; the province may not review before the city.
    expect(
      (
        await call("POST", `/counties/${CODE}/procedure/city-review`, "otherCity", {
          date: signedOn,
          decision: "approved",
        })
      ).statusCode,
    ).toBe(403);
    expect(
      errorCode(
        await call("POST", `/counties/${CODE}/procedure/province-review`, "province", {
          date: signedOn,
          decision: "approved",
        }),
      ),
    ).toBe("procedure_out_of_order");
    // A return needs its reasons.
    expect(
      (
        await call("POST", `/counties/${CODE}/procedure/city-review`, "city", {
          date: signedOn,
          decision: "returned",
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await call("POST", `/counties/${CODE}/procedure/city-review`, "city", {
          date: signedOn,
          decision: "approved",
        })
      ).statusCode,
    ).toBe(201);
    // The province returns the filing with reasons; the county refiles; both review again.
    expect(
      (
        await call("POST", `/counties/${CODE}/procedure/province-review`, "province", {
          date: signedOn,
          decision: "returned",
          reasons: "审计报告缺少专账核算意见",
        })
      ).statusCode,
    ).toBe(201);
    const returned = (await call("GET", `/counties/${CODE}/procedure?asOf=${signedOn}`, "county")).json();
    expect(returned.procedure.find((p: { step: string }) => p.step === "filing").status).toBe("open");
    expect(returned.steps.at(-1)).toMatchObject({
      step: "province_review",
      action: "returned",
      details: { reasons: "审计报告缺少专账核算意见" },
    });
    expect(
      (await call("POST", `/counties/${CODE}/procedure/filing`, "county", { ...filing, date: signedOn }))
        .statusCode,
    ).toBe(201);

    // Retainage before the province approved: refused, citing F7.
    const tooEarly = await call(
      "POST",
      `/counties/${CODE}/funds/contracts/${contractId}/retainage`,
      "county",
      {
        paidOn: signedOn,
        invoices: [],
      },
    );
    expect(tooEarly.statusCode).toBe(409);
    expect(errorCode(tooEarly)).toBe("retainage_before_acceptance");
    expect(tooEarly.json().error.message).toContain("F7");

    for (const [as, step] of [
      ["city", "city-review"],
      ["province", "province-review"],
    ] as const) {
      const res = await call("POST", `/counties/${CODE}/procedure/${step}`, as, {
        date: signedOn,
        decision: "approved",
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    // A province spot check: a confirmed finding opens a rectification by itself.
    const photo = await upload("province", "photo");
    const spot = await call("POST", `/counties/${CODE}/procedure/spot-check`, "province", {
      date: signedOn,
      sites: [
        {
          kind: "station",
          ref: "WX-001",
          finding: "门头标识缺失",
          confirmed: true,
          photoDocumentIds: [photo],
        },
        { kind: "facility", ref: "县级服务中心", finding: "", confirmed: false },
      ],
      workingDays: 15,
    });
    expect(spot.statusCode, spot.body).toBe(201);
    expect(spot.json().rectificationIds).toHaveLength(1);
    rectIds.push(spot.json().rectificationIds[0]);

    // Rectification: the assessor cannot re-assess before the evidence; the county cannot re-assess.
    const first = rectIds[0]!;
    expect(
      errorCode(
        await call("POST", `/counties/${CODE}/rectifications/${first}/events`, "assessor", {
          kind: "reassessed",
          date: signedOn,
          note: "复核",
          outcome: "pass",
        }),
      ),
    ).toBe("procedure_out_of_order");
    expect(
      (
        await call("POST", `/counties/${CODE}/rectifications/${first}/events`, "county", {
          kind: "reassessed",
          date: signedOn,
          note: "复核",
          outcome: "pass",
        })
      ).statusCode,
    ).toBe(403);
    let s = await procedure(signedOn);
    expect(s.rectification[0]).toBe("open");
    for (const id of rectIds) {
      const evidence = await upload("county", "evidence");
      expect(
        (
          await call("POST", `/counties/${CODE}/rectifications/${id}/events`, "county", {
            kind: "evidence",
            date: signedOn,
            note: "已整改完毕",
            documentId: evidence,
          })
        ).statusCode,
      ).toBe(201);
      expect(
        (
          await call("POST", `/counties/${CODE}/rectifications/${id}/events`, "assessor", {
            kind: "reassessed",
            date: signedOn,
            note: "复核通过",
            outcome: "pass",
          })
        ).statusCode,
      ).toBe(201);
    }
    const released = await call(
      "POST",
      `/counties/${CODE}/funds/contracts/${contractId}/retainage`,
      "county",
      {
        paidOn: signedOn,
        invoices: [{ invoiceNo: "FP-WK", amountFen: 10_000_000, issuedOn: signedOn }],
      },
    );
    expect(released.statusCode, released.body).toBe(201);
    expect(released.json()).toMatchObject({ amountFen: 10_000_000, acceptedOn: signedOn });
    expect(
      errorCode(
        await call("POST", `/counties/${CODE}/funds/contracts/${contractId}/retainage`, "county", {
          paidOn: signedOn,
        }),
      ),
    ).toBe("retainage_released");
    // The ledger reads the release as due: no F7 problem on the contract.
    const contracts = (
      await call("GET", `/counties/${CODE}/funds/contracts?asOf=${signedOn}`, "county")
    ).json();
    const paidInFull = contracts.find((c: { id: string }) => c.id === contractId);
    expect(paidInFull.acceptedOn).toBe(signedOn);
    expect(paidInFull.problems.filter((p: string) => p.includes("F7"))).toEqual([]);

    s = await procedure(signedOn);
    expect(Object.keys(s)).toEqual([
      "application",
      "commission",
      "assessment",
      "filing",
      "city_review",
      "province_review",
      "spot_check",
      "rectification",
      "retainage",
    ]);
    for (const step of Object.keys(s)) expect(s[step][0], step).toBe("done");
    expect(s.application).toEqual(["done", "2018-08-01"]);
    expect(s.retainage).toEqual(["done", signedOn]);
    // As of the day before the commission, only the application is done.
    const before = await procedure("2018-08-09");
    expect(before.application[0]).toBe("done");
    expect(before.commission[0]).toBe("open");
    expect(before.retainage[0]).toBe("not_started");
    // The history of every rectification: opened, evidence, re-assessed.
    const view = (await call("GET", `/counties/${CODE}/procedure`, "city")).json();
    expect(view.rectifications.at(-1).history.map((h: { kind: string }) => h.kind)).toEqual([
      "opened",
      "evidence",
      "reassessed",
    ]);
    // The Word report shows the procedure and the rectifications with their history.
    const docx = await app.inject({
      method: "GET",
      url: `/api/v1/counties/${CODE}/acceptance-report.docx?asOf=${signedOn}`,
      headers: { cookie: who.county!.cookie },
    });
    expect(docx.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file("word/document.xml")!.async("string");
    expect(xml).toContain("六、验收程序与整改");
    expect(xml).toContain("省级审核");
    expect(xml).toContain("门头标识缺失");
    expect(xml).toContain("复核（通过）");
  });

  it("replaces a contractor that cannot operate: termination, tender, award, handover that moves stations, accounts and tokens (K2)", async () => {
    const org = async (name: string) => {
      const res = await call("POST", "/organizations", "county", {
        name,
        kind: "contractor",
        regionCode: CODE,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const oldOrg = await org("（测试）乙运营公司");
    const newOrg = await org("（测试）丙运营公司");
    // Three stations; the old contractor hands over two of them, one with its station app account.
    const villages = await db.db
      .selectFrom("regions")
      .select("code")
      .where("level", "=", "village")
      .where("county_code", "=", CODE)
      .where("village_kind", "=", "village_committee")
      .orderBy("code")
      .limit(3)
      .execute();
    const stationIds: string[] = [];
    for (const [i, v] of villages.entries()) {
      const res = await call("POST", `/counties/${CODE}/stations`, "county", {
        stationNo: `JJ-${i + 1}`,
        villageCode: v.code,
        name: `交接站${i + 1}`,
      });
      expect(res.statusCode, res.body).toBe(201);
      stationIds.push(res.json().id);
    }
    const stationAccount = await call("POST", `/counties/${CODE}/station-accounts`, "county", {
      stationId: stationIds[0],
      username: "jj-zhan01",
      displayName: "交接站1站长",
    });
    expect(stationAccount.statusCode, stationAccount.body).toBe(201);
    // The old contractor's staff account, its organization named at creation.
    expect(
      (
        await call("POST", "/users", "county", {
          username: "jj-bad-org",
          role: "contractor",
          regionCode: CODE,
          password: TEST_PASSWORD,
          organizationId: "00000000-0000-4000-8000-000000000000",
        })
      ).statusCode,
    ).toBe(400);
    await createUser(db.db, "system", {
      username: "jj-old-staff",
      role: "contractor",
      regionCode: CODE,
      password: TEST_PASSWORD,
      organizationId: oldOrg,
    });
    const signIn = () =>
      app.inject({
        method: "POST",
        url: "/api/v1/session",
        payload: { username: "jj-old-staff", password: TEST_PASSWORD },
      });
    const staffCookie = sessionCookie(await signIn());
    const asStaff = () =>
      app.inject({
        method: "GET",
        url: `/api/v1/counties/${CODE}/procedure`,
        headers: { cookie: staffCookie },
      });
    expect((await asStaff()).statusCode).toBe(200);
    // Ingest tokens: the old contractor's system, and the county's own device (not handed over).
    const token = async (name: string, organizationId?: string) => {
      const res = await call("POST", `/counties/${CODE}/ingest-tokens`, "county", {
        name,
        kinds: ["orders"],
        ...(organizationId ? { organizationId } : {}),
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().organizationId).toBe(organizationId ?? null);
      return res.json().token as string;
    };
    const oldToken = await token("乙公司订单系统", oldOrg);
    const deviceToken = await token("县数据管理器");
    const ingest = (bearer: string) =>
      app.inject({
        method: "POST",
        url: "/api/v1/ingest/orders",
        headers: { authorization: `Bearer ${bearer}` },
        payload: [],
      });
    expect((await ingest(oldToken)).statusCode).toBe(200);

    const old = await call("POST", `/counties/${CODE}/funds/contracts`, "county", {
      contractNo: "WX-HT-02",
      title: "农村电商公共服务运营",
      contractorName: "（测试）乙运营公司",
      amountFen: 20_000_000,
      signedOn: "2017-12-25",
      startOn: "2018-01-05",
    });
    const oldId = old.json().id;
    const decision = await upload("county", "decision");
    const handover = [
      { kind: "station", description: "2个村级站点", stationNos: ["JJ-1", "JJ-2"] },
      { kind: "equipment", description: "站点电脑、货架" },
      { kind: "data", description: "订单与物流数据" },
      { kind: "account", description: "平台运营账号" },
      { kind: "ingest_token", description: "站点数据接入令牌" },
    ];
    const termination = {
      terminatedOn: "2018-04-10",
      reason: "承办企业连续三个月未运营，站点关闭",
      decision: "威商字〔2018〕12号：终止合同并重新招标",
      evidenceDocumentId: decision,
      handover,
    };
    const path = `/counties/${CODE}/funds/contracts/${oldId}/termination`;
    // Stations, accounts and tokens are found by the outgoing contractor's organization: it must be named.
    const unnamed = await call("POST", path, "county", termination);
    expect(unnamed.statusCode).toBe(409);
    expect(errorCode(unnamed)).toBe("contractor_organization_required");
    expect(unnamed.json().error.message).toContain("K2");
    const unknownStation = await call("POST", path, "county", {
      ...termination,
      contractorOrgId: oldOrg,
      handover: [{ kind: "station", description: "站点", stationNos: ["JJ-404"] }],
    });
    expect(errorCode(unknownStation)).toBe("unknown_station");
    // Only the county's own administrator terminates (the contractor may not).
    expect(
      (await call("POST", path, "contractor", { ...termination, contractorOrgId: oldOrg })).statusCode,
    ).toBe(403);
    const end = await call("POST", path, "county", { ...termination, contractorOrgId: oldOrg });
    expect(end.statusCode, end.body).toBe(201);
    expect(
      errorCode(
        await call("POST", path, "county", {
          terminatedOn: "2018-04-11",
          reason: "再次",
          decision: "再次",
          handover: [{ kind: "data", description: "x" }],
        }),
      ),
    ).toBe("contract_terminated");
    const itemIds: string[] = end.json().handoverItemIds;
    const check = (id: string, checkedOn = "2018-05-20") =>
      call("POST", `/counties/${CODE}/handover-items/${id}/check`, "county", { checkedOn, note: "已移交" });
    // No handover before a replacement is awarded and contracted.
    expect(errorCode(await check(itemIds[0]!))).toBe("procedure_out_of_order");
    const tender = await call("POST", `/counties/${CODE}/funds/tenders`, "county", {
      tenderNo: "WX-2018-R1",
      title: "农村电商公共服务运营（重新招标）",
      method: "open",
      estimateFen: 20_000_000,
      announcedOn: "2018-04-15",
      documentsIssuedOn: "2018-04-15",
      bidDeadline: "2018-05-06",
      bidders: [{ name: "（测试）丙运营公司", bidFen: 19_500_000 }],
    });
    expect(tender.statusCode, tender.body).toBe(201);
    const tenderId = tender.json().id;
    const award = await call("POST", `/counties/${CODE}/funds/tenders/${tenderId}/award`, "county", {
      bidderId: tender.json().bidderIds[0],
      awardedOn: "2018-05-10",
      amountFen: 19_500_000,
    });
    expect(award.statusCode, award.body).toBe(200);
    const fresh = await call("POST", `/counties/${CODE}/funds/contracts`, "county", {
      contractNo: "WX-HT-02R",
      title: "农村电商公共服务运营（替换）",
      tenderId,
      contractorName: "（测试）丙运营公司",
      contractorOrgId: newOrg,
      amountFen: 19_500_000,
      signedOn: "2018-05-15",
      startOn: "2018-05-16",
    });
    expect(fresh.statusCode, fresh.body).toBe(201);
    const linkPath = `/counties/${CODE}/terminations/${end.json().id}/replacement`;
    expect(
      errorCode(
        await call("POST", linkPath, "county", {
          tenderId,
          contractId: fresh.json().id,
          contractorOrgId: oldOrg,
        }),
      ),
    ).toBe("contractor_mismatch");
    const link = await call("POST", linkPath, "county", { tenderId, contractId: fresh.json().id });
    expect(link.statusCode, link.body).toBe(200);
    expect(errorCode(await check(itemIds[0]!, "2018-04-01"))).toBe("procedure_out_of_order");

    // Stations: the two listed stations and their station account move to the new contractor.
    const stationsChecked = await check(itemIds[0]!);
    expect(stationsChecked.statusCode, stationsChecked.body).toBe(200);
    expect(stationsChecked.json().effects).toEqual({
      stations: ["JJ-1", "JJ-2"],
      stationAccounts: ["jj-zhan01"],
    });
    const operators = await db.db
      .withTables<NetworkTables>()
      .selectFrom("stations")
      .select(["station_no", "operator_org_id"])
      .where("county_code", "=", CODE)
      .where("station_no", "like", "JJ-%")
      .orderBy("station_no")
      .execute();
    expect(operators.map((s) => [s.station_no, s.operator_org_id])).toEqual([
      ["JJ-1", newOrg],
      ["JJ-2", newOrg],
      ["JJ-3", null],
    ]);
    const zhan = await db.db
      .selectFrom("users")
      .select(["organization_id", "is_disabled"])
      .where("username", "=", "jj-zhan01")
      .executeTakeFirstOrThrow();
    expect(zhan).toEqual({ organization_id: newOrg, is_disabled: 0 });
    expect(errorCode(await check(itemIds[0]!))).toBe("handover_checked");

    // While the old contractor still holds another live contract here, its accounts and tokens stay.
    const other = await call("POST", `/counties/${CODE}/funds/contracts`, "county", {
      contractNo: "WX-HT-03",
      title: "县级物流配送运营",
      contractorName: "（测试）乙运营公司",
      contractorOrgId: oldOrg,
      amountFen: 5_000_000,
      signedOn: "2017-12-26",
      startOn: "2018-01-06",
    });
    expect(other.statusCode, other.body).toBe(201);
    const stillContracted = await check(itemIds[3]!);
    expect(stillContracted.statusCode).toBe(409);
    expect(errorCode(stillContracted)).toBe("contractor_still_contracted");
    expect(stillContracted.json().error.message).toContain("WX-HT-03");
    expect((await asStaff()).statusCode).toBe(200);
    expect(
      (
        await call("POST", `/counties/${CODE}/funds/contracts/${other.json().id}/termination`, "county", {
          terminatedOn: "2018-04-10",
          reason: "承办企业连续三个月未运营",
          decision: "威商字〔2018〕13号：终止合同",
          handover: [{ kind: "data", description: "配送数据" }],
        })
      ).statusCode,
    ).toBe(201);
    // Accounts: the old contractor's staff lose the county at once, and cannot sign in again.
    expect((await check(itemIds[3]!)).json().effects).toEqual({ accountsEnded: ["jj-old-staff"] });
    expect((await asStaff()).statusCode).toBe(401);
    expect((await signIn()).statusCode).toBe(401);

    // Ingest tokens: the old contractor's is refused; the new contractor's replacement works.
    const tokensChecked = await check(itemIds[4]!);
    expect(tokensChecked.statusCode, tokensChecked.body).toBe(200);
    const issued = tokensChecked.json().issuedTokens as { id: string; name: string; token: string }[];
    expect(issued.map((t) => t.name)).toEqual(["乙公司订单系统"]);
    expect((await ingest(oldToken)).statusCode).toBe(401);
    expect((await ingest(issued[0]!.token)).statusCode).toBe(200);
    expect((await ingest(deviceToken)).statusCode).toBe(200);
    const tokens = (await call("GET", `/counties/${CODE}/ingest-tokens`, "county")).json().items as {
      name: string;
      organizationId: string | null;
      revokedAt: string | null;
      kinds: string[] | null;
    }[];
    const handedOver = tokens.filter((t) => t.name === "乙公司订单系统");
    expect(handedOver.find((t) => t.organizationId === newOrg)).toMatchObject({
      revokedAt: null,
      kinds: ["orders"],
    });
    expect(handedOver.find((t) => t.organizationId === oldOrg)?.revokedAt).not.toBeNull();
    expect(handedOver).toHaveLength(2);
    for (const id of [itemIds[1]!, itemIds[2]!]) expect((await check(id)).json().effects).toBeNull();

    const view = (await call("GET", `/counties/${CODE}/procedure`, "county")).json();
    const done = view.terminations.find((t: { contractId: string }) => t.contractId === oldId);
    expect(done).toMatchObject({
      handoverDone: true,
      replacementTenderId: tenderId,
      fromOrganization: { id: oldOrg, name: "（测试）乙运营公司" },
      toOrganization: { id: newOrg, name: "（测试）丙运营公司" },
    });
    expect(done.handover.map((h: { kind: string }) => h.kind).sort()).toEqual([
      "account",
      "data",
      "equipment",
      "ingest_token",
      "station",
    ]);
    for (const h of done.handover)
      expect(h).toMatchObject({ checkedOn: "2018-05-20", checkedBy: expect.any(String) });
    expect(done.handover.find((h: { kind: string }) => h.kind === "station").stationNos).toEqual([
      "JJ-1",
      "JJ-2",
    ]);
    // Every move is in the audit log, with who checked the item off and what it moved.
    const audit = await db.db
      .selectFrom("audit_log")
      .select(["action", "after_json"])
      .where("county_code", "=", CODE)
      .where("action", "in", [
        "contract.handover_checked",
        "station.operator_changed",
        "station_account.handed_over",
        "user.access_ended",
        "ingest_token.revoked",
      ])
      .execute();
    const count = (action: string) => audit.filter((a) => a.action === action).length;
    expect([
      count("contract.handover_checked"),
      count("station.operator_changed"),
      count("station_account.handed_over"),
      count("user.access_ended"),
      count("ingest_token.revoked"),
    ]).toEqual([5, 2, 1, 1, 1]);
    const checkedStations = audit.find(
      (a) => a.action === "contract.handover_checked" && a.after_json?.includes('"station"'),
    )!;
    expect(JSON.parse(checkedStations.after_json!)).toMatchObject({
      checkedOn: "2018-05-20",
      fromOrgId: oldOrg,
      toOrgId: newOrg,
      effects: { stations: ["JJ-1", "JJ-2"] },
    });
    expect(audit.some((a) => a.after_json?.includes(issued[0]!.token))).toBe(false);

    // The OCDS export says the contract ended early, and publishes the replacement under the same ocid.
    const ocds = (await call("GET", `/counties/${CODE}/ocds`, "county")).json();
    const releases = ocds.releases as {
      ocid: string;
      id: string;
      tag: string[];
      contracts?: { id: string; status: string; description?: string }[];
    }[];
    const ended = releases.find((r) => r.contracts?.some((c) => c.id === oldId))!;
    const contract = ended.contracts!.find((c) => c.id === oldId)!;
    expect(contract.status).toBe("terminated");
    expect(contract.description).toContain("提前终止");
    const replacement = releases.filter((r) => r.ocid === ended.ocid && r.id !== ended.id);
    expect(replacement.length).toBeGreaterThan(0);
    expect(replacement.some((r) => r.tag.includes("tender") && r.tag.includes("award"))).toBe(true);
    expect(new Set(releases.map((r) => r.id)).size).toBe(releases.length);
    // And the package, termination and replacement included, validates against OCDS 1.1.5.
    const dir = resolve(process.cwd(), "../shared/data/ocds-1.1.5");
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema(JSON.parse(readFileSync(resolve(dir, "release-schema.json"), "utf8")));
    const validate = ajv.compile(
      JSON.parse(readFileSync(resolve(dir, "release-package-schema.json"), "utf8")),
    );
    expect(validate(ocds), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
    const broken = structuredClone(ocds);
    broken.releases.find((r: { contracts?: unknown[] }) => r.contracts?.length).contracts[0].status = "ended";
    expect(validate(broken)).toBe(false);
  });

  it("files the performance evaluation in M5 and the province publishes it with typical counties", async () => {
    expect(
      errorCode(
        await call("POST", `/counties/${CODE}/performance-filing`, "county", { filedOn: "2018-10-31" }),
      ),
    ).toBe("outside_m5_window");
    const filed = await call("POST", `/counties/${CODE}/performance-filing`, "county", {
      filedOn: "2018-11-20",
      summary: "绩效自评",
    });
    expect(filed.statusCode, filed.body).toBe(201);
    expect(
      (
        await call("POST", "/acceptance/performance-publications", "province", {
          publishedOn: "2018-12-20",
          typicalCounties: ["130131"],
        })
      ).statusCode,
    ).toBe(400);
    const pub = await call("POST", "/acceptance/performance-publications", "province", {
      publishedOn: "2018-12-20",
      typicalCounties: [CODE],
      note: "2018年度绩效评价结果",
    });
    expect(pub.statusCode, pub.body).toBe(201);
    const list = (await call("GET", "/acceptance/performance-publications", "city")).json();
    expect(list.publications[0]).toMatchObject({ typicalCounties: [CODE], results: [{ countyCode: CODE }] });
  });
});
