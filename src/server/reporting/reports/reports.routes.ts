/** Monthly and annual reports (人工月报、年报, R2) through their approval chain, and the county status. */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { MonthlyReportContent } from "../../../rules/reporting";
import { requireRead } from "../../platform/auth/http-auth";
import type { RouteContext } from "../../platform/domain";
import { forbidden } from "../../platform/http/errors";
import { requestLanguage } from "../../platform/http/request-context";
import { countyOr404 } from "../../platform/regions/demonstration-county";
import { chinaDate } from "../../platform/time/china-time";
import { reportDelivery } from "../deliveries/report-delivery";
import {
  AsOfQuery,
  CountyIdParams,
  CountyParams,
  ReportCreateRequest,
  ReportDetailResponse,
  ReportingStatusResponse,
  ReportListQuery,
  ReportResponse,
  ReportReviewRequest,
  ReportSaveRequest,
  ReportVersionRequest,
  SubmitResponse,
} from "../reporting.schema";
import { createReport } from "../reports/create-report";
import { reassembleAnnualReport } from "../reports/reassemble-annual-report";
import { assertMayReadReporter, ownReporterKey } from "../reports/report-access";
import { getReportDetail } from "../reports/report-detail";
import { countyReportingStatus } from "../reports/reporting-status";
import { listReportRows, reportRecord } from "../reports/reports.repository";
import { type ReviewDecision, reviewReport } from "../reports/review-report";
import { saveReportContent } from "../reports/save-report-content";
import { submitReport } from "../reports/submit-report";

export async function reportRoutes(app: FastifyInstance, { db }: RouteContext): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const ensureCounty = (code: string) => countyOr404(db.db, code);
  const lang = requestLanguage;
  const delivery = reportDelivery(db.db);
  const { sink } = delivery;

  // --- reports (人工月报、年报, R2) ----------------------------------------------------------------

  api.get(
    "/api/v1/counties/:code/reporting/status",
    {
      schema: {
        tags: ["reporting"],
        summary: "本县应报、已报、按时报送情况及待报、逾期清单",
        params: CountyParams,
        querystring: AsOfQuery,
        response: { 200: ReportingStatusResponse },
      },
      config: { access: "region" },
    },
    async (request) => {
      requireRead(request, request.params.code);
      await ensureCounty(request.params.code);
      return countyReportingStatus(db.db, request.params.code, request.query.asOf ?? chinaDate());
    },
  );

  api.get(
    "/api/v1/counties/:code/reports",
    {
      schema: {
        tags: ["reporting"],
        summary: "本县月报、年报列表",
        params: CountyParams,
        querystring: ReportListQuery,
        response: { 200: ReportResponse.array() },
      },
      config: { access: "region" },
    },
    async (request) => {
      const principal = requireRead(request, request.params.code);
      const own = await ownReporterKey(db.db, principal);
      if (own && request.query.reporterKey && request.query.reporterKey !== own) throw forbidden();
      const rows = await listReportRows(db.db, {
        countyCode: request.params.code,
        kind: request.query.kind,
        reporterKey: own ?? request.query.reporterKey,
        status: request.query.status,
        periodPrefix: request.query.year,
      });
      return rows.map(reportRecord);
    },
  );

  api.post(
    "/api/v1/counties/:code/reports",
    {
      schema: {
        tags: ["reporting"],
        summary: "新建月报或年报草稿（年报由月报和日报汇总生成）",
        params: CountyParams,
        body: ReportCreateRequest,
        response: { 201: ReportResponse },
      },
      config: { access: "region" },
    },
    async (request, reply) => {
      const principal = requireRead(request, request.params.code);
      await ensureCounty(request.params.code);
      const report = await createReport({
        db: db.db,
        principal,
        countyCode: request.params.code,
        ...request.body,
      });
      return reply.status(201).send(report);
    },
  );

  api.get(
    "/api/v1/counties/:code/reports/:id",
    {
      schema: {
        tags: ["reporting"],
        summary: "报告详情（含审核记录、校验结果、填报期限）",
        params: CountyIdParams,
        response: { 200: ReportDetailResponse },
      },
      config: { access: "region" },
    },
    async (request) => {
      const principal = requireRead(request, request.params.code);
      const detail = await getReportDetail(
        db.db,
        request.params.code,
        request.params.id,
        chinaDate(),
        lang(request),
      );
      await assertMayReadReporter(db.db, principal, detail.reporterKey);
      return detail;
    },
  );

  api.put(
    "/api/v1/counties/:code/reports/:id",
    {
      schema: {
        tags: ["reporting"],
        summary: "保存报告内容（仅草稿或退回的报告）",
        params: CountyIdParams,
        body: ReportSaveRequest,
        response: { 200: ReportResponse },
      },
      config: { access: "region" },
    },
    async (request) => {
      const principal = requireRead(request, request.params.code);
      return saveReportContent({
        db: db.db,
        principal,
        countyCode: request.params.code,
        id: request.params.id,
        version: request.body.version,
        content: request.body.content as MonthlyReportContent,
      });
    },
  );

  api.post(
    "/api/v1/counties/:code/reports/:id/submit",
    {
      schema: {
        tags: ["reporting"],
        summary: "提交报告（须通过校验规则）",
        params: CountyIdParams,
        body: ReportVersionRequest,
        response: { 200: SubmitResponse },
      },
      config: { access: "region" },
    },
    async (request) => {
      const principal = requireRead(request, request.params.code);
      const result = await submitReport({
        db: db.db,
        principal,
        countyCode: request.params.code,
        id: request.params.id,
        version: request.body.version,
        lang: lang(request),
        sink,
      });
      if (result.report.status === "approved") delivery.kick();
      return {
        report: result.report,
        warnings: result.warnings.map((w) => ({
          rule: w.rule,
          path: w.path,
          message: w.message[lang(request)],
        })),
      };
    },
  );

  for (const decision of ["approve", "return", "reopen"] as const satisfies readonly ReviewDecision[]) {
    const summaries: Record<ReviewDecision, string> = {
      approve: "审核通过（县→市→省逐级）",
      return: "退回报告（须填写意见）",
      reopen: "重新打开已审核的报告（须填写意见）",
    };
    api.post(
      `/api/v1/counties/:code/reports/:id/${decision}`,
      {
        schema: {
          tags: ["reporting"],
          summary: summaries[decision],
          params: CountyIdParams,
          body: ReportReviewRequest,
          response: { 200: ReportResponse },
        },
        config: { access: "region" },
      },
      async (request) => {
        const principal = requireRead(request, request.params.code);
        const report = await reviewReport({
          db: db.db,
          principal,
          countyCode: request.params.code,
          id: request.params.id,
          version: request.body.version,
          decision,
          comment: request.body.comment,
          sink,
        });
        if (report.status === "approved") delivery.kick();
        return report;
      },
    );
  }

  api.post(
    "/api/v1/counties/:code/reports/:id/reassemble",
    {
      schema: {
        tags: ["reporting"],
        summary: "按月报和日报重新汇总年报草稿",
        params: CountyIdParams,
        body: ReportVersionRequest,
        response: { 200: ReportResponse },
      },
      config: { access: "region" },
    },
    async (request) => {
      const principal = requireRead(request, request.params.code);
      return reassembleAnnualReport({
        db: db.db,
        principal,
        countyCode: request.params.code,
        id: request.params.id,
        version: request.body.version,
      });
    },
  );
}
