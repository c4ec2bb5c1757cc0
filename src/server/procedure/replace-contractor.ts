/**
 * Replacing a contractor that cannot operate (K2): the county terminates the contract (reason,
 * evidence, decision), tenders the replacement through the F5 chain, links the new award and
 * contract, and supervises the handover: stations, equipment, data, accounts and ingest tokens,
 * each item checked off, so the stations and services go on.
 */
import type { Kysely } from "kysely";
import { findContract, findTender, requireNotFuture } from "../funds/procurement.repository";
import { recordAudit } from "../platform/audit/audit";
import type { Principal } from "../platform/auth/roles";
import { newId } from "../platform/auth/sessions";
import type { Database } from "../platform/db/schema";
import { AppError, notFound } from "../platform/http/errors";
import { chinaTimestamp } from "../platform/time/china-time";
import { procedureDb, requireDocuments } from "./procedure.repository";

export const HANDOVER_KINDS = ["station", "equipment", "data", "account", "ingest_token"] as const;
export type HandoverKind = (typeof HANDOVER_KINDS)[number];

const actorOf = (p: Principal, demo?: boolean) => ({ id: demo ? null : p.id, name: p.username });

export type TerminateInput = {
  contractId: string;
  terminatedOn: string;
  reason: string;
  decision: string;
  evidenceDocumentId?: string;
  /** What the old contractor hands over; one item per line. */
  handover: { kind: HandoverKind; description: string }[];
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
      created_by: actor.displayName,
      created_at: chinaTimestamp(),
      is_demo: demo,
    };
    await pdb.insertInto("contract_terminations").values(row).execute();
    const items = input.handover.map((h) => ({
      id: newId(),
      termination_id: row.id,
      county_code: countyCode,
      kind: h.kind,
      description: h.description,
      checked_on: null,
      checked_by: null,
      note: "",
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
        handover: items.map((i) => `${i.kind}: ${i.description}`),
      },
    });
    return { id: row.id, handoverItemIds: items.map((i) => i.id) };
  });
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
  input: { tenderId: string; contractId: string; isDemo?: boolean },
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
    await procedureDb(trx)
      .updateTable("contract_terminations")
      .set({ replacement_tender_id: tender.id, replacement_contract_id: contract.id })
      .where("id", "=", termination.id)
      .execute();
    await recordAudit(trx, actorOf(actor, input.isDemo), {
      action: "contract.replacement_linked",
      entity: "contract_termination",
      entityId: termination.id,
      countyCode,
      before: { tender: termination.replacement_tender_id, contract: termination.replacement_contract_id },
      after: {
        tender: tender.tender_no,
        contract: contract.contract_no,
        contractor: contract.contractor_name,
      },
    });
    return { id: termination.id };
  });
}

/** The county checks off one handed-over item, once the new contractor is operating. */
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
    await pdb
      .updateTable("handover_items")
      .set({ checked_on: input.checkedOn, checked_by: actor.displayName, note: input.note })
      .where("id", "=", item.id)
      .execute();
    await recordAudit(trx, actorOf(actor, input.isDemo), {
      action: "contract.handover_checked",
      entity: "handover_item",
      entityId: item.id,
      countyCode,
      after: { kind: item.kind, description: item.description, checkedOn: input.checkedOn, note: input.note },
    });
    return { id: item.id };
  });
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
      handoverDone: list.length > 0 && list.every((i) => i.checked_on),
      handover: list.map((i) => ({
        id: i.id,
        kind: i.kind,
        description: i.description,
        checkedOn: i.checked_on,
        checkedBy: i.checked_by,
        note: i.note,
      })),
    };
  });
}
