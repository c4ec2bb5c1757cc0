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
import { sendXlsx, tableWorkbook } from "../platform/workbook/table-export";
import { analyzeFunds } from "./analyze-funds";
import { AsOfQuery, CountyParams } from "./funds.schema";
import { progressSeries } from "./funds-progress-series";
import { loadFundsSnapshot } from "./funds-snapshot.repository";
import { presentFundsSummary } from "./present-procurement";

const TAGS = ["funds"];

/** M1 (filed by 2017-11-30) and M2 (tender finished by 2017-12-31) in words. */
const DEADLINE_ZH: Record<string, string> = { met: "按期完成", missed: "逾期", pending: "未到期" };
const PLAN_STATUS_ZH: Record<string, string> = {
  draft: "草稿",
  notice: "公示中",
  filed: "已报省",
  approved: "已批准",
  rejected: "已退回",
  superseded: "已取代",
};

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

  /** Every county within the caller's reach, as the province's table shows it. */
  const overviewOf = async (request: FastifyRequest, asOf: string) => {
    const principal = requirePrincipal(request);
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
  };

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
    async (request) => overviewOf(request, request.query.asOf ?? chinaDate()),
  );

  api.get(
    "/api/v1/funds/overview.xlsx",
    {
      schema: { tags: TAGS, summary: "各示范县资金与采购汇总（Excel）", querystring: AsOfQuery },
      config: { access: "authenticated" },
    },
    async (request, reply) => {
      const { asOf, counties } = await overviewOf(request, request.query.asOf ?? chinaDate());
      type Row = (typeof counties)[number];
      const deadline = (s: string) => DEADLINE_ZH[s] ?? s;
      const content = await tableWorkbook([
        {
          name: "资金与采购",
          title: `各示范县资金与采购（截至 ${asOf}）`,
          rows: counties,
          columns: [
            { header: "示范县", value: (r: Row) => r.name, width: 12 },
            { header: "县级代码", value: (r: Row) => r.code, width: 10 },
            {
              header: "资金安排",
              value: (r: Row) =>
                r.planStatus ? `第${r.planVersion}版 ${PLAN_STATUS_ZH[r.planStatus] ?? r.planStatus}` : "",
              width: 14,
            },
            { header: "报省备案日期", value: (r: Row) => r.planFiledOn ?? "", width: 14 },
            { header: "按期报省备案", value: (r: Row) => deadline(r.deadlineM1), width: 14 },
            { header: "按期完成招标", value: (r: Row) => deadline(r.deadlineM2), width: 14 },
            { header: "合同金额(元)", value: (r: Row) => r.contractedFen, format: "fen", width: 16 },
            { header: "已拨付(元)", value: (r: Row) => r.paidFen, format: "fen", width: 16 },
            { header: "拨付进度", value: (r: Row) => r.disbursementBp, format: "bp" },
            { header: "建设进度", value: (r: Row) => r.constructionBp, format: "bp" },
            { header: "进度风险", value: (r: Row) => (r.isAtRisk ? "有风险" : "正常") },
            { header: "风险提示(项)", value: (r: Row) => r.redFlags, format: "count" },
            { header: "未经批准的调整(项)", value: (r: Row) => r.unapprovedChanges, format: "count" },
            { header: "拨付问题(项)", value: (r: Row) => r.paymentProblems, format: "count" },
          ],
        },
      ]);
      return sendXlsx(
        reply,
        `各示范县资金与采购汇总（截至${asOf}）.xlsx`,
        `funds-overview-${asOf}.xlsx`,
        content,
      );
    },
  );
}
