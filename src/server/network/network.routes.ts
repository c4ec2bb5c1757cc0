/** Routes of the service network domain: the village registry. */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { countyExists } from "../counties/counties.repository";
import { CountyCodeParams } from "../counties/counties.schema";
import { requireRead } from "../platform/auth/http-auth";
import type { Db } from "../platform/db/database";
import { notFound } from "../platform/http/errors";
import { VillageListQuery, VillageListResponse } from "./network.schema";
import { listVillages } from "./villages.repository";

export async function networkRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/v1/counties/:code/villages",
    {
      schema: {
        tags: ["network"],
        summary: "县内村级单位（分页、检索）",
        params: CountyCodeParams,
        querystring: VillageListQuery,
        response: { 200: VillageListResponse },
      },
      config: { access: "region" },
    },
    async (request) => {
      requireRead(request, request.params.code);
      if (!(await countyExists(db.db, request.params.code))) {
        throw notFound({ zh: "该示范县", en: "Demonstration county" });
      }
      return listVillages(db.db, { countyCode: request.params.code, ...request.query });
    },
  );
}
