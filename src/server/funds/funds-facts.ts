/**
 * The funds part of the facts the acceptance evaluator reads (C3, E3, E4): plan filed and approved,
 * unapproved changes, open forbidden uses, payment problems (F7, F8), progress (E4), as of a date.
 */
import type { FundsFacts } from "../../rules/acceptance/facts";
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
  return {
    planFiled: original !== undefined,
    planApproved: !!original?.approved_on && original.approved_on <= asOf,
    unapprovedChanges: analysis.unapprovedChanges.length,
    forbiddenLines: analysis.review?.openForbidden.length ?? 0,
    paymentProblems: analysis.contracts.flatMap((c) =>
      c.problems.map((p) => `合同 ${c.contract.contract_no}：${p}`),
    ),
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
