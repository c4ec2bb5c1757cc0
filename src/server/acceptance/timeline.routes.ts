/** A county's timeline: milestones M1–M5 and its own deadlines, done / due / overdue as of a date. */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requireRead } from "../platform/auth/http-auth";
import type { RouteContext } from "../platform/domain";
import { chinaDate } from "../platform/time/china-time";
import { AsOfQuery, CountyParams } from "./acceptance.schema";
import { getCountyTimeline } from "./get-county-timeline";

export async function timelineRoutes(app: FastifyInstance, { db }: RouteContext): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    "/api/v1/counties/:code/timeline",
    {
      schema: {
        tags: ["acceptance"],
        summary: "时间线：M1–M5 节点与本县各项期限（已完成/待办/逾期）",
        params: CountyParams,
        querystring: AsOfQuery,
      },
      config: { access: "region" },
    },
    async (request) => {
      requireRead(request, request.params.code);
      return getCountyTimeline({
        db,
        countyCode: request.params.code,
        asOf: request.query.asOf ?? chinaDate(),
      });
    },
  );
}
