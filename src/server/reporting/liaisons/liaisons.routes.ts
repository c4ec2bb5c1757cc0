/** Liaison lists (信息联络员, R4, M3): the county keeps its list of liaisons and files it. */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { liaisonFiling, liaisonListProblems } from "../../../rules/reporting";
import { requireRead } from "../../platform/auth/http-auth";
import type { RouteContext } from "../../platform/domain";
import { actorOf } from "../../platform/http/request-context";
import { countyOr404 } from "../../platform/regions/demonstration-county";
import { chinaDate } from "../../platform/time/china-time";
import { deleteLiaison } from "../liaisons/delete-liaison";
import { fileLiaisonList } from "../liaisons/file-liaison-list";
import { getLiaisonFiling, knownContractors, listLiaisons } from "../liaisons/liaisons.repository";
import { saveLiaison } from "../liaisons/save-liaison";
import {
  AsOfQuery,
  CountyIdParams,
  CountyParams,
  FileLiaisonsRequest,
  LiaisonCreateRequest,
  LiaisonListResponse,
  LiaisonResponse,
  LiaisonUpdateRequest,
} from "../reporting.schema";
import { loadReportingSettings } from "../settings/reporting-settings.repository";

export async function liaisonRoutes(app: FastifyInstance, { db }: RouteContext): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const ensureCounty = (code: string) => countyOr404(db.db, code);

  // --- liaisons (信息联络员, R4, M3) -------------------------------------------------------------

  api.get(
    "/api/v1/counties/:code/liaisons",
    {
      schema: {
        tags: ["reporting"],
        summary: "信息联络员名单及报送情况（R4、M3）",
        params: CountyParams,
        querystring: AsOfQuery,
        response: { 200: LiaisonListResponse },
      },
      config: { access: "region" },
    },
    async (request) => {
      requireRead(request, request.params.code);
      const code = request.params.code;
      await ensureCounty(code);
      const { reporting: settings } = await loadReportingSettings(db.db);
      const liaisons = await listLiaisons(db.db, code);
      const contractors = await knownContractors(db.db, code);
      const filing = await getLiaisonFiling(db.db, code);
      const asOf = request.query.asOf ?? chinaDate();
      return {
        countyCode: code,
        liaisons,
        contractors,
        problems: liaisonListProblems(
          liaisons.map((l) => ({
            role: l.role,
            name: l.name,
            phone: l.phone,
            organizationName: l.organizationName,
          })),
          contractors.map((c) => c.name),
        ),
        filing: {
          filedOn: filing?.filedOn ?? null,
          filedAt: filing?.filedAt ?? null,
          ...liaisonFiling(filing?.filedOn ?? null, asOf, settings),
          deadline: settings.liaisonDeadline,
        },
      };
    },
  );

  api.post(
    "/api/v1/counties/:code/liaisons",
    {
      schema: {
        tags: ["reporting"],
        summary: "新增信息联络员（主管部门1名、每个承办企业1名）",
        params: CountyParams,
        body: LiaisonCreateRequest,
        response: { 201: LiaisonResponse },
      },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      await ensureCounty(request.params.code);
      const liaison = await saveLiaison({
        db: db.db,
        actor: actorOf(request),
        countyCode: request.params.code,
        input: request.body,
      });
      return reply.status(201).send(liaison);
    },
  );

  api.put(
    "/api/v1/counties/:code/liaisons/:id",
    {
      schema: {
        tags: ["reporting"],
        summary: "修改信息联络员",
        params: CountyIdParams,
        body: LiaisonUpdateRequest,
        response: { 200: LiaisonResponse },
      },
      config: { access: "county_admin" },
    },
    async (request) =>
      saveLiaison({
        db: db.db,
        actor: actorOf(request),
        countyCode: request.params.code,
        id: request.params.id,
        input: request.body,
      }),
  );

  api.delete(
    "/api/v1/counties/:code/liaisons/:id",
    {
      schema: { tags: ["reporting"], summary: "删除信息联络员", params: CountyIdParams },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      await deleteLiaison({
        db: db.db,
        actor: actorOf(request),
        countyCode: request.params.code,
        id: request.params.id,
      });
      return reply.status(204).send();
    },
  );

  api.post(
    "/api/v1/counties/:code/liaisons/filing",
    {
      schema: {
        tags: ["reporting"],
        summary: "向省商务厅报送联络员名单（M3：12月31日前）",
        params: CountyParams,
        body: FileLiaisonsRequest,
      },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      await ensureCounty(request.params.code);
      return reply
        .status(201)
        .send(await fileLiaisonList({ db: db.db, actor: actorOf(request), countyCode: request.params.code }));
    },
  );
}
