/**
 * 年度指标 (rule K7) as an API resource: the county's years, the form that saves one year with its
 * source document (audited), its removal, and the .xlsx export in the workbook's own sheet format
 * (so an exported file imports back unchanged).
 */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { countyExists } from "../counties";
import { recordAudit } from "../platform/audit/audit";
import { requireAdminister, requireRead } from "../platform/auth/http-auth";
import type { RouteContext } from "../platform/domain";
import { notFound } from "../platform/http/errors";
import { fenToYuanText, rosterWorkbook, sendXlsx } from "../upward";
import { CountyParams, YearFiguresBody, YearFiguresItem, YearParams } from "./outcomes.schema";
import type { OutcomesTables } from "./outcomes.tables";
import { presentYearFigures, saveYearFigures } from "./save-year-figures";

const TAG = "outcomes";

export async function yearFiguresRoutes(app: FastifyInstance, { db }: RouteContext): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const ensureCounty = async (code: string) => {
    if (!(await countyExists(db.db, code))) throw notFound({ zh: "该示范县", en: "Demonstration county" });
  };
  const list = async (code: string) =>
    (
      await db.db
        .withTables<OutcomesTables>()
        .selectFrom("year_figures")
        .selectAll()
        .where("county_code", "=", code)
        .orderBy("year")
        .execute()
    ).map(presentYearFigures);

  api.get(
    "/api/v1/counties/:code/outcomes/years",
    {
      schema: {
        tags: [TAG],
        summary: "年度指标：电子商务交易额、农村及农产品网络零售额、带动就业（K7）",
        params: CountyParams,
        response: { 200: z.object({ items: z.array(YearFiguresItem) }) },
      },
      config: { access: "region" },
    },
    async (request) => {
      requireRead(request, request.params.code);
      await ensureCounty(request.params.code);
      return { items: await list(request.params.code) };
    },
  );

  api.get(
    "/api/v1/counties/:code/outcomes/years.xlsx",
    {
      schema: { tags: [TAG], summary: "导出年度指标（工作簿「年度指标」表格式）", params: CountyParams },
      config: { access: "region" },
    },
    async (request, reply) => {
      requireRead(request, request.params.code);
      await ensureCounty(request.params.code);
      const items = await list(request.params.code);
      const file = await rosterWorkbook(
        "年度指标",
        [
          { header: "年份", value: (i) => i.year },
          { header: "电子商务交易额(元)", value: (i) => fenToYuanText(i.transactionsFen), width: 20 },
          { header: "农村网络零售额(元)", value: (i) => fenToYuanText(i.ruralRetailFen), width: 20 },
          { header: "农产品网络零售额(元)", value: (i) => fenToYuanText(i.agriRetailFen), width: 20 },
          { header: "带动就业(人)", value: (i) => i.jobs },
          { header: "来源文件", value: (i) => i.sourceDocument, width: 40 },
          { header: "演示数据", value: (i) => (i.isDemo ? "是" : "否") },
        ],
        items,
      );
      return sendXlsx(reply, `${request.params.code}-年度指标.xlsx`, file);
    },
  );

  api.put(
    "/api/v1/counties/:code/outcomes/years/:year",
    {
      schema: {
        tags: [TAG],
        summary: "填报一年的年度指标（附来源文件）",
        params: YearParams,
        body: YearFiguresBody,
        response: { 200: YearFiguresItem },
      },
      config: { access: "county_admin" },
    },
    async (request) => {
      const principal = requireAdminister(request, request.params.code);
      const { code, year } = request.params;
      await ensureCounty(code);
      const figures = { year, ...request.body };
      await db.db
        .transaction()
        .execute((trx) =>
          saveYearFigures(trx, code, [figures], { id: principal.id, name: principal.username }),
        );
      return { ...figures, isDemo: false };
    },
  );

  api.delete(
    "/api/v1/counties/:code/outcomes/years/:year",
    {
      schema: { tags: [TAG], summary: "删除一年的年度指标", params: YearParams },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      const principal = requireAdminister(request, request.params.code);
      const { code, year } = request.params;
      await db.db.transaction().execute(async (trx) => {
        const t = trx.withTables<OutcomesTables>();
        const before = await t
          .selectFrom("year_figures")
          .selectAll()
          .where("county_code", "=", code)
          .where("year", "=", year)
          .executeTakeFirst();
        if (!before) throw notFound({ zh: `${year}年的年度指标`, en: `Figures of ${year}` });
        await t.deleteFrom("year_figures").where("id", "=", before.id).execute();
        await recordAudit(
          trx,
          { id: principal.id, name: principal.username },
          {
            action: "year_figures.deleted",
            entity: "year_figures",
            entityId: `${code}:${year}`,
            countyCode: code,
            before: presentYearFigures(before),
          },
        );
      });
      return reply.status(204).send();
    },
  );
}
