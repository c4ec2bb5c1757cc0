/**
 * Drains the delivery queue in the background: right after an approval (`kick`) and on a timer for
 * anything left over (a restart, a failed run). One run at a time; failures are logged, never thrown
 * into a request.
 */
import type { FastifyBaseLogger } from "fastify";
import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema";
import { deliverPendingReports } from "./deliver-pending-reports";
import type { ReportSink } from "./report-sink";

export class DeliveryWorker {
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    readonly sink: ReportSink,
    private readonly log: FastifyBaseLogger,
    private readonly intervalMs = 5 * 60 * 1000,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.kick(), this.intervalMs);
    this.timer.unref();
    this.kick();
  }

  /** Runs the queue now, or once more after the current run. */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = deliverPendingReports({ db: this.db, sink: this.sink })
      .then((run) => {
        if (run.delivered || run.failed) this.log.info({ sink: this.sink.kind, ...run }, "report deliveries");
      })
      .catch((err: unknown) => this.log.error({ err }, "report delivery run failed"))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Stops the timer and waits for a run in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.again = false;
    await this.running;
  }
}
