/** Upload a county workbook (.xlsx or .csv) for import, and download the template. */
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireAdminister } from "../auth/http-auth";
import type { Db } from "../db/database";
import { AppError, badRequest, languageOf, notFound } from "../http/errors";
import { importWorkbook } from "./import-workbook";
import type { SheetRegistry } from "./sheet-handler";
import { buildTemplate } from "./template";
import { prepareUploadFolder, uploadRoot } from "./upload-folder";

export const MAX_WORKBOOK_BYTES = 50 * 1024 * 1024;

const ImportResponse = z.object({
  written: z.boolean(),
  dryRun: z.boolean(),
  partial: z.boolean(),
  sheets: z.array(
    z.object({
      sheet: z.string(),
      rows: z.number(),
      accepted: z.number(),
      rejected: z.number(),
      written: z.number(),
    }),
  ),
  ignoredSheets: z.array(z.string()),
  rejected: z.array(
    z.object({ sheet: z.string(), row: z.number(), column: z.string().optional(), reason: z.string() }),
  ),
});

export async function workbookRoutes(app: FastifyInstance, opts: { db: Db; registry: SheetRegistry }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, registry } = opts;
  // Uploads wait only in this private folder; start-up removes what a killed process left.
  const uploads = prepareUploadFolder(uploadRoot(db));

  api.get(
    "/api/v1/workbook/template.xlsx",
    { schema: { tags: ["workbook"], summary: "县级数据工作簿模板" }, config: { access: "public" } },
    async (_request, reply) => {
      reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header(
          "content-disposition",
          `attachment; filename*=UTF-8''${encodeURIComponent("县级数据工作簿模板.xlsx")}`,
        );
      return buildTemplate(registry);
    },
  );

  api.post(
    "/api/v1/counties/:code/workbook",
    {
      schema: {
        tags: ["workbook"],
        summary: "导入县级数据工作簿（全部成功或全部不写入；partial=true 时保留有效行）",
        params: z.object({ code: z.string().regex(/^\d{6}$/) }),
        querystring: z.object({
          dryRun: z.enum(["true", "false"]).default("false"),
          partial: z.enum(["true", "false"]).default("false"),
        }),
        response: { 200: ImportResponse },
      },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      const { code } = request.params;
      const principal = requireAdminister(request, code);
      const county = await db.db
        .selectFrom("demonstration_counties")
        .select("county_code")
        .where("county_code", "=", code)
        .executeTakeFirst();
      if (!county) throw notFound({ zh: "该示范县", en: "Demonstration county" });
      if (!request.isMultipart()) {
        throw new AppError(415, "unsupported_media_type", {
          zh: "请以 multipart/form-data 上传 .xlsx 或 .csv 文件",
          en: "Upload an .xlsx or .csv file as multipart/form-data",
        });
      }
      const file = await request.file({ limits: { fileSize: MAX_WORKBOOK_BYTES, files: 1 } });
      if (!file) throw badRequest("file_missing", { zh: "未收到文件", en: "No file received" });
      // Never trust the client's path: keep only a plain base name with a known extension.
      const ext = extname(file.filename).toLowerCase();
      if (ext !== ".xlsx" && ext !== ".csv") {
        file.file.resume();
        throw new AppError(415, "unsupported_file_type", {
          zh: "仅支持 .xlsx 或 .csv 文件",
          en: "Only .xlsx or .csv files are accepted",
        });
      }
      const dir = await mkdtemp(join(uploads, "upload-"));
      const safeName = `${
        basename(file.filename, ext)
          .replace(/[^\p{L}\p{N}_-]/gu, "_")
          .slice(0, 60) || "upload"
      }${ext}`;
      const path = join(dir, safeName);
      try {
        await pipeline(file.file, createWriteStream(path));
        if (file.file.truncated) {
          throw new AppError(413, "payload_too_large", {
            zh: `上传文件超过 ${MAX_WORKBOOK_BYTES / 1024 / 1024} MiB`,
            en: `Upload exceeds ${MAX_WORKBOOK_BYTES / 1024 / 1024} MiB`,
          });
        }
        let result: Awaited<ReturnType<typeof importWorkbook>>;
        try {
          result = await importWorkbook({
            db: db.db,
            registry,
            actor: { id: principal.id, name: principal.username },
            countyCode: code,
            path,
            fileName: file.filename,
            dryRun: request.query.dryRun === "true",
            partial: request.query.partial === "true",
          });
        } catch (error) {
          if (error instanceof AppError) throw error;
          request.log.warn({ err: error }, "unreadable workbook");
          throw badRequest("unreadable_workbook", {
            zh: "无法读取该文件，请确认是有效的 .xlsx 或 .csv（UTF-8 或 GBK 编码）",
            en: "The file cannot be read: is it a valid .xlsx or .csv (UTF-8 or GBK)?",
          });
        }
        const lang = languageOf(request.headers["accept-language"]);
        if (result.rejected.length && !result.partial) {
          // All or nothing: the error names every bad row; nothing was written.
          throw new AppError(
            422,
            "import_rejected",
            {
              zh: `${result.rejected.length} 处错误，未写入任何数据`,
              en: `${result.rejected.length} problems found; nothing was written`,
            },
            result.rejected.map((r) => ({
              sheet: r.sheet,
              row: r.row,
              column: r.column,
              message: r.reason[lang],
            })),
          );
        }
        return reply.send({
          ...result,
          rejected: result.rejected.map((r) => ({ ...r, reason: r.reason[lang] })),
        });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
}
