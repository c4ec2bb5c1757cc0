/**
 * The funds at a glance: a county's summary and progress over time (E4), and the province's table
 * of every county within the caller's reach (plan status, deadlines, disbursement, red flags).
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requirePrincipal, requireRead } from "../platform/auth/http-auth";
import { canRead } from "../platform/auth/roles";
import type { RouteContext } from "../platform/domain";
import { languageOf, notFound } from "../platform/http/errors";
import { chinaDate } from "../platform/time/china-time";
import { analyzeFunds } from "./analyze-funds";
import { AsOfQuery, CountyParams } from "./funds.schema";
import { progressSeries } from "./funds-progress-series";
import { loadFundsSnapshot } from "./funds-snapshot.repository";
import { presentFundsSummary } from "./present-procurement";

const TAGS = ["funds"];

export async function fundsOverviewRoutes(app: FastifyInstance, { db }: RouteContext): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const snapshotOf = async (request: FastifyRequest, code: string) => {
    requireRead(request, code);
    const snapshot = await loadFundsSnapshot(db.db, code);
    if (!snapshot) throw notFound({ zh: "该示范县", en: "Demonstration county" });
    return snapshot;
  };

  api.get(
    "/api/v1/counties/:code/funds/summary",
    {
      schema: {
        tags: TAGS,
        summary: "资金概况：方案状态、M1/M2、建设与拨付进度（E4）、风险提示",
        params: CountyParams,
        querystring: AsOfQuery,
      },
      config: { access: "region" },
    },
    async (request) => {
      const snapshot = await snapshotOf(request, request.params.code);
      const asOf = request.query.asOf ?? chinaDate();
      return {
        county: snapshot.county,
        ...presentFundsSummary(analyzeFunds(snapshot, asOf, languageOf(request.headers["accept-language"]))),
      };
    },
  );

  api.get(
    "/api/v1/counties/:code/funds/progress",
    {
      schema: {
        tags: TAGS,
        summary: "建设与拨付进度的月度变化（E4）",
        params: CountyParams,
        querystring: AsOfQuery,
      },
      config: { access: "region" },
    },
    async (request) => {
      const snapshot = await snapshotOf(request, request.params.code);
      return progressSeries(snapshot, request.query.asOf ?? chinaDate());
    },
  );

  api.get(
    "/api/v1/funds/overview",
    {
      schema: {
        tags: TAGS,
        summary: "各示范县资金方案状态、拨付进度与风险提示（按权限范围）",
        querystring: AsOfQuery,
      },
      config: { access: "authenticated" },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const asOf = request.query.asOf ?? chinaDate();
      const lang = languageOf(request.headers["accept-language"]);
      const counties = await db.db
        .selectFrom("demonstration_counties")
        .select("county_code")
        .orderBy("county_code")
        .execute();
      const rows = [];
      for (const { county_code } of counties) {
        if (!canRead(principal, county_code)) continue;
        const snapshot = await loadFundsSnapshot(db.db, county_code);
        if (!snapshot) continue;
        const summary = presentFundsSummary(analyzeFunds(snapshot, asOf, lang));
        rows.push({
          code: snapshot.county.code,
          name: snapshot.county.name,
          planStatus: summary.plan?.status ?? null,
          planVersion: summary.plan?.version ?? null,
          planFiledOn: summary.planFiledOn,
          planApprovedOn: summary.planApprovedOn,
          deadlineM1: summary.deadlines.m1.status,
          deadlineM2: summary.deadlines.m2.status,
          contractedFen: summary.contractedFen,
          paidFen: summary.progress.paidFen,
          disbursementBp: summary.progress.disbursementBp,
          constructionBp: summary.progress.constructionBp,
          isAtRisk: summary.progress.isAtRisk,
          redFlags: summary.redFlags,
          unapprovedChanges: summary.unapprovedChanges.length,
          paymentProblems: summary.paymentProblems.length,
        });
      }
      return { asOf, counties: rows };
    },
  );
}
