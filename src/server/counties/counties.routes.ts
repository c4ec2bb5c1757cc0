/** Demonstration counties: the public list and detail, and each county's village-level units. */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireRead } from "../platform/auth/http-auth";
import type { Db } from "../platform/db/database";
import { notFound } from "../platform/http/errors";
import { listCounties, listTownships, listVillages } from "./counties.repository";
import {
  CountyCodeParams,
  CountyDetailResponse,
  CountySummaryResponse,
  VillageListQuery,
  VillageListResponse,
} from "./counties.schema";

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
    async () => listCounties(db.db),
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
      return { ...county, townshipList: await listTownships(db.db, county.code) };
    },
  );

  api.get(
    "/api/v1/counties/:code/villages",
    {
      schema: {
        tags: ["counties"],
        summary: "县内村级单位（分页、检索）",
        params: CountyCodeParams,
        querystring: VillageListQuery,
        response: { 200: VillageListResponse },
      },
      config: { access: "region" },
    },
    async (request) => {
      requireRead(request, request.params.code);
      const [county] = await listCounties(db.db, request.params.code);
      if (!county) throw noCounty;
      return listVillages(db.db, { countyCode: request.params.code, ...request.query });
    },
  );
}
