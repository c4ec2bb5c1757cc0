/**
 * Construction and fund-disbursement progress (veto E4: 建设或资金拨付进度低于40%).
 *
 * Pure: no I/O, runs in Node and in the browser. Progress is floor(10000 × done / planned) basis
 * points, computed in exact integer arithmetic on fen.
 */

/** Readings of E4 that a province administrator may change. */
export type ProgressSettings = {
  /** Below this, at a review date, a county is at risk of veto E4 (bp). */
  riskBelowBp: number;
  /**
   * What "planned" construction is. `planned_deliverables`: the deliverables of the signed contracts.
   * `at_least_subsidy` (default): those, but never less than the subsidy — content not yet under
   * contract is planned construction not done, so a county cannot look finished by signing little.
   */
  constructionBasis: "planned_deliverables" | "at_least_subsidy";
};

export const DEFAULT_PROGRESS_SETTINGS: ProgressSettings = {
  riskBelowBp: 4000,
  constructionBasis: "at_least_subsidy",
};

/** floor(10000 × numerator / denominator), 0 when the denominator is not positive; capped at 10000. */
export function progressBp(numerator: number, denominator: number): number {
  if (!(denominator > 0) || !(numerator > 0)) return 0;
  const bp = Number((BigInt(Math.trunc(numerator)) * 10000n) / BigInt(Math.trunc(denominator)));
  return Math.min(bp, 10000);
}

export type DeliverableProgress = { amountFen: number; doneOn: string | null };

/** E4 construction progress: deliverables done by `asOf` over planned, weighted by amount. */
export function constructionProgressBp(
  deliverables: readonly DeliverableProgress[],
  asOf: string,
  subsidyFen: number,
  settings: Partial<ProgressSettings> = {},
): number {
  const s = { ...DEFAULT_PROGRESS_SETTINGS, ...settings };
  let planned = 0;
  let done = 0;
  for (const d of deliverables) {
    planned += d.amountFen;
    if (d.doneOn && d.doneOn <= asOf) done += d.amountFen;
  }
  const basis = s.constructionBasis === "at_least_subsidy" ? Math.max(planned, subsidyFen) : planned;
  return progressBp(done, basis);
}

/** E4 disbursement progress: paid by `asOf` over the subsidy. */
export function disbursementProgressBp(paidFen: number, subsidyFen: number): number {
  return progressBp(paidFen, subsidyFen);
}

/** Veto E4 risk: either progress below the threshold at the review date. */
export function isProgressAtRisk(
  progress: { constructionBp: number; disbursementBp: number },
  settings: Partial<ProgressSettings> = {},
): boolean {
  const { riskBelowBp } = { ...DEFAULT_PROGRESS_SETTINGS, ...settings };
  return progress.constructionBp < riskBelowBp || progress.disbursementBp < riskBelowBp;
}
