/**
 * Demo data of the acceptance procedure (issue 16), on top of the demo outcomes of
 * platform/demo/demo-outcomes.ts and without touching any scorecard input but the retainage:
 * - the passed counties walk K1 up to the province's approval by 2018-10-31, retainage released;
 * - 威县 (failed) has its failed items under rectification, filed and approved by the city;
 * - 涞水县 (failed) had its filing returned by the province with reasons;
 * - one county of the spread replaced a contractor that could not operate, handover checked.
 */
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import type { Kysely } from "kysely";
import type { ProcedureStep } from "../../rules/acceptance/procedure";
import { HEBEI_2017 } from "../../rules/acceptance/standard";
import { acceptanceDb, getScorecard, signScorecard } from "../acceptance";
import { awardTender, createContract, fundsDb, saveTender } from "../funds";
import { stationDirectory } from "../network";
import { setStationsOperator } from "../network/index";
import { createIngestToken } from "../operations";
import { recordAudit } from "../platform/audit/audit";
import type { Principal, Role } from "../platform/auth/roles";
import { newId } from "../platform/auth/sessions";
import { createUser } from "../platform/auth/users";
import type { Db } from "../platform/db/database";
import type { Database } from "../platform/db/schema";
import { demoOutcome } from "../platform/demo/demo-outcomes";
import type { DemoContext } from "../platform/domain";
import { chinaTimestamp } from "../platform/time/china-time";
import { procedureDb } from "./procedure.repository";
import { uploadDocument } from "./procedure-documents";
import { addRectificationEvent, insertRectification } from "./rectifications";
import { releaseRetainage } from "./release-retainage";
import { checkHandoverItem, linkReplacement, terminateContract } from "./replace-contractor";
import { takeStep } from "./take-step";

const itemTitle = (id: string) => HEBEI_2017.items.find((i) => i.id === id)?.title.zh ?? id;

const who = (role: Role, displayName: string): Principal => ({
  id: "demo",
  username: "demo",
  displayName,
  role,
  regionCode: "13",
});
const CONTRACTOR = who("contractor", "承办企业（演示）");
const COUNTY = who("county_admin", "县商务局（演示）");
const ASSESSOR = who("assessor", "第三方评估机构（演示）");
const CITY = who("city_admin", "市商务局（演示）");
const PROVINCE = who("province_admin", "省商务厅（演示）");

/** How far each demo county's procedure goes. */
type Plan = "approved" | "under_rectification" | "returned";
const PLANS: Record<string, Plan> = {
  "130881": "approved",
  "131124": "approved",
  "130533": "under_rectification",
  "130623": "returned",
};

export async function loadDemoProcedure(db: Db, { counties }: DemoContext): Promise<void> {
  for (const county of counties) {
    const plan = PLANS[county.code];
    const started = await procedureDb(db.db)
      .selectFrom("procedure_steps")
      .select("id")
      .where("county_code", "=", county.code)
      .limit(1)
      .execute();
    if (!plan || started.length) continue; // real procedure records are never overlaid with demo ones
    await walk(db, county.code, plan);
  }
  const spread = counties.find((c) => demoOutcome(c.code) === "spread");
  if (spread) await replaceContractor(db, spread.code);
}

const doc = (kdb: Kysely<Database>, countyCode: string, actor: Principal, kind: string, name: string) =>
  uploadDocument(kdb, actor, countyCode, {
    kind,
    note: `（演示）${name}`,
    file: { name: `${name}.pdf`, stream: Readable.from(Buffer.from(`%PDF-1.4 (演示) ${name}\n`)) },
    isDemo: true,
  }).then((d) => d.id);

async function walk(db: Db, code: string, plan: Plan) {
  const kdb = db.db;
  const step = (
    actor: Principal,
    s: ProcedureStep,
    date: string,
    details: object,
    documentIds: string[] = [],
    action?: "approved" | "returned",
  ) =>
    takeStep(kdb, actor, code, {
      step: s,
      action,
      date,
      details: details as Record<string, unknown>,
      documentIds,
      isDemo: true,
    } as never);
  await step(CONTRACTOR, "application", "2018-07-20", { note: "（演示）项目建设内容已全部完成，申请验收" }, [
    await doc(kdb, code, CONTRACTOR, "application", "验收申请书"),
  ]);
  await step(
    COUNTY,
    "commission",
    "2018-08-01",
    { agency: "（演示）河北某第三方评估机构", qualification: "（演示）工程咨询单位甲级资信" },
    [await doc(kdb, code, COUNTY, "qualification", "评估机构资质证书")],
  );
  // The assessor signs the scorecard as it stood on the day; the signature's date is the record's.
  const signedOn = "2018-09-20";
  const card = await getScorecard({
    db,
    countyFacts: async (c, asOf) => (await import("../domains")).gatherCountyFacts(db, c, asOf),
    countyCode: code,
    asOf: signedOn,
  });
  const signed = await signScorecard(kdb, ASSESSOR, card);
  await acceptanceDb(kdb)
    .updateTable("acceptance_signoffs")
    .set({ signed_at: `${signedOn}T16:00:00.000+08:00` })
    .where("id", "=", signed.id)
    .execute();
  // Every failed item gets its rectification: closed by 2018-10-08 where the county passed.
  for (const item of card.items.filter((i) => i.status === "fail")) {
    const id = await insertRectification(kdb, COUNTY, code, {
      source: "item",
      ref: item.id,
      problem: `（演示）${itemTitle(item.id)}未达标：${item.note}`.slice(0, 500),
      owner: "县商务局（演示）",
      openedOn: "2018-09-21",
      workingDays: 20,
      isDemo: true,
    });
    const evidence = await doc(kdb, code, COUNTY, "evidence", `${itemTitle(item.id)}整改材料`);
    await addRectificationEvent(kdb, COUNTY, code, id, {
      kind: "evidence",
      date: "2018-09-28",
      note: "（演示）已按要求整改，附材料",
      documentId: evidence,
      isDemo: true,
    });
    if (plan === "approved") {
      await addRectificationEvent(kdb, ASSESSOR, code, id, {
        kind: "reassessed",
        date: "2018-10-08",
        note: "（演示）复核通过",
        outcome: "pass",
        isDemo: true,
      });
    }
  }
  const filingDocs = [
    await doc(kdb, code, COUNTY, "acceptance_report", "验收报告"),
    await doc(kdb, code, COUNTY, "audit_report", "资金审计报告"),
  ];
  await step(
    COUNTY,
    "filing",
    "2018-10-09",
    { auditFirm: "（演示）河北某会计师事务所", auditConclusion: "（演示）中央财政资金专账核算，使用合规" },
    filingDocs,
  );
  await step(CITY, "city_review", "2018-10-15", { reasons: "" }, [], "approved");
  if (plan === "under_rectification") return;
  if (plan === "returned") {
    await step(
      PROVINCE,
      "province_review",
      "2018-10-25",
      { reasons: "（演示）资金审计报告未覆盖全部合同，整改复核未完成，请补充后重新报送" },
      [],
      "returned",
    );
    return;
  }
  await step(PROVINCE, "province_review", "2018-10-25", { reasons: "" }, [], "approved");
  // F7: the retainage of every contract, paid after the province approved.
  const contracts = await fundsDb(kdb)
    .selectFrom("contracts")
    .select(["id", "contract_no"])
    .where("county_code", "=", code)
    .orderBy("contract_no")
    .execute();
  for (const c of contracts) {
    const paid = await fundsDb(kdb)
      .selectFrom("contract_payments")
      .select("amount_fen")
      .where("contract_id", "=", c.id)
      .execute();
    const contract = await fundsDb(kdb)
      .selectFrom("contracts")
      .select("amount_fen")
      .where("id", "=", c.id)
      .executeTakeFirstOrThrow();
    const left = Number(contract.amount_fen) - paid.reduce((sum, p) => sum + Number(p.amount_fen), 0);
    if (left <= 0) continue;
    await releaseRetainage({
      db: kdb,
      actor: COUNTY,
      countyCode: code,
      contractId: c.id,
      paidOn: "2018-10-30",
      invoices: [{ invoiceNo: `（演示）${c.contract_no}-WK`, amountFen: left, issuedOn: "2018-10-29" }],
      isDemo: true,
    });
  }
}

/** The outgoing and the incoming contractor of the replacement, as demo organizations of the county. */
async function demoContractors(db: Db, code: string): Promise<[string, string]> {
  const ids: string[] = [];
  for (const name of ["（演示）原承办电子商务有限公司", "（演示）新承办电子商务有限公司"]) {
    const found = await db.db
      .selectFrom("organizations")
      .select("id")
      .where("name", "=", name)
      .where("region_code", "=", code)
      .executeTakeFirst();
    if (found) {
      ids.push(found.id);
      continue;
    }
    const row = {
      id: newId(),
      name,
      kind: "contractor",
      region_code: code,
      credit_code: null,
      contact: null,
      is_demo: 1,
      created_at: chinaTimestamp(),
    };
    await db.db.transaction().execute(async (trx) => {
      await trx.insertInto("organizations").values(row).execute();
      await recordAudit(
        trx,
        { id: null, name: "demo" },
        {
          action: "organization.created",
          entity: "organization",
          entityId: row.id,
          countyCode: code,
          after: row,
        },
      );
    });
    ids.push(row.id);
  }
  return [ids[0]!, ids[1]!];
}

/** K2: a contract whose contractor stopped operating, terminated, re-tendered and handed over. */
async function replaceContractor(db: Db, code: string) {
  const kdb = db.db;
  const old = await fundsDb(kdb)
    .selectFrom("contracts")
    .selectAll()
    .where("county_code", "=", code)
    .orderBy("contract_no", "desc")
    .executeTakeFirst();
  const done = await procedureDb(kdb)
    .selectFrom("contract_terminations")
    .select("id")
    .where("county_code", "=", code)
    .executeTakeFirst();
  if (!old || done) return;
  // The two contractors as organizations: the outgoing one operated some stations, held an ingest
  // token and an account in the county; the handover moves them to the incoming one.
  const [outgoing, incoming] = await demoContractors(db, code);
  const stationNos = [...(await stationDirectory(kdb, code)).keys()].slice(0, 5);
  const system = { id: null, name: "demo" };
  if (stationNos.length) {
    await kdb.transaction().execute((trx) =>
      setStationsOperator(trx, system, {
        countyCode: code,
        stationNos,
        organizationId: outgoing,
        reason: "（演示）原承办企业运营的站点",
      }),
    );
  }
  await createIngestToken({
    db,
    actor: system,
    countyCode: code,
    name: "（演示）原承办企业站点数据系统",
    organizationId: outgoing,
  });
  const username = `contractor-old-${code}`;
  const taken = await kdb
    .selectFrom("users")
    .select("id")
    .where("username", "=", username)
    .executeTakeFirst();
  if (!taken) {
    await createUser(kdb, "system", {
      username,
      displayName: "（演示）原承办企业账号",
      role: "contractor",
      regionCode: code,
      // Nobody signs in with it: the handover disables it.
      password: `Old-${randomBytes(12).toString("base64url")}9x`,
      organizationId: outgoing,
    });
  }
  const terminatedOn = old.signed_on > "2018-03-15" ? old.signed_on : "2018-03-15";
  const ended = await terminateContract(kdb, COUNTY, code, {
    contractId: old.id,
    terminatedOn,
    reason: "（演示）承办企业连续三个月未开展运营，多数站点停业，经约谈仍无法恢复",
    decision: "（演示）县商务局决定：解除合同，按招标程序重新选定承办企业",
    evidenceDocumentId: await doc(kdb, code, COUNTY, "decision", "解除合同决定书"),
    contractorOrgId: outgoing,
    handover: [
      stationNos.length
        ? { kind: "station", description: "（演示）合同范围内的村级服务站点", stationNos }
        : { kind: "equipment", description: "（演示）站点门头与标识" },
      { kind: "equipment", description: "（演示）站点电脑、货架、物流筐等设备" },
      { kind: "data", description: "（演示）站点订单、物流与培训数据" },
      { kind: "account", description: "（演示）运营平台与站点管理账号" },
      { kind: "ingest_token", description: "（演示）站点数据接入令牌（旧令牌吊销，新令牌发放）" },
    ],
    isDemo: true,
  });
  const announcedOn = "2018-03-20";
  const amount = Number(old.amount_fen);
  const tender = await saveTender({
    db: kdb,
    actor: { id: null, name: "demo" },
    countyCode: code,
    isDemo: true,
    tender: {
      tenderNo: `${code}-2018-R1`,
      title: `（演示）${old.title}（重新招标）`,
      method: "open",
      estimateFen: amount,
      lineKeys: JSON.parse(old.line_keys_json),
      announcedOn,
      documentsIssuedOn: announcedOn,
      bidDeadline: "2018-04-10",
      responsiblePerson: "（演示）县商务局项目负责人",
      bidders: [
        {
          name: "（演示）新承办电子商务有限公司",
          creditCode: null,
          address: null,
          phone: null,
          contact: null,
          bidFen: amount,
        },
        {
          name: "（演示）另一电子商务有限公司",
          creditCode: null,
          address: null,
          phone: null,
          contact: null,
          bidFen: amount + 100_000,
        },
      ],
    } as never,
  });
  await awardTender({
    db: kdb,
    actor: { id: null, name: "demo" },
    countyCode: code,
    tenderId: tender.id,
    bidderId: tender.bidderIds[0]!,
    awardedOn: "2018-04-15",
    amountFen: amount,
  });
  const contract = await createContract({
    db: kdb,
    actor: { id: null, name: "demo" },
    countyCode: code,
    isDemo: true,
    contract: {
      contractNo: `${old.contract_no}-R`,
      title: `（演示）${old.title}（替换承办企业）`,
      tenderId: tender.id,
      contractorName: "（演示）新承办电子商务有限公司",
      contractorOrgId: incoming,
      contractorResponsible: "（演示）承办企业项目经理",
      amountFen: amount,
      lineKeys: JSON.parse(old.line_keys_json),
      signedOn: "2018-04-20",
      startOn: "2018-04-25",
      completionDue: "2018-09-30",
      deliverables: [],
    },
  } as never);
  await linkReplacement(kdb, COUNTY, code, ended.id, {
    tenderId: tender.id,
    contractId: contract.id,
    isDemo: true,
  });
  for (const id of ended.handoverItemIds) {
    await checkHandoverItem(kdb, COUNTY, code, id, {
      checkedOn: "2018-04-28",
      note: "（演示）逐项清点，新承办企业签收",
      isDemo: true,
    });
  }
}
