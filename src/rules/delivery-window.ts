/**
 * Rule O3 as of a date: a downward parcel is on time, late, or still in transit at the end of the
 * as-of day (24:00 China time). Pure functions; the server narrows its ledger reads with
 * `inTransitSince` and classifies each parcel with `deliveryOutcomeAsOf`.
 *
 * Readings (rules.md O3, 2026-12):
 * - The window is dispatch → dispatch + deliveryDays × 24 h, both ends inside: a parcel signed for
 *   exactly 7 × 24 h after dispatch is on time (as `isDeliveredWithin` says).
 * - "Signed for by the as-of date" is a signing time before 24:00 of the as-of day; a signature
 *   after it is not yet known on that date.
 * - A parcel not signed for by then is in transit while its window has not ended at 24:00; a
 *   window that ends exactly at 24:00 has not ended (its last instant is still on time), so such
 *   a parcel is in transit, and it is late from the next day on. One sent a minute earlier is late.
 */
import {
  chinaInstant,
  DEFAULT_OPERATIONS_SETTINGS,
  isDeliveredWithin,
  type OperationsSettings,
} from "./operations";

const DAY_MS = 86_400_000;

export type DeliveryOutcome = "on_time" | "late" | "in_transit";

/** 24:00 China time of `asOf` (YYYY-MM-DD), as the instant `YYYY-MM-DDT00:00:00+08:00` of the next day. */
export function endOfChinaDay(asOf: string): string {
  return chinaInstant(Date.parse(`${asOf}T00:00:00+08:00`) + DAY_MS);
}

/**
 * rule O3: the earliest dispatch instant whose window is still open at 24:00 of `asOf`
 * (24:00 − deliveryDays × 24 h). Parcels dispatched at or after it and not signed for by then are
 * in transit.
 */
export function inTransitSince(
  asOf: string,
  settings: OperationsSettings = DEFAULT_OPERATIONS_SETTINGS,
): string {
  return chinaInstant(Date.parse(endOfChinaDay(asOf)) - settings.deliveryDays * DAY_MS);
}

/**
 * rule O3: a downward parcel dispatched by `asOf`, as that date sees it. Instants are
 * `YYYY-MM-DDTHH:mm:ss+08:00` (rules parseShipmentTime), so they compare as text.
 */
export function deliveryOutcomeAsOf(
  dispatchedAt: string,
  deliveredAt: string | null,
  asOf: string,
  settings: OperationsSettings = DEFAULT_OPERATIONS_SETTINGS,
): DeliveryOutcome {
  const end = endOfChinaDay(asOf);
  if (deliveredAt !== null && deliveredAt < end) {
    return isDeliveredWithin(dispatchedAt, deliveredAt, settings) ? "on_time" : "late";
  }
  return dispatchedAt >= inTransitSince(asOf, settings) ? "in_transit" : "late";
}
