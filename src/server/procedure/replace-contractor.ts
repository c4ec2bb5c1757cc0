/**
 * Replacing a contractor that cannot operate (K2): the county terminates the contract (reason,
 * evidence, decision), tenders the replacement through the F5 chain, links the new award and
 * contract, and supervises the handover: stations, equipment, data, accounts and ingest tokens,
 * each item checked off, so the stations and services go on. Checking an item moves what it names
 * from the outgoing contractor organization to the incoming one, in the same transaction:
 * - station: the listed stations' operator, and their station managers' app accounts;
 * - account: the outgoing contractor's accounts in the county are disabled, their sessions ended;
 * - ingest_token: the outgoing contractor's tokens are revoked, the incoming one gets new ones;
 * - equipment, data: checked off as counted (data stays with the stations it is filed under).
 */
import type { Kysely } from "kysely";
import { findContract, findTender, fundsDb, requireNotFuture } from "../funds";
import { requireStationNos, setStationsOperator, stationsOperatedBy } from "../network/index";
import { handOverIngestTokens } from "../operations/index";
import { organizationNames, requireContractorOrganization } from "../organizations/index";
import { recordAudit } from "../platform/audit/audit";
import { endOrganizationAccess } from "../platform/auth/organization-access";
import type { Principal } from "../platform/auth/roles";
import { newId } from "../platform/auth/sessions";
import type { Database } from "../platform/db/schema";
import { AppError, badRequest, notFound } from "../platform/http/errors";
import { chinaTimestamp } from "../platform/time/china-time";
import { handOverStationAccounts } from "../stations-app/index";
import { procedureDb, requireDocuments } from "./procedure.repository";

export const HANDOVER_KINDS = ["station", "equipment", "data", "account", "ingest_token"] as const;
export type HandoverKind = (typeof HANDOVER_KINDS)[number];

/** The kinds whose check-off moves records from one contractor organization to the other. */
const MOVING_KINDS: ReadonlySet<HandoverKind> = new Set(["station", "account", "ingest_token"]);

/** What checking an item moved, kept with the item and in the audit. */
export type HandoverEffects = {
  stations?: string[];
  stationAccounts?: string[];
  accountsEnded?: string[];
  tokensRevoked?: { name: string; hint: string }[];
  tokensIssued?: { id: string; name: string; hint: string }[];
};

const organizationRequired = (zh: string, en: string) =>
  new AppError(409, "contractor_organization_required", { zh: `${zh}（规则 K2）`, en: `${en} (rule K2)` });

const actorOf = (p: Principal, demo?: boolean) => ({ id: demo ? null : p.id, name: p.username });

export type TerminateInput = {
  contractId: string;
  terminatedOn: string;
  reason: string;
  decision: string;
  evidenceDocumentId?: string;
  /** The outgoing contractor organization; defaults to the contract's. */
  contractorOrgId?: string | null;
  /**
   * What the old contractor hands over; one item per line. A station item lists its 站点编号, by
   * default the stations the outgoing contractor operates.
   */
  handover: { kind: HandoverKind; description: string; stationNos?: string[] }[];
  isDemo?: boolean;
};

export async function terminateContract(
  db: Kysely<Database>,
  actor: Principal,
  countyCode: string,
  input: TerminateInput,
) {
  requireNotFuture(input.terminatedOn, "终止日期");
  return db.transaction().execute(async (trx) => {
    const contract = await findContract(trx, countyCode, input.contractId);
    if (input.terminatedOn < contract.signed_on) {
      throw new AppError(409, "procedure_out_of_order", {
        zh: `终止日期早于合同签订日期 ${contract.signed_on}（规则 K2）`,
        en: `Terminated before the contract was signed on ${contract.signed_on} (rule K2)`,
      });
    }
    const pdb = procedureDb(trx);
    if (
      await pdb
        .selectFrom("contract_terminations")
        .select("id")
        .where("contract_id", "=", contract.id)
        .executeTakeFirst()
    ) {
      throw new AppError(409, "contract_terminated", {
        zh: "该合同已终止",
        en: "The contract is already terminated",
      });
    }
    if (input.evidenceDocumentId) await requireDocuments(trx, countyCode, [input.evidenceDocumentId]);
    const fromOrgId = await outgoingOrganization(trx, countyCode, contract.contractor_org_id, input);
    const subjects = new Map<number, string[]>();
    for (const [i, h] of input.handover.entries()) {
      if (h.kind !== "station") continue;
      const listed = [...new Set(h.stationNos ?? [])].sort();
      const stationNos = listed.length ? listed : await stationsOperatedBy(trx, countyCode, fromOrgId!);
      if (stationNos.length === 0) {
        throw badRequest(
          "handover_stations_required",
          {
            zh: "交接站点须列明站点编号（原承办企业没有登记运营的站点）（规则 K2）",
            en: "A station handover must list its stations: the outgoing contractor operates none on record (rule K2)",
          },
          [{ path: `handover.${i}.stationNos`, message: "请列明交接的站点编号" }],
        );
      }
      await requireStationNos(trx, countyCode, stationNos);
      subjects.set(i, stationNos);
    }
    const demo = input.isDemo ? 1 : 0;
    const row = {
      id: newId(),
      county_code: countyCode,
      contract_id: contract.id,
      terminated_on: input.terminatedOn,
      reason: input.reason,
      decision: input.decision,
      evidence_document_id: input.evidenceDocumentId ?? null,
      replacement_tender_id: null,
      replacement_contract_id: null,
      from_org_id: fromOrgId,
      to_org_id: null,
      created_by: actor.displayName,
      created_at: chinaTimestamp(),
      is_demo: demo,
    };
    await pdb.insertInto("contract_terminations").values(row).execute();
    const items = input.handover.map((h, i) => ({
      id: newId(),
      termination_id: row.id,
      county_code: countyCode,
      kind: h.kind,
      description: h.description,
      checked_on: null,
      checked_by: null,
      note: "",
      subjects_json: subjects.has(i) ? JSON.stringify({ stationNos: subjects.get(i) }) : null,
      effects_json: null,
      is_demo: demo,
    }));
    if (items.length) await pdb.insertInto("handover_items").values(items).execute();
    await recordAudit(trx, actorOf(actor, input.isDemo), {
      action: "contract.terminated",
      entity: "contract",
      entityId: contract.id,
      countyCode,
      after: {
        contract: contract.contract_no,
        ...row,
        handover: items.map(
          (i) => `${i.kind}: ${i.description}${i.subjects_json ? ` ${i.subjects_json}` : ""}`,
        ),
      },
    });
    return { id: row.id, handoverItemIds: items.map((i) => i.id) };
  });
}

/**
 * The outgoing contractor organization: the one named, else the contract's. Required when the
 * handover moves stations, accounts or tokens, which are found by their organization.
 */
async function outgoingOrganization(
  trx: Kysely<Database>,
  countyCode: string,
  contractOrgId: string | null,
  input: TerminateInput,
): Promise<string | null> {
  const named = input.contractorOrgId ?? null;
  if (named && contractOrgId && named !== contractOrgId) {
    throw badRequest(
      "contractor_mismatch",
      {
        zh: "所选原承办企业与合同登记的承办企业不一致",
        en: "Not the contractor organization of the contract",
      },
      [{ path: "contractorOrgId", message: "与合同登记的承办企业不一致" }],
    );
  }
  const id = named ?? contractOrgId;
  if (id) await requireContractorOrganization(trx, countyCode, id, "contractorOrgId");
  else if (input.handover.some((h) => MOVING_KINDS.has(h.kind))) {
    throw organizationRequired(
      "交接站点、账号或数据接口令牌，须指明原承办企业单位",
      "Handing over stations, accounts or ingest tokens needs the outgoing contractor organization",
    );
  }
  return id;
}

async function findTermination(trx: Kysely<Database>, countyCode: string, id: string) {
  const row = await procedureDb(trx)
    .selectFrom("contract_terminations")
    .selectAll()
    .where("id", "=", id)
    .where("county_code", "=", countyCode)
    .executeTakeFirst();
  if (!row) throw notFound({ zh: "该合同终止记录", en: "Termination" });
  return row;
}

/** Links the replacement tender (awarded, F5) and the new contract to the termination. */
export async function linkReplacement(
  db: Kysely<Database>,
  actor: Principal,
  countyCode: string,
  terminationId: string,
  input: {
    tenderId: string;
    contractId: string;
    /** The incoming contractor organization; defaults to the new contract's. */
    contractorOrgId?: string | null;
    isDemo?: boolean;
  },
) {
  return db.transaction().execute(async (trx) => {
    const termination = await findTermination(trx, countyCode, terminationId);
    const tender = await findTender(trx, countyCode, input.tenderId);
    const contract = await findContract(trx, countyCode, input.contractId);
    // rule K2 (through F5): the replacement is chosen by a tender opened after the termination.
    if (tender.status !== "awarded" || contract.tender_id !== tender.id) {
      throw new AppError(409, "replacement_not_awarded", {
        zh: "替换承办企业须经招标定标，且新合同属于该招标（规则 K2、F5）",
        en: "The replacement must be awarded by the tender and the new contract belong to it (rules K2, F5)",
      });
    }
    if ((tender.announced_on ?? tender.documents_issued_on ?? "") < termination.terminated_on) {
      throw new AppError(409, "procedure_out_of_order", {
        zh: `替换招标须在合同终止（${termination.terminated_on}）之后发布（规则 K2）`,
        en: `The replacement tender must be announced after the termination on ${termination.terminated_on} (rule K2)`,
      });
    }
    const named = input.contractorOrgId ?? null;
    if (named && contract.contractor_org_id && named !== contract.contractor_org_id) {
      throw badRequest(
        "contractor_mismatch",
        {
          zh: "所选新承办企业与新合同登记的承办企业不一致",
          en: "Not the contractor organization of the new contract",
        },
        [{ path: "contractorOrgId", message: "与新合同登记的承办企业不一致" }],
      );
    }
    const toOrgId = named ?? contract.contractor_org_id;
    if (toOrgId) await requireContractorOrganization(trx, countyCode, toOrgId, "contractorOrgId");
    const moving = await procedureDb(trx)
      .selectFrom("handover_items")
      .select("kind")
      .where("termination_id", "=", termination.id)
      .where("kind", "in", [...MOVING_KINDS])
      .executeTakeFirst();
    if (moving && !toOrgId) {
      throw organizationRequired(
        "交接站点、账号或数据接口令牌，须指明新承办企业单位",
        "Handing over stations, accounts or ingest tokens needs the incoming contractor organization",
      );
    }
    if (toOrgId && toOrgId === termination.from_org_id) {
      throw new AppError(409, "replacement_same_contractor", {
        zh: "替换的承办企业不能是原承办企业（规则 K2）",
        en: "The replacement cannot be the contractor it replaces (rule K2)",
      });
    }
    await procedureDb(trx)
      .updateTable("contract_terminations")
      .set({ replacement_tender_id: tender.id, replacement_contract_id: contract.id, to_org_id: toOrgId })
      .where("id", "=", termination.id)
      .execute();
    await recordAudit(trx, actorOf(actor, input.isDemo), {
      action: "contract.replacement_linked",
      entity: "contract_termination",
      entityId: termination.id,
      countyCode,
      before: {
        tender: termination.replacement_tender_id,
        contract: termination.replacement_contract_id,
        toOrgId: termination.to_org_id,
      },
      after: {
        tender: tender.tender_no,
        contract: contract.contract_no,
        contractor: contract.contractor_name,
        toOrgId,
      },
    });
    return { id: termination.id };
  });
}

/**
 * The county checks off one handed-over item, once the new contractor is operating; what the item
 * names moves to the new contractor in the same transaction. New ingest tokens' text is returned
 * this once (`issuedTokens`), for the county to give the new contractor.
 */
export async function checkHandoverItem(
  db: Kysely<Database>,
  actor: Principal,
  countyCode: string,
  itemId: string,
  input: { checkedOn: string; note: string; isDemo?: boolean },
) {
  requireNotFuture(input.checkedOn, "交接日期");
  return db.transaction().execute(async (trx) => {
    const pdb = procedureDb(trx);
    const item = await pdb
      .selectFrom("handover_items")
      .selectAll()
      .where("id", "=", itemId)
      .where("county_code", "=", countyCode)
      .executeTakeFirst();
    if (!item) throw notFound({ zh: "该交接事项", en: "Handover item" });
    const termination = await findTermination(trx, countyCode, item.termination_id);
    if (!termination.replacement_contract_id) {
      throw new AppError(409, "procedure_out_of_order", {
        zh: "须先确定替换承办企业（招标定标、签订合同），方可交接（规则 K2）",
        en: "The replacement contractor must be awarded and contracted before the handover (rule K2)",
      });
    }
    if (item.checked_on)
      throw new AppError(409, "handover_checked", { zh: "该事项已交接", en: "Already handed over" });
    if (input.checkedOn < termination.terminated_on) {
      throw new AppError(409, "procedure_out_of_order", {
        zh: `交接日期早于合同终止日期 ${termination.terminated_on}（规则 K2）`,
        en: `Handed over before the termination on ${termination.terminated_on} (rule K2)`,
      });
    }
    const { effects, issuedTokens } = await moveItem(trx, actorOf(actor, input.isDemo), countyCode, {
      item,
      fromOrgId: termination.from_org_id,
      toOrgId: termination.to_org_id,
      contractId: termination.contract_id,
    });
    await pdb
      .updateTable("handover_items")
      .set({
        checked_on: input.checkedOn,
        checked_by: actor.displayName,
        note: input.note,
        effects_json: effects ? JSON.stringify(effects) : null,
      })
      .where("id", "=", item.id)
      .execute();
    await recordAudit(trx, actorOf(actor, input.isDemo), {
      action: "contract.handover_checked",
      entity: "handover_item",
      entityId: item.id,
      countyCode,
      after: {
        kind: item.kind,
        description: item.description,
        checkedOn: input.checkedOn,
        checkedBy: actor.displayName,
        note: input.note,
        fromOrgId: termination.from_org_id,
        toOrgId: termination.to_org_id,
        effects,
      },
    });
    return { id: item.id, effects, issuedTokens };
  });
}

/** Moves what one handover item names from the outgoing to the incoming contractor organization. */
async function moveItem(
  trx: Kysely<Database>,
  actor: { id: string | null; name: string },
  countyCode: string,
  {
    item,
    fromOrgId,
    toOrgId,
    contractId,
  }: {
    item: { id: string; kind: string; subjects_json: string | null };
    fromOrgId: string | null;
    toOrgId: string | null;
    /** The terminated contract. */
    contractId: string;
  },
): Promise<{ effects: HandoverEffects | null; issuedTokens: { id: string; name: string; token: string }[] }> {
  const kind = item.kind as HandoverKind;
  if (!MOVING_KINDS.has(kind)) return { effects: null, issuedTokens: [] };
  if (!fromOrgId || !toOrgId) {
    throw organizationRequired(
      "须先指明原承办企业与新承办企业单位，方可交接站点、账号或数据接口令牌",
      "Both contractor organizations are needed to hand over stations, accounts or ingest tokens",
    );
  }
  const reason = `handover ${item.id}`;
  if (kind === "account" || kind === "ingest_token")
    await requireNoOtherLiveContract(trx, countyCode, fromOrgId, contractId);
  switch (kind) {
    case "station": {
      const stationNos = (JSON.parse(item.subjects_json ?? "{}").stationNos ?? []) as string[];
      const stations = await setStationsOperator(trx, actor, {
        countyCode,
        stationNos,
        organizationId: toOrgId,
        reason,
      });
      const accounts = await handOverStationAccounts(trx, actor, {
        countyCode,
        stationNos,
        toOrgId,
        handoverItemId: item.id,
      });
      return {
        effects: {
          stations: stations.map((s) => s.stationNo),
          stationAccounts: accounts.map((a) => a.username),
        },
        issuedTokens: [],
      };
    }
    case "account": {
      const ended = await endOrganizationAccess(trx, actor, {
        countyCode,
        organizationId: fromOrgId,
        reason,
      });
      return { effects: { accountsEnded: ended.map((e) => e.username) }, issuedTokens: [] };
    }
    case "ingest_token": {
      const moved = await handOverIngestTokens(trx, actor, {
        countyCode,
        fromOrgId,
        toOrgId,
        handoverItemId: item.id,
      });
      return {
        effects: {
          tokensRevoked: moved.map((m) => ({ name: m.revoked.name, hint: m.revoked.hint })),
          tokensIssued: moved.map((m) => ({ id: m.issued.id, name: m.issued.name, hint: m.issued.hint })),
        },
        issuedTokens: moved.map((m) => ({ id: m.issued.id, name: m.issued.name, token: m.token })),
      };
    }
    default:
      return { effects: null, issuedTokens: [] };
  }
}

/**
 * The outgoing contractor's accounts and tokens leave the county only when it holds no other live
 * contract there: a contractor replaced on one lot may still be operating another.
 */
async function requireNoOtherLiveContract(
  trx: Kysely<Database>,
  countyCode: string,
  orgId: string,
  contractId: string,
) {
  const [contracts, ended] = await Promise.all([
    fundsDb(trx)
      .selectFrom("contracts")
      .select(["id", "contract_no"])
      .where("county_code", "=", countyCode)
      .where("contractor_org_id", "=", orgId)
      .where("id", "!=", contractId)
      .execute(),
    procedureDb(trx)
      .selectFrom("contract_terminations")
      .select("contract_id")
      .where("county_code", "=", countyCode)
      .execute(),
  ]);
  const endedIds = new Set(ended.map((t) => t.contract_id));
  const live = contracts.filter((c) => !endedIds.has(c.id)).map((c) => c.contract_no);
  if (live.length) {
    throw new AppError(409, "contractor_still_contracted", {
      zh: `原承办企业在本县仍有未终止的合同（${live.join("、")}），其账号与数据接口令牌不能移交（规则 K2）`,
      en: `The outgoing contractor still holds live contracts here (${live.join(", ")}): its accounts and tokens stay (rule K2)`,
    });
  }
}

/** A county's terminations with their replacement and handover checklist. */
export async function listTerminations(db: Kysely<Database>, countyCode: string) {
  const pdb = procedureDb(db);
  const [rows, items] = await Promise.all([
    pdb
      .selectFrom("contract_terminations")
      .selectAll()
      .where("county_code", "=", countyCode)
      .orderBy("terminated_on")
      .execute(),
    pdb.selectFrom("handover_items").selectAll().where("county_code", "=", countyCode).execute(),
  ]);
  const names = await organizationNames(
    db,
    rows.flatMap((r) => [r.from_org_id, r.to_org_id]),
  );
  const org = (id: string | null) => (id ? { id, name: names.get(id) ?? id } : null);
  return rows.map((r) => {
    const list = items.filter((i) => i.termination_id === r.id);
    return {
      id: r.id,
      contractId: r.contract_id,
      terminatedOn: r.terminated_on,
      reason: r.reason,
      decision: r.decision,
      evidenceDocumentId: r.evidence_document_id,
      replacementTenderId: r.replacement_tender_id,
      replacementContractId: r.replacement_contract_id,
      fromOrganization: org(r.from_org_id),
      toOrganization: org(r.to_org_id),
      handoverDone: list.length > 0 && list.every((i) => i.checked_on),
      handover: list.map((i) => ({
        id: i.id,
        kind: i.kind,
        description: i.description,
        checkedOn: i.checked_on,
        checkedBy: i.checked_by,
        note: i.note,
        stationNos: i.subjects_json ? ((JSON.parse(i.subjects_json).stationNos ?? []) as string[]) : [],
        effects: i.effects_json ? (JSON.parse(i.effects_json) as HandoverEffects) : null,
      })),
    };
  });
}
