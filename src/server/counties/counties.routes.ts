/** Demonstration counties: the public list and detail. */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { countPoorVillages } from "../network";
import type { Db } from "../platform/db/database";
import { notFound } from "../platform/http/errors";
import { chinaDate } from "../platform/time/china-time";
import { sendXlsx, tableWorkbook } from "../platform/workbook/table-export";
import { listCounties, listTownships } from "./counties.repository";
import { CountyCodeParams, CountyDetailResponse, CountySummaryResponse } from "./counties.schema";

const COUNTY_STATUS_ZH: Record<string, string> = {
  selected: "已入选",
  implementing: "实施中",
  accepted: "已验收",
  failed: "未通过",
};

const noCounty = notFound({ zh: "该示范县", en: "Demonstration county" });

export async function countiesRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const summaries = async () => {
    const poor = await countPoorVillages(db.db);
    return (await listCounties(db.db)).map((c) => ({ ...c, poorVillages: poor.get(c.code) ?? 0 }));
  };

  // The list of demonstration counties and their subsidy is public information (rule T1).
  api.get(
    "/api/v1/counties",
    {
      schema: {
        tags: ["counties"],
        summary: "示范县列表",
        response: { 200: z.array(CountySummaryResponse) },
      },
      config: { access: "public" },
    },
    async () => summaries(),
  );

  api.get(
    "/api/v1/counties.xlsx",
    {
      schema: { tags: ["counties"], summary: "示范县总览（Excel）" },
      config: { access: "public" },
    },
    async (_request, reply) => {
      const rows = await summaries();
      type Row = (typeof rows)[number];
      const today = chinaDate();
      const content = await tableWorkbook([
        {
          name: "示范县总览",
          title: `电子商务进农村综合示范县总览（${today}）`,
          rows,
          columns: [
            { header: "示范县", value: (r: Row) => r.name, width: 12 },
            { header: "所属市", value: (r: Row) => r.cityName, width: 10 },
            { header: "县级代码", value: (r: Row) => r.code, width: 10 },
            { header: "批次(年)", value: (r: Row) => r.batch },
            { header: "中央财政资金(元)", value: (r: Row) => r.subsidyFen, format: "fen", width: 18 },
            { header: "状态", value: (r: Row) => COUNTY_STATUS_ZH[r.status] ?? r.status },
            { header: "乡镇(个)", value: (r: Row) => r.townships, format: "count" },
            { header: "行政村(个)", value: (r: Row) => r.villages, format: "count" },
            { header: "居委会(个)", value: (r: Row) => r.residentsCommittees, format: "count" },
            { header: "建档立卡贫困村(个)", value: (r: Row) => r.poorVillages, format: "count" },
          ],
        },
      ]);
      return sendXlsx(reply, `示范县总览（${today}）.xlsx`, `counties-${today}.xlsx`, content);
    },
  );

  api.get(
    "/api/v1/counties/:code",
    {
      schema: {
        tags: ["counties"],
        summary: "示范县详情",
        params: CountyCodeParams,
        response: { 200: CountyDetailResponse },
      },
      config: { access: "public" },
    },
    async (request) => {
      const [county] = await listCounties(db.db, request.params.code);
      if (!county) throw noCounty;
      const poor = await countPoorVillages(db.db, county.code);
      return {
        ...county,
        poorVillages: poor.get(county.code) ?? 0,
        townshipList: await listTownships(db.db, county.code),
      };
    },
  );
}
