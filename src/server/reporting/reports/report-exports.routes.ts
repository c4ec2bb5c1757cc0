/** A report exported for the ministry system: the JSON envelope and the .xlsx. */
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requireRead } from "../../platform/auth/http-auth";
import type { RouteContext } from "../../platform/domain";
import { contentDisposition } from "../../platform/http/content-disposition";
import { notFound } from "../../platform/http/errors";
import { chinaTimestamp } from "../../platform/time/china-time";
import { countyName } from "../liaisons/liaisons.repository";
import { CountyIdParams } from "../reporting.schema";
import { assertMayReadReporter } from "./report-access";
import { type ReportEnvelope, reportEnvelope, reportFileName, reportWorkbook } from "./report-export";
import { getReportRow, reportRecord } from "./reports.repository";

export async function reportExportRoutes(app: FastifyInstance, { db }: RouteContext): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

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
}
