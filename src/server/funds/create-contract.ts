/**
 * Records a contract with a contractor (承办企业): amount, the plan lines it covers, dates and
 * deliverables (their amounts weight construction progress, E4).
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../platform/audit/audit";
import type { Database } from "../platform/db/schema";
import { badRequest } from "../platform/http/errors";
import { chinaTimestamp } from "../platform/time/china-time";
import { fundsDb } from "./fund-plans.repository";
import type { ContractTable } from "./funds.tables";
import { duplicateNumber, findTender, requireLineKeys, requireNotFuture } from "./procurement.repository";

export type DeliverableInput = {
  name: string;
  amountFen: number;
  dueOn: string | null;
  doneOn: string | null;
};

export type ContractInput = {
  contractNo: string;
  title: string;
  tenderId: string | null;
  contractorName: string;
  contractorOrgId: string | null;
  contractorResponsible: string | null;
  amountFen: number;
  lineKeys: string[];
  signedOn: string;
  startOn: string | null;
  completionDue: string | null;
  deliverables: DeliverableInput[];
};

export type CreateContractOptions = {
  db: Kysely<Database>;
  actor: Actor;
  countyCode: string;
  contract: ContractInput;
  isDemo?: boolean;
};

export async function createContract({ db, actor, countyCode, contract, isDemo }: CreateContractOptions) {
  requireNotFuture(contract.signedOn, "签订日期");
  for (const d of contract.deliverables) requireNotFuture(d.doneOn, "完成日期");
  return db.transaction().execute(async (trx) => {
    const fdb = fundsDb(trx);
    await requireLineKeys(trx, countyCode, contract.lineKeys);
    if (contract.tenderId) await findTender(trx, countyCode, contract.tenderId);
    if (contract.contractorOrgId) {
      const org = await trx
        .selectFrom("organizations")
        .select("id")
        .where("id", "=", contract.contractorOrgId)
        .where("kind", "=", "contractor")
        .executeTakeFirst();
      if (!org) {
        throw badRequest("unknown_contractor", {
          zh: "承办企业不存在",
          en: "No such contractor organization",
        });
      }
    }
    const clash = await fdb
      .selectFrom("contracts")
      .select("id")
      .where("county_code", "=", countyCode)
      .where("contract_no", "=", contract.contractNo)
      .executeTakeFirst();
    if (clash) throw duplicateNumber({ zh: "合同", en: "contract" }, contract.contractNo);

    const now = chinaTimestamp();
    const row: ContractTable = {
      id: randomUUID(),
      county_code: countyCode,
      contract_no: contract.contractNo,
      tender_id: contract.tenderId,
      title: contract.title,
      contractor_name: contract.contractorName,
      contractor_org_id: contract.contractorOrgId,
      contractor_responsible: contract.contractorResponsible,
      amount_fen: contract.amountFen,
      line_keys_json: JSON.stringify(contract.lineKeys),
      signed_on: contract.signedOn,
      start_on: contract.startOn,
      completion_due: contract.completionDue,
      accepted_on: null,
      created_at: now,
      updated_at: now,
      is_demo: isDemo ? 1 : 0,
    };
    await fdb.insertInto("contracts").values(row).execute();
    const deliverables = contract.deliverables.map((d) => ({
      id: randomUUID(),
      contract_id: row.id,
      county_code: countyCode,
      name: d.name,
      amount_fen: d.amountFen,
      due_on: d.dueOn,
      done_on: d.doneOn,
      is_demo: isDemo ? 1 : 0,
    }));
    if (deliverables.length) await fdb.insertInto("contract_deliverables").values(deliverables).execute();
    await recordAudit(trx, actor, {
      action: "contract.created",
      entity: "contract",
      entityId: row.id,
      countyCode,
      after: { ...row, deliverables },
    });
    return { id: row.id, deliverableIds: deliverables.map((d) => d.id) };
  });
}
