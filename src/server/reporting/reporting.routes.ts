/**
 * Routes of information reporting (R2–R4, M3): liaison lists and their filing, monthly and annual
 * reports through their approval chain, exports for the ministry system, generated daily reports,
 * the county status and province dashboard, entry exceptions, settings and the delivery log.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { RuleInputError } from "../../rules/calendar";
import { liaisonFiling, liaisonListProblems, type MonthlyReportContent } from "../../rules/reporting";
import { countyExists } from "../counties/counties.repository";
import { requirePrincipal, requireRead, requireRole } from "../platform/auth/http-auth";
import { canRead } from "../platform/auth/roles";
import type { RouteContext } from "../platform/domain";
import { contentDisposition } from "../platform/http/content-disposition";
import { badRequest, forbidden, languageOf, notFound } from "../platform/http/errors";
import { chinaDate, chinaTimestamp } from "../platform/time/china-time";
import { createReport } from "./create-report";
import { deleteLiaison } from "./delete-liaison";
import { DeliveryWorker } from "./delivery-worker";
import { fileLiaisonList } from "./file-liaison-list";
import { grantEntryException, revokeEntryException } from "./grant-entry-exception";
import { countyName, getLiaisonFiling, knownContractors, listLiaisons } from "./liaisons.repository";
import { reassembleAnnualReport } from "./reassemble-annual-report";
import { assertMayReadReporter, ownReporterKey } from "./report-access";
import { getReportDetail } from "./report-detail";
import { type ReportEnvelope, reportEnvelope, reportFileName, reportWorkbook } from "./report-export";
import { sinkFromEnvironment } from "./report-sink-config";
import {
  AsOfQuery,
  CountyIdParams,
  CountyParams,
  DailyQuery,
  DailyReportResponse,
  DailyRowsRequest,
  DeliveryResponse,
  ExceptionRequest,
  ExceptionResponse,
  FileLiaisonsRequest,
  IdParams,
  LiaisonCreateRequest,
  LiaisonListResponse,
  LiaisonResponse,
  LiaisonUpdateRequest,
  OverviewQuery,
  OverviewResponse,
  ReportCreateRequest,
  ReportDetailResponse,
  ReportingStatusResponse,
  ReportListQuery,
  ReportResponse,
  ReportReviewRequest,
  ReportSaveRequest,
  ReportVersionRequest,
  RetryRequest,
  SettingsRequest,
  SettingsResponse,
  SubmitResponse,
} from "./reporting.schema";
import { reportingDb } from "./reporting-db";
import { reportingOverview } from "./reporting-overview";
import { loadReportingSettings } from "./reporting-settings.repository";
import { countyReportingStatus } from "./reporting-status";
import { getReportRow, listReportRows, reportRecord } from "./reports.repository";
import { retryReportDelivery } from "./retry-report-delivery";
import { type ReviewDecision, reviewReport } from "./review-report";
import { saveLiaison } from "./save-liaison";
import { saveReportContent } from "./save-report-content";
import { saveReportingSettings } from "./save-reporting-settings";
import { storeDailyReports } from "./store-daily-reports";
import { submitReport } from "./submit-report";

const actorOf = (request: FastifyRequest) => {
  const p = requirePrincipal(request);
  return { id: p.id, name: p.username };
};

const noCounty = () => notFound({ zh: "该示范县", en: "Demonstration county" });

export async function reportingRoutes(app: FastifyInstance, { db }: RouteContext): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const ensureCounty = async (code: string) => {
    if (!(await countyExists(db.db, code))) throw noCounty();
  };
  const sink = sinkFromEnvironment();
  const worker = sink ? new DeliveryWorker(db.db, sink, app.log) : null;
  if (worker) {
    app.addHook("onReady", async () => worker.start());
    app.addHook("onClose", async () => worker.stop());
  }
  const lang = (request: FastifyRequest) => languageOf(request.headers["accept-language"]);

  // --- liaisons (信息联络员, R4, M3) -------------------------------------------------------------

  api.get(
    "/api/v1/counties/:code/liaisons",
    {
      schema: {
        tags: ["reporting"],
        summary: "信息联络员名单及报送情况（R4、M3）",
        params: CountyParams,
        querystring: AsOfQuery,
        response: { 200: LiaisonListResponse },
      },
      config: { access: "region" },
    },
    async (request) => {
      requireRead(request, request.params.code);
      const code = request.params.code;
      await ensureCounty(code);
      const { reporting: settings } = await loadReportingSettings(db.db);
      const liaisons = await listLiaisons(db.db, code);
      const contractors = await knownContractors(db.db, code);
      const filing = await getLiaisonFiling(db.db, code);
      const asOf = request.query.asOf ?? chinaDate();
      return {
        countyCode: code,
        liaisons,
        contractors,
        problems: liaisonListProblems(
          liaisons.map((l) => ({
            role: l.role,
            name: l.name,
            phone: l.phone,
            organizationName: l.organizationName,
          })),
          contractors.map((c) => c.name),
        ),
        filing: {
          filedOn: filing?.filedOn ?? null,
          filedAt: filing?.filedAt ?? null,
          ...liaisonFiling(filing?.filedOn ?? null, asOf, settings),
          deadline: settings.liaisonDeadline,
        },
      };
    },
  );

  api.post(
    "/api/v1/counties/:code/liaisons",
    {
      schema: {
        tags: ["reporting"],
        summary: "新增信息联络员（主管部门1名、每个承办企业1名）",
        params: CountyParams,
        body: LiaisonCreateRequest,
        response: { 201: LiaisonResponse },
      },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      await ensureCounty(request.params.code);
      const liaison = await saveLiaison({
        db: db.db,
        actor: actorOf(request),
        countyCode: request.params.code,
        input: request.body,
      });
      return reply.status(201).send(liaison);
    },
  );

  api.put(
    "/api/v1/counties/:code/liaisons/:id",
    {
      schema: {
        tags: ["reporting"],
        summary: "修改信息联络员",
        params: CountyIdParams,
        body: LiaisonUpdateRequest,
        response: { 200: LiaisonResponse },
      },
      config: { access: "county_admin" },
    },
    async (request) =>
      saveLiaison({
        db: db.db,
        actor: actorOf(request),
        countyCode: request.params.code,
        id: request.params.id,
        input: request.body,
      }),
  );

  api.delete(
    "/api/v1/counties/:code/liaisons/:id",
    {
      schema: { tags: ["reporting"], summary: "删除信息联络员", params: CountyIdParams },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      await deleteLiaison({
        db: db.db,
        actor: actorOf(request),
        countyCode: request.params.code,
        id: request.params.id,
      });
      return reply.status(204).send();
    },
  );

  api.post(
    "/api/v1/counties/:code/liaisons/filing",
    {
      schema: {
        tags: ["reporting"],
        summary: "向省商务厅报送联络员名单（M3：12月31日前）",
        params: CountyParams,
        body: FileLiaisonsRequest,
      },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      await ensureCounty(request.params.code);
      return reply
        .status(201)
        .send(await fileLiaisonList({ db: db.db, actor: actorOf(request), countyCode: request.params.code }));
    },
  );

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
      if (result.report.status === "approved") worker?.kick();
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
        if (report.status === "approved") worker?.kick();
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

  const reportDisposition = (envelope: ReportEnvelope, ext: "json" | "xlsx") => {
    const { name, fallback } = reportFileName(envelope, ext);
    return contentDisposition(name, { fallback });
  };

  const exportOf = async (request: FastifyRequest, code: string, id: string) => {
    const principal = requireRead(request, code);
    const row = await getReportRow(db.db, code, id);
    if (!row) throw notFound({ zh: "该报告", en: "Report" });
    await assertMayReadReporter(db.db, principal, row.reporter_key);
    return reportEnvelope(reportRecord(row), await countyName(db.db, code), chinaTimestamp());
  };

  api.get(
    "/api/v1/counties/:code/reports/:id/export.json",
    {
      schema: {
        tags: ["reporting"],
        summary: "导出报告（部系统 JSON，见 ministry-report.schema.json）",
        params: CountyIdParams,
      },
      config: { access: "region" },
    },
    async (request, reply) => {
      const envelope = await exportOf(request, request.params.code, request.params.id);
      return reply
        .header("content-disposition", reportDisposition(envelope, "json"))
        .type("application/json; charset=utf-8")
        .send(JSON.stringify(envelope, null, 2));
    },
  );

  api.get(
    "/api/v1/counties/:code/reports/:id/export.xlsx",
    {
      schema: { tags: ["reporting"], summary: "导出报告（Excel）", params: CountyIdParams },
      config: { access: "region" },
    },
    async (request, reply) => {
      const envelope = await exportOf(request, request.params.code, request.params.id);
      return reply
        .header("content-disposition", reportDisposition(envelope, "xlsx"))
        .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .send(await reportWorkbook(envelope));
    },
  );

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

  // --- province: dashboard, exceptions, settings, deliveries ----------------------------------------

  api.get(
    "/api/v1/reporting/overview",
    {
      schema: {
        tags: ["reporting"],
        summary: "报送完整率、及时率（示范县 × 月份）及联络员名单报送情况",
        querystring: OverviewQuery,
        response: { 200: OverviewResponse },
      },
      config: { access: "authenticated" },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const asOf = request.query.asOf ?? chinaDate();
      const counties = (
        await db.db
          .selectFrom("demonstration_counties")
          .select(["county_code", "name"])
          .orderBy("county_code")
          .execute()
      )
        .filter((c) => canRead(principal, c.county_code))
        .map((c) => ({ code: c.county_code, name: c.name }));
      // By default the latest year reports are owed for: the program's reporting ends with lastMonth.
      const { reporting: settings } = await loadReportingSettings(db.db);
      const lastYear = settings.lastMonth ? Number(settings.lastMonth.slice(0, 4)) : Number.POSITIVE_INFINITY;
      const year = request.query.year ?? Math.min(Number(asOf.slice(0, 4)), lastYear);
      return reportingOverview(db.db, counties, year, asOf);
    },
  );

  api.get(
    "/api/v1/counties/:code/reporting/exceptions",
    {
      schema: {
        tags: ["reporting"],
        summary: "填报截止的例外",
        params: CountyParams,
        response: { 200: ExceptionResponse.array() },
      },
      config: { access: "region" },
    },
    async (request) => {
      requireRead(request, request.params.code);
      const rows = await reportingDb(db.db)
        .selectFrom("reporting_entry_exceptions")
        .selectAll()
        .where("county_code", "=", request.params.code)
        .orderBy("created_at", "desc")
        .execute();
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        period: r.period,
        openUntil: r.open_until,
        reason: r.reason,
        grantedBy: r.granted_by,
        createdAt: r.created_at,
        revokedAt: r.revoked_at,
      }));
    },
  );

  api.post(
    "/api/v1/counties/:code/reporting/exceptions",
    {
      schema: {
        tags: ["reporting"],
        summary: "省级准予延长填报（例外）",
        params: CountyParams,
        body: ExceptionRequest,
      },
      config: { access: "province_admin" },
    },
    async (request, reply) => {
      await ensureCounty(request.params.code);
      const id = await grantEntryException({
        db: db.db,
        actor: actorOf(request),
        countyCode: request.params.code,
        ...request.body,
      });
      return reply.status(201).send({ id });
    },
  );

  api.delete(
    "/api/v1/counties/:code/reporting/exceptions/:id",
    {
      schema: { tags: ["reporting"], summary: "撤销填报例外", params: CountyIdParams },
      config: { access: "province_admin" },
    },
    async (request, reply) => {
      await revokeEntryException({
        db: db.db,
        actor: actorOf(request),
        countyCode: request.params.code,
        id: request.params.id,
      });
      return reply.status(204).send();
    },
  );

  api.get(
    "/api/v1/reporting/settings",
    {
      schema: {
        tags: ["reporting"],
        summary: "信息报送与政务公开的规则解读设置",
        response: { 200: SettingsResponse },
      },
      config: { access: "authenticated" },
    },
    async () => loadReportingSettings(db.db),
  );

  api.put(
    "/api/v1/reporting/settings",
    {
      schema: {
        tags: ["reporting"],
        summary: "修改规则解读设置（省级）",
        body: SettingsRequest,
        response: { 200: SettingsResponse },
      },
      config: { access: "province_admin" },
    },
    async (request) => saveReportingSettings({ db: db.db, actor: actorOf(request), ...request.body }),
  );

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
      worker?.kick();
      return reply.status(202).send({ status: "pending" });
    },
  );
}
