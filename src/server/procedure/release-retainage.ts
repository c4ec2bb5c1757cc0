/**
 * Releases a contract's 10% retainage (F7) once acceptance passed (K1: the province approved the
 * county's filing). Before that the release is refused with the rule cited. The payment goes to
 * the ledger like any other (with its invoices); the contract is marked accepted on the day the
 * province approved, so the ledger's F7 check reads the release as due.
 */
import type { Kysely } from "kysely";
import { acceptancePassedOn, checkStep } from "../../rules/acceptance/procedure";
import { findContract, fundsDb, type InvoiceInput, recordPayment } from "../funds";
import { recordAudit } from "../platform/audit/audit";
import type { Principal } from "../platform/auth/roles";
import { newId } from "../platform/auth/sessions";
import type { Database } from "../platform/db/schema";
import { AppError } from "../platform/http/errors";
import { chinaTimestamp } from "../platform/time/china-time";
import { loadProcedureFacts, procedureDb } from "./procedure.repository";
import { refusal } from "./take-step";

export type ReleaseRetainageOptions = {
  db: Kysely<Database>;
  actor: Principal;
  countyCode: string;
  contractId: string;
  paidOn: string;
  invoices: InvoiceInput[];
  note?: string;
  isDemo?: boolean;
};

export async function releaseRetainage(options: ReleaseRetainageOptions) {
  const { db, actor, countyCode, contractId, paidOn } = options;
  const facts = await loadProcedureFacts(db, countyCode);
  const refused = checkStep(facts, { step: "retainage" }, actor.role, paidOn);
  if (refused) throw refusal(refused);
  const contract = await findContract(db, countyCode, contractId);
  const pdb = procedureDb(db);
  const [terminated, released] = await Promise.all([
    pdb
      .selectFrom("contract_terminations")
      .select("id")
      .where("contract_id", "=", contract.id)
      .executeTakeFirst(),
    pdb
      .selectFrom("procedure_steps")
      .select(["details_json"])
      .where("county_code", "=", countyCode)
      .where("step", "=", "retainage")
      .execute(),
  ]);
  if (terminated) {
    throw new AppError(409, "contract_terminated", {
      zh: "合同已提前终止，不再拨付尾款（规则 K2）",
      en: "The contract was terminated early; no retainage is due (rule K2)",
    });
  }
  if (released.some((r) => JSON.parse(r.details_json).contractId === contract.id)) {
    throw new AppError(409, "retainage_released", {
      zh: "该合同尾款已拨付",
      en: "The retainage was already released",
    });
  }
  const paid = await fundsDb(db)
    .selectFrom("contract_payments")
    .select("amount_fen")
    .where("contract_id", "=", contract.id)
    .execute();
  const amountFen = contract.amount_fen - paid.reduce((sum, p) => sum + Number(p.amount_fen), 0);
  if (amountFen <= 0) {
    throw new AppError(409, "nothing_retained", {
      zh: "该合同已无未付尾款",
      en: "Nothing is left to pay on this contract",
    });
  }
  const passedOn = acceptancePassedOn(facts, paidOn) as string;
  const payment = await recordPayment({
    db,
    actor: { id: options.isDemo ? null : actor.id, name: actor.username },
    countyCode,
    contractId: contract.id,
    paidOn,
    amountFen,
    note: options.note ?? `尾款（验收通过 ${passedOn}，规则 F7）`,
    invoices: options.invoices,
    isDemo: options.isDemo,
  });
  await db.transaction().execute(async (trx) => {
    if (!contract.accepted_on) {
      await fundsDb(trx)
        .updateTable("contracts")
        .set({ accepted_on: passedOn, updated_at: chinaTimestamp() })
        .where("id", "=", contract.id)
        .execute();
    }
    const row = {
      id: newId(),
      county_code: countyCode,
      step: "retainage",
      action: "done",
      step_date: paidOn,
      details_json: JSON.stringify({
        contractId: contract.id,
        contractNo: contract.contract_no,
        paymentId: payment.id,
        amountFen,
        acceptedOn: passedOn,
      }),
      document_ids_json: "[]",
      acted_by: options.isDemo ? null : actor.id,
      acted_by_name: actor.displayName,
      acted_role: actor.role,
      created_at: chinaTimestamp(),
      is_demo: options.isDemo ? 1 : 0,
    };
    await procedureDb(trx).insertInto("procedure_steps").values(row).execute();
    await recordAudit(
      trx,
      { id: row.acted_by, name: actor.username },
      {
        action: "procedure.retainage",
        entity: "contract",
        entityId: contract.id,
        countyCode,
        before: { acceptedOn: contract.accepted_on },
        after: { acceptedOn: contract.accepted_on ?? passedOn, paymentId: payment.id, amountFen, paidOn },
      },
    );
  });
  return { paymentId: payment.id, amountFen, acceptedOn: contract.accepted_on ?? passedOn };
}
