/**
 * A payment of central funds on a contract, with its invoices, in the dedicated ledger (专账, F8).
 * The ledger records what was paid; rule F7 is checked on every read and shown beside it, so a
 * breach is evidence (C3) rather than a row that silently went missing.
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../platform/audit/audit";
import type { Database } from "../platform/db/schema";
import { chinaTimestamp } from "../platform/time/china-time";
import { fundsDb } from "./fund-plans.repository";
import { findContract, requireNotFuture } from "./procurement.repository";

export type InvoiceInput = {
  invoiceNo: string;
  amountFen: number;
  issuedOn: string;
  itemName?: string | null;
};

export type RecordPaymentOptions = {
  db: Kysely<Database>;
  actor: Actor;
  countyCode: string;
  contractId: string;
  paidOn: string;
  amountFen: number;
  note: string;
  invoices: InvoiceInput[];
  isDemo?: boolean;
};

export async function recordPayment(options: RecordPaymentOptions) {
  const { db, actor, countyCode, contractId, paidOn, amountFen, note, invoices } = options;
  requireNotFuture(paidOn, "拨付日期");
  for (const i of invoices) requireNotFuture(i.issuedOn, "开票日期");
  return db.transaction().execute(async (trx) => {
    const contract = await findContract(trx, countyCode, contractId);
    const fdb = fundsDb(trx);
    const demo = options.isDemo ? 1 : 0;
    const payment = {
      id: randomUUID(),
      contract_id: contract.id,
      county_code: countyCode,
      paid_on: paidOn,
      amount_fen: amountFen,
      note,
      created_by: actor.name,
      created_at: chinaTimestamp(),
      is_demo: demo,
    };
    await fdb.insertInto("contract_payments").values(payment).execute();
    const rows = invoices.map((i) => ({
      id: randomUUID(),
      payment_id: payment.id,
      county_code: countyCode,
      invoice_no: i.invoiceNo,
      amount_fen: i.amountFen,
      issued_on: i.issuedOn,
      item_name: i.itemName?.trim() || null,
      file_path: null,
      file_name: null,
      file_sha256: null,
      is_demo: demo,
    }));
    if (rows.length) await fdb.insertInto("payment_invoices").values(rows).execute();
    await recordAudit(trx, actor, {
      action: "payment.recorded",
      entity: "contract_payment",
      entityId: payment.id,
      countyCode,
      after: { contract: contract.contract_no, ...payment, invoices: rows },
    });
    return { id: payment.id, invoiceIds: rows.map((r) => r.id) };
  });
}
