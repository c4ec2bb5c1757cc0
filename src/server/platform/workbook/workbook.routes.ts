/** Upload a county workbook (.xlsx or .csv) for import, and download the template. */
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { requirePrincipal } from "../auth/http-auth";
import { canAdminister, canRead, type Principal } from "../auth/roles";
import type { Db } from "../db/database";
import { contentDisposition } from "../http/content-disposition";
import { AppError, badRequest, forbidden, languageOf, notFound } from "../http/errors";
import { ImportWorkerError, WorkbookImporter } from "./import-in-worker";
import type { ImportProgress } from "./import-workbook";
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

const ImportProgressResponse = z.object({
  /** receiving: the upload is arriving; reading: rows are read and checked; writing: committing. */
  phase: z.enum(["receiving", "reading", "writing", "done", "failed"]),
  rowsRead: z.number(),
  rowsValidated: z.number(),
  rowsRejected: z.number(),
  rowsWritten: z.number(),
});
type ImportProgressView = z.infer<typeof ImportProgressResponse>;

/** A progress id the page chooses for its upload, so it can ask while the upload is under way. */
// Chosen by the uploader; keyed by its account and county, so it only needs to be unique for them.
const ProgressId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

// How long a finished import's progress can still be read, and how many are kept at most.
const PROGRESS_KEPT_MS = 10 * 60 * 1000;
const PROGRESS_MAX = 1000;

/** Imports under way (and lately ended), per account and progress id; kept in this process. */
class ProgressBoard {
  readonly #entries = new Map<string, { view: ImportProgressView; endedAt?: number }>();

  start(key: string): void {
    this.#sweep();
    this.#entries.delete(key);
    this.#entries.set(key, {
      view: { phase: "receiving", rowsRead: 0, rowsValidated: 0, rowsRejected: 0, rowsWritten: 0 },
    });
  }
  update(key: string, progress: ImportProgress): void {
    const entry = this.#entries.get(key);
    if (entry && !entry.endedAt) entry.view = { ...progress };
  }
  end(key: string, failed: boolean): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    entry.endedAt = Date.now();
    if (failed) entry.view = { ...entry.view, phase: "failed" };
    else if (entry.view.phase !== "done") entry.view = { ...entry.view, phase: "done" };
  }
  get(key: string): ImportProgressView | undefined {
    this.#sweep();
    return this.#entries.get(key)?.view;
  }
  #sweep(): void {
    const now = Date.now();
    for (const [key, entry] of this.#entries) {
      if (entry.endedAt !== undefined && now - entry.endedAt > PROGRESS_KEPT_MS) this.#entries.delete(key);
    }
    // Oldest first (insertion order): a flood of ids cannot grow the map without bound.
    for (const key of this.#entries.keys()) {
      if (this.#entries.size <= PROGRESS_MAX) break;
      this.#entries.delete(key);
    }
  }
}

export type WorkbookRoutesOptions = {
  db: Db;
  registry: SheetRegistry;
  /**
   * The module the import worker loads the sheet handlers from (see import-in-worker.ts); without
   * it imports run on the server's event loop.
   */
  registryModule?: string;
  /** Start the import worker once the app is ready instead of at the first upload. */
  startWorker?: boolean;
  /**
   * The sheets a contractor's account may import for a county (those of its organization's
   * contracts there); composed by the app, as the contracts belong to a domain. None when unset.
   */
  contractorSheets?: (principal: Principal, countyCode: string) => Promise<string[]>;
};

export async function workbookRoutes(app: FastifyInstance, opts: WorkbookRoutesOptions) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, registry } = opts;
  const importer = new WorkbookImporter({ db, registry, registryModule: opts.registryModule });
  app.addHook("onClose", () => importer.close());
  if (opts.startWorker) {
    // Not awaited: the server listens at once; an upload arriving meanwhile waits for the worker.
    app.addHook("onReady", async () => {
      importer.warmUp().catch((error) => app.log.error({ err: error }, "import worker did not start"));
    });
  }
  const board = new ProgressBoard();

  /**
   * Who may import into the county, and what: its administrators every sheet (undefined), a
   * contractor of the county the sheets of its contracts there; anyone else 403.
   */
  const importScope = async (request: FastifyRequest, code: string) => {
    const principal = requirePrincipal(request);
    if (canAdminister(principal, code)) return { principal, allowedSheets: undefined };
    if (principal.role === "contractor" && canRead(principal, code)) {
      const allowedSheets = (await opts.contractorSheets?.(principal, code)) ?? [];
      if (allowedSheets.length > 0) return { principal, allowedSheets };
    }
    throw forbidden();
  };
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
          contentDisposition("县级数据工作簿模板.xlsx", { fallback: "template.xlsx" }),
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
          /** Optional: an id of the caller's choosing to read the import's progress by meanwhile. */
          progress: ProgressId.optional(),
        }),
        response: { 200: ImportResponse },
      },
      // The county's administrators, and its contractors for their contracts' sheets (importScope).
      config: { access: "workbook_importer" },
    },
    async (request, reply) => {
      const { code } = request.params;
      const { principal, allowedSheets } = await importScope(request, code);
      const county = await db.db
        .selectFrom("demonstration_counties")
        .select("county_code")
        .where("county_code", "=", code)
        .executeTakeFirst();
      if (!county) throw notFound({ zh: "该示范县", en: "Demonstration county" });
      const progressKey = request.query.progress && `${principal.id}:${code}:${request.query.progress}`;
      if (progressKey) board.start(progressKey);
      let failed = true;
      try {
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
          let result: Awaited<ReturnType<typeof importer.run>>;
          try {
            result = await importer.run(
              {
                actor: { id: principal.id, name: principal.username },
                countyCode: code,
                path,
                fileName: file.filename,
                dryRun: request.query.dryRun === "true",
                partial: request.query.partial === "true",
                allowedSheets,
              },
              progressKey ? (progress) => board.update(progressKey, progress) : undefined,
            );
          } catch (error) {
            if (error instanceof AppError || error instanceof ImportWorkerError) throw error;
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
          failed = false;
          return reply.send({
            ...result,
            rejected: result.rejected.map((r) => ({ ...r, reason: r.reason[lang] })),
          });
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      } finally {
        if (progressKey) board.end(progressKey, failed);
      }
    },
  );

  api.get(
    "/api/v1/counties/:code/workbook/sheets",
    {
      schema: {
        tags: ["workbook"],
        summary: "调用者可导入的工作表（县级管理员为全部；承办企业为其合同涉及的工作表）",
        params: z.object({ code: z.string().regex(/^\d{6}$/) }),
        response: { 200: z.object({ sheets: z.array(z.string()), isAll: z.boolean() }) },
      },
      config: { access: "workbook_importer" },
    },
    async (request) => {
      const { allowedSheets } = await importScope(request, request.params.code);
      return { sheets: allowedSheets ?? registry.all().map((h) => h.sheet), isAll: !allowedSheets };
    },
  );

  api.get(
    "/api/v1/counties/:code/workbook/progress/:id",
    {
      schema: {
        tags: ["workbook"],
        summary: "导入进度（已读取、已校验、已写入行数），按上传时所给的 progress 标识查询",
        params: z.object({ code: z.string().regex(/^\d{6}$/), id: ProgressId }),
        response: { 200: ImportProgressResponse },
      },
      config: { access: "workbook_importer" },
    },
    async (request) => {
      const { code, id } = request.params;
      const { principal } = await importScope(request, code);
      // Only the account that uploaded sees its import's progress.
      const view = board.get(`${principal.id}:${code}:${id}`);
      if (!view) throw notFound({ zh: "该导入", en: "Import" });
      return view;
    },
  );
}
