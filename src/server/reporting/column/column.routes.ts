/**
 * The column editor API (T1–T4) for county administrators (and the province for its zone, region
 * 13): settings, entries, projects with the T1 fields, documents as links or uploads, the
 * completeness check (E2 evidence, seen by the county before the public sees the gap), and the
 * handling of comments and complaints (T2).
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { checkColumn } from "../../../rules/transparency";
import { countyExists } from "../../counties";
import { requireAdminister, requireRead } from "../../platform/auth/http-auth";
import type { RouteContext } from "../../platform/domain";
import { notFound } from "../../platform/http/errors";
import { actorOf } from "../../platform/http/request-context";
import { chinaDate } from "../../platform/time/china-time";
import { PROVINCE_CODE } from "../public/public.routes";
import { loadReportingSettings } from "../settings/reporting-settings.repository";
import { columnSnapshot, loadColumn } from "./column.repository";
import {
  AsOfQuery,
  ColumnResponse,
  ColumnSettingsRequest,
  CompletenessResponse,
  CountyIdParams,
  CountyParams,
  EntryRequest,
  ProjectCreateRequest,
  ProjectUpdateRequest,
  RegionIdParams,
  RegionParams,
} from "./column.schema";
import { deleteColumnItem } from "./delete-column-item";
import { saveColumnEntry } from "./save-column-entry";
import { saveColumnProject } from "./save-column-project";
import { saveColumnSettings } from "./save-column-settings";

export async function columnRoutes(app: FastifyInstance, { db }: RouteContext): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  /** A demonstration county or the province; 404 otherwise. */
  const ensureRegion = async (code: string) => {
    if (code === PROVINCE_CODE) return;
    if (code.length !== 6 || !(await countyExists(db.db, code))) {
      throw notFound({ zh: "该示范县或省级专区", en: "Demonstration county or provincial zone" });
    }
  };
  const completeness = async (code: string, asOf: string) => {
    const { transparency } = await loadReportingSettings(db.db);
    const check = checkColumn(columnSnapshot(await loadColumn(db.db, code)), asOf, transparency);
    return { regionCode: code, asOf, ...check };
  };
  /** Reads need the region; writes need to administer it (county admin, or province for its zone). */
  const reader = (request: FastifyRequest, code: string) => requireRead(request, code);
  const writer = (request: FastifyRequest, code: string) => requireAdminister(request, code);

  api.get(
    "/api/v1/columns/:code",
    {
      schema: {
        tags: ["transparency"],
        summary: "政务公开专栏（编辑视图，含完整性检查）",
        params: RegionParams,
        response: { 200: ColumnResponse },
      },
      config: { access: "region" },
    },
    async (request) => {
      reader(request, request.params.code);
      await ensureRegion(request.params.code);
      const column = await loadColumn(db.db, request.params.code);
      return {
        ...column,
        completeness: await completeness(request.params.code, chinaDate()),
        publicUrl: request.params.code === PROVINCE_CODE ? "/gk" : `/gk/${request.params.code}`,
      };
    },
  );

  api.get(
    "/api/v1/columns/:code/completeness",
    {
      schema: {
        tags: ["transparency"],
        summary: "专栏完整性检查：列出缺失的公开事项（T1–T4，E2）",
        params: RegionParams,
        querystring: AsOfQuery,
        response: { 200: CompletenessResponse },
      },
      config: { access: "region" },
    },
    async (request) => {
      reader(request, request.params.code);
      await ensureRegion(request.params.code);
      return completeness(request.params.code, request.query.asOf ?? chinaDate());
    },
  );

  api.put(
    "/api/v1/columns/:code",
    {
      schema: {
        tags: ["transparency"],
        summary: "专栏设置：监督电话、简介",
        params: RegionParams,
        body: ColumnSettingsRequest,
      },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      writer(request, request.params.code);
      await ensureRegion(request.params.code);
      await saveColumnSettings({
        db: db.db,
        actor: actorOf(request),
        regionCode: request.params.code,
        ...request.body,
      });
      return reply.status(204).send();
    },
  );

  // --- entries (实施方案、决策过程、竞争性选择办法/过程/结果) ------------------------------------

  api.post(
    "/api/v1/columns/:code/entries",
    {
      schema: { tags: ["transparency"], summary: "新增公开条目", params: RegionParams, body: EntryRequest },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      writer(request, request.params.code);
      await ensureRegion(request.params.code);
      const id = await saveColumnEntry({
        db: db.db,
        actor: actorOf(request),
        regionCode: request.params.code,
        input: request.body,
      });
      return reply.status(201).send({ id });
    },
  );

  api.put(
    "/api/v1/columns/:code/entries/:id",
    {
      schema: { tags: ["transparency"], summary: "修改公开条目", params: RegionIdParams, body: EntryRequest },
      config: { access: "county_admin" },
    },
    async (request) => {
      writer(request, request.params.code);
      const id = await saveColumnEntry({
        db: db.db,
        actor: actorOf(request),
        regionCode: request.params.code,
        id: request.params.id,
        input: request.body,
      });
      return { id };
    },
  );

  api.delete(
    "/api/v1/columns/:code/entries/:id",
    {
      schema: { tags: ["transparency"], summary: "删除公开条目", params: RegionIdParams },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      writer(request, request.params.code);
      await deleteColumnItem({
        db: db.db,
        actor: actorOf(request),
        regionCode: request.params.code,
        kind: "entry",
        id: request.params.id,
      });
      return reply.status(204).send();
    },
  );

  // --- projects (专项资金使用情况: the T1 fields) ------------------------------------------------

  api.post(
    "/api/v1/columns/:code/projects",
    {
      schema: {
        tags: ["transparency"],
        summary: "新增公开项目（T1 各项）",
        params: CountyParams,
        body: ProjectCreateRequest,
      },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      writer(request, request.params.code);
      await ensureRegion(request.params.code);
      const id = await saveColumnProject({
        db: db.db,
        actor: actorOf(request),
        countyCode: request.params.code,
        input: request.body,
      });
      return reply.status(201).send({ id });
    },
  );

  api.patch(
    "/api/v1/columns/:code/projects/:id",
    {
      schema: {
        tags: ["transparency"],
        summary: "修改公开项目（含进度）",
        params: CountyIdParams,
        body: ProjectUpdateRequest,
      },
      config: { access: "county_admin" },
    },
    async (request) => {
      writer(request, request.params.code);
      const id = await saveColumnProject({
        db: db.db,
        actor: actorOf(request),
        countyCode: request.params.code,
        id: request.params.id,
        input: request.body,
      });
      return { id };
    },
  );

  api.delete(
    "/api/v1/columns/:code/projects/:id",
    {
      schema: { tags: ["transparency"], summary: "删除公开项目", params: CountyIdParams },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      writer(request, request.params.code);
      await deleteColumnItem({
        db: db.db,
        actor: actorOf(request),
        regionCode: request.params.code,
        kind: "project",
        id: request.params.id,
      });
      return reply.status(204).send();
    },
  );
}
