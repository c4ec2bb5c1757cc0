/**
 * Routes of the data-quality flags (数据质量问题, E5 evidence): a county's flags, the flags of the
 * counties a province or city account sees, one flag with the rows behind it, and a county
 * administrator's written resolution. Flags are brought up to date before they are listed.
 */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { DataQualityKind } from "../../rules/operations-quality";
import { CountyCodeParams, countyExists, readableCounties } from "../counties";
import { requireAdminister, requirePrincipal, requireRead } from "../platform/auth/http-auth";
import type { RouteContext } from "../platform/domain";
import { AppError, forbidden, notFound } from "../platform/http/errors";
import { type DataQualityFlag, findFlag, flagEvidence, flagOf, listFlags } from "./data-quality.repository";
import {
  DataQualityFlagDetailResponse,
  DataQualityFlagListResponse,
  DataQualityFlagParams,
  DataQualityFlagsQuery,
  ProvinceDataQualityFlagsQuery,
  ResolveDataQualityFlagRequest,
} from "./data-quality.schema";
import { refreshDataQualityFlags } from "./refresh-data-quality-flags";
import { resolveDataQualityFlag } from "./resolve-data-quality-flag";

type Filter = { status?: "open" | "resolved"; kind?: string };

function present(all: DataQualityFlag[], filter: Filter) {
  return {
    items: all.filter(
      (f) => (!filter.status || f.status === filter.status) && (!filter.kind || f.kind === filter.kind),
    ),
    counts: {
      open: all.filter((f) => f.status === "open").length,
      resolved: all.filter((f) => f.status === "resolved").length,
    },
  };
}

export async function dataQualityRoutes(app: FastifyInstance, { db }: RouteContext): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/v1/counties/:code/data-quality-flags",
    {
      schema: {
        tags: ["operations"],
        summary: "数据质量问题（营业时间外集中下单、连续相同金额、月单量跃升、运单号重复、签收早于发出）",
        params: CountyCodeParams,
        querystring: DataQualityFlagsQuery,
        response: { 200: DataQualityFlagListResponse },
      },
      config: { access: "region" },
    },
    async (request) => {
      const { code } = request.params;
      requireRead(request, code);
      if (!(await countyExists(db.db, code))) throw notFound({ zh: "该示范县", en: "Demonstration county" });
      await refreshDataQualityFlags({ db, countyCode: code });
      const kind = request.query.kind as DataQualityKind | undefined;
      return present(await listFlags(db.db, { countyCodes: [code], kind }), request.query);
    },
  );

  api.get(
    "/api/v1/operations/data-quality-flags",
    {
      schema: {
        tags: ["operations"],
        summary: "调用者可见各县的数据质量问题",
        querystring: ProvinceDataQualityFlagsQuery,
        response: { 200: DataQualityFlagListResponse },
      },
      config: { access: "region" },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const counties = (await readableCounties(db.db, principal)).filter(
        (c) => !request.query.county || c.code === request.query.county,
      );
      if (counties.length === 0) throw forbidden();
      for (const c of counties) await refreshDataQualityFlags({ db, countyCode: c.code });
      const names = new Map(counties.map((c) => [c.code, c.name]));
      const kind = request.query.kind as DataQualityKind | undefined;
      const all = await listFlags(db.db, { countyCodes: counties.map((c) => c.code), kind });
      const result = present(all, request.query);
      return { ...result, items: result.items.map((f) => ({ ...f, countyName: names.get(f.countyCode) })) };
    },
  );

  api.get(
    "/api/v1/counties/:code/data-quality-flags/:id",
    {
      schema: {
        tags: ["operations"],
        summary: "一个数据质量问题及其所依据的原始记录",
        params: DataQualityFlagParams,
        response: { 200: DataQualityFlagDetailResponse },
      },
      config: { access: "region" },
    },
    async (request) => {
      const { code, id } = request.params;
      requireRead(request, code);
      const row = await findFlag(db.db, code, id);
      if (!row) throw notFound({ zh: "该数据质量问题", en: "Data-quality flag" });
      return { ...flagOf(row), evidence: await flagEvidence(db.db, row) };
    },
  );

  api.post(
    "/api/v1/counties/:code/data-quality-flags/:id/resolve",
    {
      schema: {
        tags: ["operations"],
        summary: "县级管理员填写核实说明并关闭数据质量问题（记入审计日志）",
        params: DataQualityFlagParams,
        body: ResolveDataQualityFlagRequest,
        response: { 200: DataQualityFlagDetailResponse.omit({ evidence: true }) },
      },
      config: { access: "county_admin" },
    },
    async (request) => {
      const { code, id } = request.params;
      const principal = requireAdminister(request, code);
      // The county answers for its own data; the province reviews the answer, it does not give it.
      if (principal.role !== "county_admin") {
        throw new AppError(403, "forbidden", {
          zh: "数据质量问题须由本县县级管理员核实说明",
          en: "Only the county's administrator may resolve its data-quality flags",
        });
      }
      return resolveDataQualityFlag({
        db,
        actor: { id: principal.id, name: principal.username },
        countyCode: code,
        id,
        reason: request.body.reason,
      });
    },
  );
}
