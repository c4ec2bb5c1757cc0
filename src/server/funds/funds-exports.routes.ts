/** Exports of a county's funds: OCDS 1.1.5 release package (T3), the dedicated ledger (专账, F8). */
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requireRead } from "../platform/auth/http-auth";
import type { RouteContext } from "../platform/domain";
import { languageOf, notFound } from "../platform/http/errors";
import { chinaDate, chinaTimestamp } from "../platform/time/china-time";
import { listTerminations } from "../procedure";
import { analyzeFunds } from "./analyze-funds";
import { buildLedgerWorkbook } from "./export-ledger";
import {
  buildOcdsReleasePackage,
  OCDS_EXTENSION_PATH,
  ocdsExtensionMetadata,
  ocdsExtensionReleaseSchema,
} from "./export-ocds";
import { AsOfQuery, CountyParams } from "./funds.schema";
import { loadFundsSnapshot } from "./funds-snapshot.repository";

export async function fundsExportsRoutes(app: FastifyInstance, { db }: RouteContext): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const load = async (request: FastifyRequest, code: string, asOf?: string) => {
    requireRead(request, code);
    const snapshot = await loadFundsSnapshot(db.db, code);
    if (!snapshot) throw notFound({ zh: "该示范县", en: "Demonstration county" });
    return {
      snapshot,
      analysis: analyzeFunds(snapshot, asOf ?? chinaDate(), languageOf(request.headers["accept-language"])),
    };
  };

  api.get(
    "/api/v1/counties/:code/ocds",
    {
      schema: {
        tags: ["procurement"],
        summary: "开放合同数据标准（OCDS 1.1.5）发布包：每个采购过程一个 ocid",
        params: CountyParams,
        querystring: AsOfQuery,
      },
      // A bulk export of the county's procurement: audited like a download.
      config: { access: "region", auditExport: true },
    },
    async (request, reply) => {
      const { snapshot, analysis } = await load(request, request.params.code, request.query.asOf);
      reply.header("content-type", "application/json; charset=utf-8");
      return buildOcdsReleasePackage({
        snapshot,
        analysis,
        baseUrl: `${request.protocol}://${request.host}`,
        publishedDate: chinaTimestamp(),
        terminations: await listTerminations(db.db, request.params.code),
      });
    },
  );

  api.get(
    `${OCDS_EXTENSION_PATH}/extension.json`,
    { schema: { tags: ["procurement"], summary: "OCDS 本地扩展说明" }, config: { access: "public" } },
    async () => ocdsExtensionMetadata(),
  );

  api.get(
    `${OCDS_EXTENSION_PATH}/release-schema.json`,
    {
      schema: { tags: ["procurement"], summary: "OCDS 本地扩展的发布模式补丁" },
      config: { access: "public" },
    },
    async () => ocdsExtensionReleaseSchema(),
  );

  api.get(
    "/api/v1/counties/:code/funds/ledger.xlsx",
    {
      schema: { tags: ["funds"], summary: "专账导出（.xlsx）", params: CountyParams, querystring: AsOfQuery },
      config: { access: "region" },
    },
    async (request, reply) => {
      const { snapshot, analysis } = await load(request, request.params.code, request.query.asOf);
      reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header(
          "content-disposition",
          `attachment; filename*=UTF-8''${encodeURIComponent(`${snapshot.county.name}专账.xlsx`)}`,
        );
      return buildLedgerWorkbook(snapshot, analysis);
    },
  );
}
