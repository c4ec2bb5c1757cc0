/** The delivery log of approved reports to the ministry system, and retries. */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requireRole } from "../../platform/auth/http-auth";
import type { RouteContext } from "../../platform/domain";
import { actorOf } from "../../platform/http/request-context";
import { reportDelivery } from "../deliveries/report-delivery";
import { retryReportDelivery } from "../deliveries/retry-report-delivery";
import { DeliveryResponse, IdParams, RetryRequest } from "../reporting.schema";
import { reportingDb } from "../reporting-db";

export async function deliveryRoutes(app: FastifyInstance, { db }: RouteContext): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const delivery = reportDelivery(db.db);

  api.get(
    "/api/v1/reporting/deliveries",
    {
      schema: {
        tags: ["reporting"],
        summary: "向部系统报送的记录",
        response: { 200: DeliveryResponse.array() },
      },
      config: { access: "province_admin" },
    },
    async () => {
      const rows = await reportingDb(db.db)
        .selectFrom("reporting_deliveries")
        .selectAll()
        .orderBy("created_at", "desc")
        .limit(500)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        reportId: r.report_id,
        countyCode: r.county_code,
        sink: r.sink,
        target: r.target,
        idempotencyKey: r.idempotency_key,
        status: r.status,
        attempts: Number(r.attempts),
        lastHttpStatus: r.last_http_status === null ? null : Number(r.last_http_status),
        lastError: r.last_error,
        createdAt: r.created_at,
        deliveredAt: r.delivered_at,
      }));
    },
  );

  api.post(
    "/api/v1/reporting/deliveries/:id/retry",
    {
      schema: { tags: ["reporting"], summary: "重新报送失败的记录", params: IdParams, body: RetryRequest },
      config: { access: "province_admin" },
    },
    async (request, reply) => {
      requireRole(request, ["province_admin"]);
      await retryReportDelivery({ db: db.db, actor: actorOf(request), id: request.params.id });
      delivery.kick();
      return reply.status(202).send({ status: "pending" });
    },
  );
}
