/**
 * The installation's delivery of approved reports to the ministry system: the sink named by the
 * environment and the background worker that drains the queue. One per database handle, so the
 * routes that approve reports (to kick the worker) and the domain's start hook share it.
 */
import type { FastifyBaseLogger } from "fastify";
import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema";
import { DeliveryWorker } from "./delivery-worker";
import type { ReportSink } from "./report-sink";
import { sinkFromEnvironment } from "./report-sink-config";

export type ReportDelivery = {
  /** Null when no sink is configured: reports are exported on request only. */
  readonly sink: ReportSink | null;
  /** Runs the queue now (after an approval or a retry); nothing before the worker started. */
  kick(): void;
  start(log: FastifyBaseLogger): void;
  stop(): Promise<void>;
};

const deliveries = new WeakMap<Kysely<Database>, ReportDelivery>();

export function reportDelivery(db: Kysely<Database>): ReportDelivery {
  let delivery = deliveries.get(db);
  if (!delivery) {
    const sink = sinkFromEnvironment();
    let worker: DeliveryWorker | null = null;
    delivery = {
      sink,
      kick: () => worker?.kick(),
      start(log) {
        if (!sink || worker) return;
        worker = new DeliveryWorker(db, sink, log);
        worker.start();
      },
      async stop() {
        await worker?.stop();
        worker = null;
      },
    };
    deliveries.set(db, delivery);
  }
  return delivery;
}
