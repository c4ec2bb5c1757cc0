/**
 * Routes of the outcomes domain: the summary (facts and the judgements of C1, C2, C4, C5, D1,
 * D2, D4 and D3's sales part, with measured figures, under the standard in force), poor
 * households' sales, then year figures, staff and the record rosters.
 */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  describeMarketRecords,
  judgeAgriSalesAndJobs,
  judgeCoordination,
  judgeInspections,
  judgePoorHouseholdSales,
  judgePublicity,
  judgeTransactionsGrowth,
  judgeUpgradedEnterprises,
} from "../../rules/outcomes";
import { currentStandard } from "../acceptance";
import { countyExists } from "../counties";
import { requireRead } from "../platform/auth/http-auth";
import type { RouteContext } from "../platform/domain";
import { notFound } from "../platform/http/errors";
import { chinaDate } from "../platform/time/china-time";
import { inspectionPhotoRoutes } from "./inspection-photos.routes";
import { AsOfQuery, CountyParams } from "./outcomes.schema";
import { outcomesFacts } from "./outcomes-facts";
import { poorHouseholdSalesRoutes } from "./poor-household-sales.routes";
import { recordsRoutes } from "./records.routes";
import { staffRoutes } from "./staff.routes";
import { yearFiguresRoutes } from "./year-figures.routes";

const Judgement = z.object({
  status: z.enum(["pass", "fail", "pending"]),
  measured: z.record(z.string(), z.unknown()),
  threshold: z.record(z.string(), z.unknown()),
  note: z.string(),
});

export async function outcomesRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = context;
  const ensureCounty = async (code: string) => {
    if (!(await countyExists(db.db, code))) throw notFound({ zh: "该示范县", en: "Demonstration county" });
  };

  api.get(
    "/api/v1/counties/:code/outcomes/summary",
    {
      schema: {
        tags: ["outcomes"],
        summary: "成效与工作记录：验收事实及判定（C1、C2、C4、C5、D1–D4）",
        params: CountyParams,
        querystring: AsOfQuery,
        response: {
          200: z.object({
            asOf: z.string(),
            facts: z.record(z.string(), z.unknown()),
            items: z.record(z.string(), Judgement),
          }),
        },
      },
      config: { access: "region" },
    },
    async (request) => {
      const { code } = request.params;
      requireRead(request, code);
      await ensureCounty(code);
      const asOf = request.query.asOf ?? chinaDate();
      const facts = await outcomesFacts(db, code, asOf);
      // The thresholds in force (a province's refinement included), as the scorecard applies them.
      const t = (await currentStandard(db.db)).thresholds;
      const sales = judgePoorHouseholdSales(facts, t);
      return {
        asOf,
        facts,
        items: {
          C1: judgeCoordination(facts, t),
          C2: judgeInspections(facts, t),
          C4: describeMarketRecords(facts),
          C5: judgePublicity(facts, t),
          D1: judgeTransactionsGrowth(facts, asOf, t),
          D2: judgeAgriSalesAndJobs(facts, asOf, t),
          D3: {
            status: sales.ok ? ("pass" as const) : ("fail" as const),
            measured: sales.measured,
            threshold: { householdsWithSales: t.poorSalesHouseholdsMin },
            note: sales.ok ? "贫困户网络销售在案（培训率见培训页）" : sales.problem,
          },
          D4: judgeUpgradedEnterprises(facts, t),
        },
      };
    },
  );

  await poorHouseholdSalesRoutes(app, context);
  await yearFiguresRoutes(app, context);
  await staffRoutes(app, context);
  await recordsRoutes(app, context);
  await inspectionPhotoRoutes(app, context);
}
