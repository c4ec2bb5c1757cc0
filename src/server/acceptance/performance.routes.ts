/**
 * Performance evaluation routes: a county's points and grade (F10 self-assessment) and the
 * province's side-by-side view of every county's scorecard summary and grade (M4, M5).
 */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { countyExists } from "../counties/counties.repository";
import { requireRead, requireRole } from "../platform/auth/http-auth";
import type { RouteContext } from "../platform/domain";
import { notFound } from "../platform/http/errors";
import { chinaDate } from "../platform/time/china-time";
import { AsOfQuery, CountyParams } from "./acceptance.schema";
import { getPerformance } from "./get-performance";
import { getProvinceAcceptance } from "./get-province-acceptance";

export async function performanceRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, countyFacts } = context;

  api.get(
    "/api/v1/counties/:code/performance",
    {
      schema: {
        tags: ["acceptance"],
        summary: "绩效评价：各指标得分、依据与等级（F10、M5）",
        params: CountyParams,
        querystring: AsOfQuery,
      },
      config: { access: "region" },
    },
    async (request) => {
      requireRead(request, request.params.code);
      if (!(await countyExists(db.db, request.params.code))) {
        throw notFound({ zh: "该示范县", en: "Demonstration county" });
      }
      return getPerformance({
        db,
        countyFacts,
        countyCode: request.params.code,
        asOf: request.query.asOf ?? chinaDate(),
      });
    },
  );

  api.get(
    "/api/v1/acceptance/province",
    {
      schema: {
        tags: ["acceptance"],
        summary: "各示范县验收与绩效汇总（省、市级）",
        querystring: AsOfQuery,
      },
      config: { access: "authenticated" },
    },
    async (request) => {
      const viewer = requireRole(request, ["province_admin", "province_viewer", "city_viewer", "city_admin"]);
      return getProvinceAcceptance({ db, countyFacts, viewer, asOf: request.query.asOf ?? chinaDate() });
    },
  );
}
