/**
 * Landings of the roles that have no county or province page of their own (issue 18.3): the
 * assessor's counties and what waits for it, the contractor's contracts, reports and tokens.
 * Composed from the domains' index exports, like todo/; no tables of its own.
 */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { isIsoDate } from "../../rules/calendar";
import { readableCounties } from "../counties";
import { requireRole } from "../platform/auth/http-auth";
import type { DomainModule, RouteContext } from "../platform/domain";
import { defaultAsOf } from "../platform/time/default-as-of";
import { assessorHome } from "./assessor-home";
import { contractorHome } from "./contractor-home";

const AsOfQuery = z.object({ asOf: z.string().refine(isIsoDate, "YYYY-MM-DD").optional() });

const AssessorHomeResponse = z.object({
  asOf: z.string(),
  counties: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      verdict: z.enum(["passed", "failed", "vetoed", "incomplete"]),
      counts: z.object({ pass: z.number().int(), fail: z.number().int(), pending: z.number().int() }),
      signedAt: z.string().nullable(),
      tasks: z.array(
        z.object({
          kind: z.enum(["decision", "assessment", "reassessment"]),
          ref: z.string(),
          title: z.string(),
          detail: z.string(),
          link: z.string(),
        }),
      ),
    }),
  ),
  totals: z.object({
    decisions: z.number().int(),
    assessments: z.number().int(),
    reassessments: z.number().int(),
  }),
});

const ContractorHomeResponse = z.object({
  asOf: z.string(),
  county: z.object({ code: z.string(), name: z.string() }),
  organization: z.object({ id: z.string(), name: z.string() }).nullable(),
  contracts: z.array(
    z.object({
      contractNo: z.string(),
      title: z.string(),
      amountFen: z.number().int(),
      paidFen: z.number().int(),
      signedOn: z.string(),
      completionDue: z.string().nullable(),
      acceptedOn: z.string().nullable(),
      deliverables: z.object({ done: z.number().int(), total: z.number().int() }),
      link: z.string(),
    }),
  ),
  reports: z.array(
    z.object({
      kind: z.string(),
      title: z.string(),
      period: z.string(),
      dueOn: z.string(),
      state: z.enum(["due", "overdue", "returned"]),
      link: z.string(),
    }),
  ),
  tokens: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      hint: z.string(),
      sheets: z.array(z.string()),
      stations: z.number().int().nullable(),
      createdAt: z.string(),
      lastUsedAt: z.string().nullable(),
      revokedAt: z.string().nullable(),
    }),
  ),
});

async function landingRoutes(app: FastifyInstance, { db, countyFacts }: RouteContext): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/v1/home/assessor",
    {
      schema: {
        tags: ["home"],
        summary: "第三方评估机构首页：受委托的县、验收结论与待办（待评定事项、待评估签署、整改待复核）",
        querystring: AsOfQuery,
        response: { 200: AssessorHomeResponse },
      },
      config: { access: "assessor" },
    },
    async (request) => {
      const principal = requireRole(request, ["assessor"]);
      // Only the counties that engaged this assessor (grants), whatever its region.
      const counties = await readableCounties(db.db, principal);
      const asOf = request.query.asOf ?? (await defaultAsOf(db)).asOf;
      return assessorHome({ db, countyFacts, counties, asOf });
    },
  );

  api.get(
    "/api/v1/home/contractor",
    {
      schema: {
        tags: ["home"],
        summary: "承办企业首页：本企业的合同、应报送的报表与数据接口令牌（不含令牌原文）",
        querystring: AsOfQuery,
        response: { 200: ContractorHomeResponse },
      },
      config: { access: "contractor" },
    },
    async (request) => {
      const principal = requireRole(request, ["contractor"]);
      const countyCode = principal.regionCode.slice(0, 6);
      const county = (await readableCounties(db.db, principal)).find((c) => c.code === countyCode) ?? {
        code: countyCode,
        name: countyCode,
      };
      const asOf = request.query.asOf ?? (await defaultAsOf(db)).asOf;
      return contractorHome({ db, userId: principal.id, county, asOf });
    },
  );
}

export const landingModule: DomainModule = { name: "landing", routes: landingRoutes };
