/** Attaches the scan of an invoice (发票) to a payment in the ledger; the file is hashed and audited. */
import type { Readable } from "node:stream";
import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../platform/audit/audit";
import type { Database } from "../platform/db/schema";
import { safeFileName, storeFile } from "../platform/files/file-store";
import { badRequest, notFound } from "../platform/http/errors";
import { fundsDb } from "./fund-plans.repository";

export type AttachInvoiceFileOptions = {
  db: Kysely<Database>;
  actor: Actor;
  countyCode: string;
  contractId: string;
  paymentId: string;
  invoiceId: string;
  file: { name: string; stream: Readable };
  /** Whether the upload hit its size limit (known once the stream is read). */
  isTruncated?: () => boolean;
};

/** The invoice of this county's payment on this contract, or 404. */
export async function findInvoice(
  kdb: Kysely<Database>,
  ids: { countyCode: string; contractId: string; paymentId: string; invoiceId: string },
) {
  const invoice = await fundsDb(kdb)
    .selectFrom("payment_invoices as i")
    .innerJoin("contract_payments as p", "p.id", "i.payment_id")
    .selectAll("i")
    .where("i.id", "=", ids.invoiceId)
    .where("i.payment_id", "=", ids.paymentId)
    .where("p.contract_id", "=", ids.contractId)
    .where("i.county_code", "=", ids.countyCode)
    .executeTakeFirst();
  if (!invoice) throw notFound({ zh: "该发票", en: "Invoice" });
  return invoice;
}

export async function attachInvoiceFile(options: AttachInvoiceFileOptions) {
  const { db, actor, countyCode, file } = options;
  const invoice = await findInvoice(db, options);
  const stored = await storeFile(`invoices-${countyCode}`, file.stream);
  if (options.isTruncated?.()) {
    throw badRequest("file_too_large", { zh: "文件超过 20 MiB", en: "File exceeds 20 MiB" });
  }
  const after = { file_path: stored.path, file_name: safeFileName(file.name), file_sha256: stored.sha256 };
  await db.transaction().execute(async (trx) => {
    await fundsDb(trx).updateTable("payment_invoices").set(after).where("id", "=", invoice.id).execute();
    await recordAudit(trx, actor, {
      action: "payment.invoice_file_attached",
      entity: "payment_invoice",
      entityId: invoice.id,
      countyCode,
      before: invoice.file_path ? { file: invoice.file_name, sha256: invoice.file_sha256 } : undefined,
      after: {
        invoiceNo: invoice.invoice_no,
        file: after.file_name,
        sha256: after.file_sha256,
        bytes: stored.bytes,
      },
    });
  });
  return { id: invoice.id, sha256: stored.sha256, bytes: stored.bytes };
}
