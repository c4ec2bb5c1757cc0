/** Demonstration counties: the public list and detail. */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { countPoorVillages } from "../network/villages.repository";
import type { Db } from "../platform/db/database";
import { notFound } from "../platform/http/errors";
import { listCounties, listTownships } from "./counties.repository";
import { CountyCodeParams, CountyDetailResponse, CountySummaryResponse } from "./counties.schema";

const noCounty = notFound({ zh: "该示范县", en: "Demonstration county" });

export async function countiesRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

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
    async () => {
      const poor = await countPoorVillages(db.db);
      return (await listCounties(db.db)).map((c) => ({ ...c, poorVillages: poor.get(c.code) ?? 0 }));
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
