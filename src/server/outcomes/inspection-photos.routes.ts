/**
 * Photos of inspections (rule K3, acceptance C2) as an API resource: upload (multipart, the
 * county's administrators), the file itself (the county's readers only, never cached publicly),
 * and removal. The inspection roster lists each inspection's photos.
 */
import { createReadStream } from "node:fs";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireAdminister, requireRead } from "../platform/auth/http-auth";
import type { RouteContext } from "../platform/domain";
import { absolutePath } from "../platform/files/file-store";
import { badRequest } from "../platform/http/errors";
import {
  addInspectionPhoto,
  findInspectionPhoto,
  MAX_INSPECTION_PHOTO_BYTES,
  removeInspectionPhoto,
} from "./inspection-photos";
import { CountyParams, InspectionPhoto } from "./outcomes.schema";

const TAG = "outcomes-records";
const InspectionParams = CountyParams.extend({ id: z.uuid() });
const PhotoParams = InspectionParams.extend({ photoId: z.uuid() });

export async function inspectionPhotoRoutes(app: FastifyInstance, { db }: RouteContext): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const base = "/api/v1/counties/:code/outcomes/inspections/:id/photos";

  api.post(
    base,
    {
      schema: {
        tags: [TAG],
        summary: "上传现场检查照片（multipart：file、可选 caption；JPEG/PNG/WebP，10 MiB 以内）",
        params: InspectionParams,
        response: { 201: InspectionPhoto },
      },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      const principal = requireAdminister(request, request.params.code);
      if (!request.isMultipart()) {
        throw badRequest("multipart_required", {
          zh: "请以表单上传照片",
          en: "Upload as multipart/form-data",
        });
      }
      let caption = "";
      let file: { name: string; content: Buffer } | undefined;
      for await (const part of request.parts({
        limits: { fileSize: MAX_INSPECTION_PHOTO_BYTES, files: 1 },
      })) {
        if (part.type === "field") {
          if (part.fieldname === "caption") caption = String(part.value).slice(0, 200);
          continue;
        }
        // Only the size limit reads as "too large"; a cut-off body is the error handler's 400.
        const content = await part.toBuffer().catch((error: { code?: string }) => {
          if (error.code === "FST_REQ_FILE_TOO_LARGE") return undefined;
          throw error;
        });
        if (!content || part.file.truncated) {
          throw badRequest("file_too_large", { zh: "照片超过 10 MiB", en: "Photo exceeds 10 MiB" });
        }
        file = { name: part.filename, content };
      }
      if (!file || file.content.length === 0) {
        throw badRequest("invalid_photo_upload", { zh: "请选择照片文件", en: "A photo file is required" });
      }
      const photo = await addInspectionPhoto({
        db: db.db,
        actor: { id: principal.id, name: principal.username },
        countyCode: request.params.code,
        inspectionId: request.params.id,
        fileName: file.name,
        content: file.content,
        caption,
      });
      return reply.status(201).send(photo);
    },
  );

  api.get(
    `${base}/:photoId`,
    {
      schema: { tags: [TAG], summary: "现场检查照片文件", params: PhotoParams },
      config: { access: "region" },
    },
    async (request, reply) => {
      requireRead(request, request.params.code);
      const { code, id, photoId } = request.params;
      const photo = await findInspectionPhoto(db.db, code, id, photoId);
      reply
        .header("content-type", photo.content_type)
        .header("cache-control", "private, max-age=86400")
        .header("x-content-type-options", "nosniff")
        .header("content-disposition", `inline; filename*=UTF-8''${encodeURIComponent(photo.file_name)}`);
      return reply.send(createReadStream(absolutePath(photo.file_path)));
    },
  );

  api.delete(
    `${base}/:photoId`,
    {
      schema: { tags: [TAG], summary: "删除现场检查照片", params: PhotoParams },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      const principal = requireAdminister(request, request.params.code);
      const { code, id, photoId } = request.params;
      await removeInspectionPhoto({
        db: db.db,
        actor: { id: principal.id, name: principal.username },
        countyCode: code,
        inspectionId: id,
        photoId,
      });
      return reply.status(204).send();
    },
  );
}
