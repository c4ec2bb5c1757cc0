/** Daily reports (智能日报), generated from the stations' ingested day. */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { RuleInputError } from "../../../rules/calendar";
import { requireRead } from "../../platform/auth/http-auth";
import type { RouteContext } from "../../platform/domain";
import { badRequest } from "../../platform/http/errors";
import { actorOf } from "../../platform/http/request-context";
import { countyOr404 } from "../../platform/regions/demonstration-county";
import { chinaDate } from "../../platform/time/china-time";
import { storeDailyReports } from "../daily/store-daily-reports";
import { CountyParams, DailyQuery, DailyReportResponse, DailyRowsRequest } from "../reporting.schema";
import { reportingDb } from "../reporting-db";

export async function dailyReportRoutes(app: FastifyInstance, { db }: RouteContext): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const ensureCounty = (code: string) => countyOr404(db.db, code);

  // --- 智能日报 ------------------------------------------------------------------------------------

  api.get(
    "/api/v1/counties/:code/daily-reports",
    {
      schema: {
        tags: ["reporting"],
        summary: "智能日报（按日汇总的站点运营数据）",
        params: CountyParams,
        querystring: DailyQuery,
        response: { 200: DailyReportResponse.array() },
      },
      config: { access: "region" },
    },
    async (request) => {
      requireRead(request, request.params.code);
      const to = request.query.to ?? chinaDate();
      const from = request.query.from ?? `${to.slice(0, 7)}-01`;
      const rows = await reportingDb(db.db)
        .selectFrom("reporting_daily_reports")
        .selectAll()
        .where("county_code", "=", request.params.code)
        .where("date", ">=", from)
        .where("date", "<=", to)
        .orderBy("date")
        .limit(1000)
        .execute();
      return rows.map((r) => ({
        date: r.date,
        stations: Number(r.stations),
        orders: Number(r.orders),
        amountFen: Number(r.amount_fen),
        shipments: Number(r.shipments),
        onlineRateBp: Number(r.online_rate_bp),
        stationsOnline: Number(r.stations_online),
        generatedAt: r.generated_at,
        isDemo: r.is_demo === 1,
      }));
    },
  );

  api.post(
    "/api/v1/counties/:code/daily-reports",
    {
      schema: {
        tags: ["reporting"],
        summary: "由站点日数据生成智能日报（运营数据接入）",
        params: CountyParams,
        body: DailyRowsRequest,
      },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      await ensureCounty(request.params.code);
      try {
        const result = await storeDailyReports({
          db: db.db,
          actor: actorOf(request),
          countyCode: request.params.code,
          rows: request.body.rows,
        });
        return reply.status(201).send(result);
      } catch (e) {
        if (e instanceof RuleInputError)
          throw badRequest("invalid_rows", e.messages, [{ path: e.field, message: e.messages.en }]);
        throw e;
      }
    },
  );
}
