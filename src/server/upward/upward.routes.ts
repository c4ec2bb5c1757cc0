/** Routes of the upward domain: the area summary, then each area's own routes. */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  poorHouseholdTraining,
  productWork,
  traceabilityEnterprises,
  trainingVolume,
} from "../../rules/upward";
import { countyExists } from "../counties";
import { requireRead } from "../platform/auth/http-auth";
import type { RouteContext } from "../platform/domain";
import { notFound } from "../platform/http/errors";
import { chinaDate } from "../platform/time/china-time";
import { catalogueRoutes } from "./catalogue.routes";
import { incubationRoutes } from "./incubation.routes";
import { traceRoutes } from "./trace.routes";
import { tracePublicRoutes } from "./trace-public.routes";
import { trainingRoutes } from "./training.routes";
import { AsOfQuery, CountyParams } from "./upward.schema";
import { upwardFacts } from "./upward-facts";

const Check = z.object({
  met: z.boolean(),
  findings: z.array(z.object({ rule: z.string(), zh: z.string(), en: z.string() })),
});

export async function upwardRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = context;

  api.get(
    "/api/v1/counties/:code/upward/summary",
    {
      schema: {
        tags: ["upward"],
        summary: "农村产品上行与培训：验收事实及规则检查（O5–O9、G4）",
        params: CountyParams,
        querystring: AsOfQuery,
        response: {
          200: z.object({
            asOf: z.string(),
            facts: z.object({
              hasProductSurvey: z.boolean(),
              brands: z.number().int(),
              regionalBrands: z.number().int(),
              developedProducts: z.number().int(),
              circulationStandards: z.number().int(),
              platformsWithListings: z.array(z.string()),
              incubatedShops: z.number().int(),
              traceEnterprisesWithSales: z.number().int(),
              personTimes: z.number().int(),
              people: z.number().int(),
              poorHouseholds: z.number().int(),
              poorHouseholdsTrained: z.number().int(),
              traineesFollowedUp: z.number().int(),
            }),
            checks: z.object({
              products: Check,
              traceability: Check,
              training: Check,
              poorHouseholds: Check,
            }),
          }),
        },
      },
      config: { access: "region" },
    },
    async (request) => {
      const { code } = request.params;
      requireRead(request, code);
      if (!(await countyExists(db.db, code))) throw notFound({ zh: "该示范县", en: "Demonstration county" });
      const asOf = request.query.asOf ?? chinaDate();
      const facts = await upwardFacts(db, code, asOf);
      const pick = (r: { met: boolean; findings: { rule: string; zh: string; en: string }[] }) => ({
        met: r.met,
        findings: r.findings,
      });
      return {
        asOf,
        facts,
        checks: {
          products: pick(productWork(facts)),
          traceability: pick(traceabilityEnterprises(facts.traceEnterprisesWithSales)),
          training: pick(trainingVolume(facts.personTimes)),
          poorHouseholds: pick(poorHouseholdTraining(facts.poorHouseholds, facts.poorHouseholdsTrained)),
        },
      };
    },
  );

  await trainingRoutes(app, context);
  await catalogueRoutes(app, context);
  await incubationRoutes(app, context);
  await traceRoutes(app, context);
  await tracePublicRoutes(app, context);
}
