/**
 * The funds part of the facts the acceptance evaluator reads (C3, E3, E4): plan filed and approved,
 * unapproved changes, open forbidden uses, payment problems (F7, F8), progress (E4), as of a date.
 */
import type { FundsFacts } from "../../rules/acceptance/facts";
import { forbiddenPayments, type LedgerPayment, paymentsMissingInvoice } from "../../rules/fund-ledger";
import type { Db } from "../platform/db/database";
import { notFound } from "../platform/http/errors";
import { analyzeFunds } from "./analyze-funds";
import { type FundsSnapshot, loadFundsSnapshot } from "./funds-snapshot.repository";

/** Whether anything of the county's funds was recorded by `asOf` (a plan version or a contract). */
export function hasFundsRecords(snapshot: FundsSnapshot, asOf: string): boolean {
  return (
    snapshot.versions.some((v) => v.prepared_on <= asOf) ||
    snapshot.contracts.some((c) => c.signed_on <= asOf)
  );
}

/** The facts of a loaded snapshot as of `asOf`; messages in Chinese, as the scorecard shows them. */
export function fundsFactsOf(snapshot: FundsSnapshot, asOf: string): FundsFacts {
  const analysis = analyzeFunds(snapshot, asOf, "zh");
  const original = analysis.original;
  const ledger: LedgerPayment[] = analysis.contracts.flatMap((c) =>
    c.payments.map((p) => ({
      contractNo: c.contract.contract_no,
      paidOn: p.paid_on,
      amountFen: p.amount_fen,
      note: p.note,
      invoices: p.invoices.map((i) => ({
        invoiceNo: i.invoice_no,
        amountFen: i.amount_fen,
        issuedOn: i.issued_on,
        itemName: i.item_name ?? null,
      })),
    })),
  );
  return {
    planFiled: original !== undefined,
    planApproved: !!original?.approved_on && original.approved_on <= asOf,
    unapprovedChanges: analysis.unapprovedChanges.length,
    forbiddenLines: analysis.review?.openForbidden.length ?? 0,
    paymentProblems: analysis.contracts.flatMap((c) =>
      c.problems.map((p) => `合同 ${c.contract.contract_no}：${p}`),
    ),
    // rule C3: the dedicated ledger judged on what was paid
    payments: ledger.length,
    paymentsMissingInvoice: paymentsMissingInvoice(ledger, asOf),
    forbiddenPayments: forbiddenPayments(ledger, asOf),
    // rule E2: every contract must stand in the column as a project
    contracts: analysis.contracts.map((c) => ({
      contractNo: c.contract.contract_no,
      title: c.contract.title,
      contractorName: c.contract.contractor_name,
    })),
    constructionProgressBp: analysis.progress.constructionBp,
    disbursementProgressBp: analysis.progress.disbursementBp,
  };
}

/** The county's funds facts as of `asOf`; 404 for a county that is not in the program. */
export async function fundsFacts(db: Db, countyCode: string, asOf: string): Promise<FundsFacts> {
  const snapshot = await loadFundsSnapshot(db.db, countyCode);
  if (!snapshot) throw notFound({ zh: "该示范县", en: "Demonstration county" });
  return fundsFactsOf(snapshot, asOf);
}
