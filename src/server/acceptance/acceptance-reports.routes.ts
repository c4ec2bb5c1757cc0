/** The acceptance report in three forms: Word (.docx), Excel (.xlsx) and printable HTML. */
import { extname } from "node:path";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requireRead } from "../platform/auth/http-auth";
import type { RouteContext } from "../platform/domain";
import { contentDisposition } from "../platform/http/content-disposition";
import { AsOfQuery, CountyParams } from "./acceptance.schema";
import { buildAcceptanceReport } from "./acceptance-report";
import { buildAcceptanceHtml, REPORT_HTML_HEADERS } from "./acceptance-report-html";
import { buildAcceptanceWorkbook } from "./acceptance-report-xlsx";
import { loadAcceptanceReport } from "./load-acceptance-report";

const attachment = (reply: FastifyReply, type: string, fileName: string) =>
  reply
    .header("content-type", type)
    .header(
      "content-disposition",
      contentDisposition(fileName, { fallback: `acceptance-report${extname(fileName)}` }),
    );

export async function acceptanceReportRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const reportOf = (code: string, asOf?: string) =>
    loadAcceptanceReport({ db: context.db, countyFacts: context.countyFacts, countyCode: code, asOf });
  const schema = (summary: string) => ({
    tags: ["acceptance"],
    summary,
    params: CountyParams,
    querystring: AsOfQuery,
  });

  api.get(
    "/api/v1/counties/:code/acceptance-report.docx",
    { schema: schema("验收报告（Word；已签署且未指定日期时为签署版本）"), config: { access: "region" } },
    async (request, reply) => {
      requireRead(request, request.params.code);
      const input = await reportOf(request.params.code, request.query.asOf);
      attachment(
        reply,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        `${input.countyName}验收报告.docx`,
      );
      return buildAcceptanceReport(input);
    },
  );

  api.get(
    "/api/v1/counties/:code/acceptance-report.xlsx",
    { schema: schema("验收报告（Excel）"), config: { access: "region" } },
    async (request, reply) => {
      requireRead(request, request.params.code);
      const input = await reportOf(request.params.code, request.query.asOf);
      attachment(
        reply,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        `${input.countyName}验收报告.xlsx`,
      );
      return buildAcceptanceWorkbook(input);
    },
  );

  api.get(
    "/api/v1/counties/:code/acceptance-report.html",
    { schema: schema("验收报告（可打印网页）"), config: { access: "region" } },
    async (request, reply) => {
      requireRead(request, request.params.code);
      const input = await reportOf(request.params.code, request.query.asOf);
      return reply
        .headers(REPORT_HTML_HEADERS)
        .type("text/html; charset=utf-8")
        .send(buildAcceptanceHtml(input));
    },
  );
}
