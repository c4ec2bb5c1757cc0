/** Construction and disbursement progress month by month (E4), for the county's chart. */

import { analyzeFunds } from "./analyze-funds";
import type { FundsSnapshot } from "./funds-snapshot.repository";

/** At most this many month ends are computed (three years of a program). */
export const MAX_SERIES_MONTHS = 36;

const monthEnd = (year: number, month: number) =>
  new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);

/**
 * Progress at each month end from the first contract (or plan) to `asOf`, and at `asOf` itself.
 */
export function progressSeries(snapshot: FundsSnapshot, asOf: string) {
  const starts = [
    ...snapshot.contracts.map((c) => c.signed_on),
    ...snapshot.versions.map((v) => v.prepared_on),
  ].sort();
  const first = starts[0];
  if (!first || first > asOf) return [];
  const points: { date: string; constructionBp: number; disbursementBp: number; isAtRisk: boolean }[] = [];
  let year = Number(first.slice(0, 4));
  let month = Number(first.slice(5, 7));
  while (points.length < MAX_SERIES_MONTHS) {
    const end = monthEnd(year, month);
    const date = end < asOf ? end : asOf;
    const { progress } = analyzeFunds(snapshot, date, "zh");
    points.push({
      date,
      constructionBp: progress.constructionBp,
      disbursementBp: progress.disbursementBp,
      isAtRisk: progress.isAtRisk,
    });
    if (date === asOf) break;
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
  return points;
}
