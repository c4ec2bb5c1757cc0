/**
 * The column editor API (T1–T4) for county administrators (and the province for its zone, region
 * 13): settings, entries, projects with the T1 fields, documents as links or uploads, the
 * completeness check (E2 evidence, seen by the county before the public sees the gap), and the
 * handling of comments and complaints (T2).
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { checkColumn } from "../../../rules/transparency";
import { countyExists } from "../../counties/counties.repository";
import { requireAdminister, requirePrincipal, requireRead } from "../../platform/auth/http-auth";
import { canRead } from "../../platform/auth/roles";
import type { RouteContext } from "../../platform/domain";
import { badRequest, notFound } from "../../platform/http/errors";
import { chinaDate } from "../../platform/time/china-time";
import { PROVINCE_CODE } from "../public/public.routes";
import { asSeenBy, listPublicMessages } from "../public/public-messages.repository";
import { replyPublicMessage } from "../public/reply-public-message";
import { loadReportingSettings } from "../settings/reporting-settings.repository";
import { addColumnDocument } from "./add-column-document";
import { columnSnapshot, loadColumn } from "./column.repository";
import {
  AsOfQuery,
  ColumnResponse,
  ColumnSettingsRequest,
  CompletenessResponse,
  CountyIdParams,
  CountyParams,
  EntryRequest,
  LinkDocumentRequest,
  MessageListQuery,
  MessageResponse,
  ProjectCreateRequest,
  ProjectUpdateRequest,
  RegionIdParams,
  RegionParams,
  ReplyRequest,
} from "./column.schema";
import { deleteColumnDocument } from "./delete-column-document";
import { deleteColumnItem } from "./delete-column-item";
import { saveColumnEntry } from "./save-column-entry";
import { saveColumnProject } from "./save-column-project";
import { saveColumnSettings } from "./save-column-settings";

const actorOf = (request: FastifyRequest) => {
  const p = requirePrincipal(request);
  return { id: p.id, name: p.username };
};

/** The sender's contact details go only to those who handle the messages (roles.ts). */
const COMPLAINANT_FIELDS = { contactName: "complaint_handler", contactPhone: "complaint_handler" };

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

  // --- documents ---------------------------------------------------------------------------------

  api.post(
    "/api/v1/columns/:code/documents",
    {
      schema: {
        tags: ["transparency"],
        summary: "添加文件链接（政府网站，T4）",
        params: RegionParams,
        body: LinkDocumentRequest,
      },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      writer(request, request.params.code);
      const row = await addColumnDocument({
        db: db.db,
        actor: actorOf(request),
        regionCode: request.params.code,
        ...request.body,
      });
      return reply.status(201).send({ id: row.id });
    },
  );

  api.post(
    "/api/v1/columns/:code/documents/upload",
    {
      schema: {
        tags: ["transparency"],
        summary: "上传文件（multipart：ownerKind、ownerId、title、publishedOn、file）",
        params: RegionParams,
      },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      writer(request, request.params.code);
      if (!request.isMultipart()) {
        throw badRequest("multipart_required", {
          zh: "请以 multipart/form-data 上传文件",
          en: "Use multipart/form-data",
        });
      }
      const fields: Record<string, string> = {};
      let id: string | undefined;
      for await (const part of request.parts({ limits: { fileSize: 20 * 1024 * 1024, files: 1 } })) {
        if (part.type === "field") {
          fields[part.fieldname] = String(part.value).slice(0, 500);
          continue;
        }
        const ownerKind =
          fields.ownerKind === "entry" || fields.ownerKind === "project" ? fields.ownerKind : undefined;
        const title = (fields.title ?? "").trim() || part.filename;
        const publishedOn = /^\d{4}-\d{2}-\d{2}$/.test(fields.publishedOn ?? "") ? fields.publishedOn! : null;
        if (!ownerKind || !/^[0-9a-f-]{36}$/i.test(fields.ownerId ?? "")) {
          part.file.resume();
          throw badRequest("bad_owner", {
            zh: "请先填写 ownerKind 和 ownerId 字段，再附文件",
            en: "Send ownerKind and ownerId before the file",
          });
        }
        const row = await addColumnDocument({
          db: db.db,
          actor: actorOf(request),
          regionCode: request.params.code,
          ownerKind,
          ownerId: fields.ownerId!,
          title: title.slice(0, 200),
          publishedOn,
          file: { name: part.filename, contentType: part.mimetype, stream: part.file },
        });
        if (part.file.truncated) {
          await deleteColumnDocument({
            db: db.db,
            actor: actorOf(request),
            regionCode: request.params.code,
            id: row.id,
          });
          throw badRequest("file_too_large", { zh: "文件超过 20 MiB", en: "File exceeds 20 MiB" });
        }
        id = row.id;
      }
      if (!id) throw badRequest("file_required", { zh: "请附上文件", en: "A file is required" });
      return reply.status(201).send({ id });
    },
  );

  api.delete(
    "/api/v1/columns/:code/documents/:id",
    {
      schema: { tags: ["transparency"], summary: "删除文件", params: RegionIdParams },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      writer(request, request.params.code);
      await deleteColumnDocument({
        db: db.db,
        actor: actorOf(request),
        regionCode: request.params.code,
        id: request.params.id,
      });
      return reply.status(204).send();
    },
  );

  // --- comments and complaints (T2) ---------------------------------------------------------------

  api.get(
    "/api/v1/columns/:code/messages",
    {
      schema: {
        tags: ["transparency"],
        summary: "本专栏收到的意见和举报",
        params: RegionParams,
        querystring: MessageListQuery,
        response: { 200: MessageResponse.array() },
      },
      config: { access: "region", restrictedFields: COMPLAINANT_FIELDS },
    },
    async (request) => {
      const principal = reader(request, request.params.code);
      const messages = await listPublicMessages(db.db, {
        regionCodes: [request.params.code],
        ...request.query,
      });
      return messages.map((m) => asSeenBy(principal, m));
    },
  );

  api.post(
    "/api/v1/columns/:code/messages/:id/reply",
    {
      schema: {
        tags: ["transparency"],
        summary: "办理意见或举报：状态、答复、是否公开（仅意见）",
        params: RegionIdParams,
        body: ReplyRequest,
        response: { 200: MessageResponse },
      },
      config: { access: "county_admin" },
    },
    async (request) =>
      replyPublicMessage({
        db: db.db,
        actor: actorOf(request),
        regionCode: writer(request, request.params.code) && request.params.code,
        id: request.params.id,
        ...request.body,
      }),
  );

  api.get(
    "/api/v1/public-messages",
    {
      schema: {
        tags: ["transparency"],
        summary: "辖区内全部意见和举报及办理时长（省级可见全部）",
        querystring: MessageListQuery,
        response: { 200: MessageResponse.array() },
      },
      config: { access: "authenticated", restrictedFields: COMPLAINANT_FIELDS },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const all = await listPublicMessages(db.db, request.query);
      return all.filter((m) => canRead(principal, m.regionCode)).map((m) => asSeenBy(principal, m));
    },
  );
}
