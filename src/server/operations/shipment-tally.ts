/**
 * Sums of the shipment rollups for one scope (a county, a township, a station, a month) and the
 * O3 figures made from them. Fed by rollup rows, or by a raw ledger's contributions (the same
 * shapes), so both paths judge alike.
 */
import {
  compareUpwardFees,
  DEFAULT_OPERATIONS_SETTINGS,
  type DeliveryBucket,
  type Direction,
  type FeeBenchmark,
  type OperationsSettings,
  type UpwardFeeComparison,
  withinDaysBp,
} from "../../rules/operations";

export class ShipmentTally {
  downShipments = 0;
  downDelivered = 0;
  upShipments = 0;
  /**
   * Downward shipments still in transit as of a date (rule O3, rules/delivery-window): counted in
   * downShipments, in no bucket, and left out of the share within 7 days. Only the as-of reads
   * (operations-facts) set it; rollup reads see the ledger as it stands.
   */
  inTransit = 0;
  /** Downward deliveries per day bucket. */
  readonly buckets = new Map<number, number>();
  readonly carriers = new Map<string, number>();
  readonly fees = new Map<string, { shipments: number; feeFen: number }>();

  addMonth(r: { direction: Direction; carrier: string; shipments: number; delivered: number }): void {
    if (r.direction === "down") {
      this.downShipments += r.shipments;
      this.downDelivered += r.delivered;
    } else {
      this.upShipments += r.shipments;
    }
    this.carriers.set(r.carrier, (this.carriers.get(r.carrier) ?? 0) + r.shipments);
  }

  addBucket(r: { direction: Direction; days: number; shipments: number }): void {
    if (r.direction !== "down") return;
    this.buckets.set(r.days, (this.buckets.get(r.days) ?? 0) + r.shipments);
  }

  addFee(r: { weight_class: string; shipments: number; fee_fen: number }): void {
    const at = this.fees.get(r.weight_class) ?? { shipments: 0, feeFen: 0 };
    at.shipments += r.shipments;
    at.feeFen += r.fee_fen;
    this.fees.set(r.weight_class, at);
  }

  /**
   * Takes one downward shipment that the rollups count with its current state but that is in
   * transit as of the date read: out of its delivery bucket (if it has since been signed for).
   */
  takeInTransit(deliveredBucket: number | null): void {
    this.inTransit++;
    if (deliveredBucket === null) return;
    this.downDelivered--;
    this.buckets.set(deliveredBucket, (this.buckets.get(deliveredBucket) ?? 0) - 1);
  }

  /** Downward deliveries per day bucket, in bucket order. */
  distribution(): DeliveryBucket[] {
    return [...this.buckets]
      .filter(([, n]) => n > 0)
      .sort(([a], [b]) => a - b)
      .map(([days, shipments]) => ({ days, shipments }));
  }

  withinDaysBp(settings: OperationsSettings = DEFAULT_OPERATIONS_SETTINGS): number {
    return withinDaysBp(this.distribution(), this.downShipments, settings, this.inTransit);
  }

  /** Express companies with at least one shipment, by name. */
  carrierNames(): string[] {
    return [...this.carriers]
      .filter(([, n]) => n > 0)
      .map(([c]) => c)
      .sort();
  }

  upwardFees(
    benchmarks: readonly FeeBenchmark[],
    settings = DEFAULT_OPERATIONS_SETTINGS,
  ): UpwardFeeComparison[] {
    return compareUpwardFees(
      [...this.fees].map(([weightClass, f]) => ({ weightClass, ...f })),
      benchmarks,
      settings,
    );
  }
}
