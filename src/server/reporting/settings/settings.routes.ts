/** The province's side of reporting: the dashboard, entry exceptions and the settings. */
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requirePrincipal, requireRead } from "../../platform/auth/http-auth";
import { canRead } from "../../platform/auth/roles";
import type { RouteContext } from "../../platform/domain";
import { actorOf } from "../../platform/http/request-context";
import { countyOr404 } from "../../platform/regions/demonstration-county";
import { chinaDate } from "../../platform/time/china-time";
import { sendXlsx } from "../../platform/workbook/table-export";
import {
  CountyIdParams,
  CountyParams,
  ExceptionRequest,
  ExceptionResponse,
  OverviewQuery,
  OverviewResponse,
  SettingsRequest,
  SettingsResponse,
} from "../reporting.schema";
import { reportingDb } from "../reporting-db";
import { grantEntryException, revokeEntryException } from "../settings/grant-entry-exception";
import { overviewWorkbook } from "../settings/overview-workbook";
import { reportingOverview } from "../settings/reporting-overview";
import { loadReportingSettings } from "../settings/reporting-settings.repository";
import { saveReportingSettings } from "../settings/save-reporting-settings";

export async function reportingSettingsRoutes(app: FastifyInstance, { db }: RouteContext): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const ensureCounty = (code: string) => countyOr404(db.db, code);

  // --- province: dashboard, exceptions, settings, deliveries ----------------------------------------

  /** The counties the caller reads × the months of a year (default: the latest year reports are owed for). */
  const overviewOf = async (request: FastifyRequest, query: { asOf?: string; year?: number }) => {
    const principal = requirePrincipal(request);
    const asOf = query.asOf ?? chinaDate();
    const counties = (
      await db.db
        .selectFrom("demonstration_counties")
        .select(["county_code", "name"])
        .orderBy("county_code")
        .execute()
    )
      .filter((c) => canRead(principal, c.county_code))
      .map((c) => ({ code: c.county_code, name: c.name }));
    // The program's reporting ends with lastMonth.
    const { reporting: settings } = await loadReportingSettings(db.db);
    const lastYear = settings.lastMonth ? Number(settings.lastMonth.slice(0, 4)) : Number.POSITIVE_INFINITY;
    const year = query.year ?? Math.min(Number(asOf.slice(0, 4)), lastYear);
    return reportingOverview(db.db, counties, year, asOf);
  };

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
    async (request) => overviewOf(request, request.query),
  );

  api.get(
    "/api/v1/reporting/overview.xlsx",
    {
      schema: { tags: ["reporting"], summary: "报送完整率与及时率汇总（Excel）", querystring: OverviewQuery },
      config: { access: "authenticated" },
    },
    async (request, reply) => {
      const data = await overviewOf(request, request.query);
      const content = await overviewWorkbook(data);
      return sendXlsx(
        reply,
        `${data.year}年信息报送汇总（截至${data.asOf}）.xlsx`,
        `reporting-overview-${data.year}.xlsx`,
        content,
      );
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
}
