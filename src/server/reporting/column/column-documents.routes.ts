/** The column's documents: a link or an uploaded file (PDF, image, office document), and their removal. */
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requireAdminister } from "../../platform/auth/http-auth";
import type { RouteContext } from "../../platform/domain";
import { badRequest } from "../../platform/http/errors";
import { actorOf } from "../../platform/http/request-context";
import { addColumnDocument } from "./add-column-document";
import { LinkDocumentRequest, RegionIdParams, RegionParams } from "./column.schema";
import { deleteColumnDocument } from "./delete-column-document";

export async function columnDocumentRoutes(app: FastifyInstance, { db }: RouteContext): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const writer = (request: FastifyRequest, code: string) => requireAdminister(request, code);

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
}
