/**
 * Attaches a document to a column entry or project: a link (T4 checks its host) or an uploaded
 * file kept in the file store under a generated name, hashed.
 */
import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../../platform/audit/audit";
import type { Database } from "../../platform/db/schema";
import { safeFileName, storeFile } from "../../platform/files/file-store";
import { badRequest, notFound } from "../../platform/http/errors";
import { chinaTimestamp } from "../../platform/time/china-time";
import type { ColumnDocumentTable } from "../reporting.tables";
import { reportingDb } from "../reporting-db";

export type AddColumnDocumentOptions = {
  db: Kysely<Database>;
  actor: Actor;
  regionCode: string;
  ownerKind: "entry" | "project";
  ownerId: string;
  title: string;
  publishedOn: string | null;
  /** Exactly one of a link or a file. */
  url?: string | null;
  file?: { name: string; contentType: string; stream: Readable };
};

/** Content types a citizen's browser can open or download safely; anything else is refused. */
export const DOCUMENT_TYPES = new Set([
  "application/pdf",
  "image/png",
  "image/jpeg",
  "application/msword",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.ms-excel",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "text/plain",
]);

export async function addColumnDocument(options: AddColumnDocumentOptions): Promise<ColumnDocumentTable> {
  const { db, actor, regionCode, ownerKind, ownerId } = options;
  const table = ownerKind === "entry" ? "transparency_entries" : "transparency_projects";
  const owner = await reportingDb(db)
    .selectFrom(table)
    .select("id")
    .where("id", "=", ownerId)
    .where("region_code", "=", regionCode)
    .executeTakeFirst();
  if (!owner)
    throw notFound(
      ownerKind === "entry" ? { zh: "该公开条目", en: "Column entry" } : { zh: "该项目", en: "Project" },
    );
  if (!options.url === !options.file) {
    throw badRequest("document_source", {
      zh: "请提供链接或上传文件（二选一）",
      en: "Give either a link or a file",
    });
  }
  if (options.file && !DOCUMENT_TYPES.has(options.file.contentType)) {
    options.file.stream.resume();
    throw badRequest("document_type", {
      zh: "仅支持 PDF、图片、Word、Excel 或文本文件",
      en: "Only PDF, images, Word, Excel or text files",
    });
  }
  const stored = options.file ? await storeFile(`column-${regionCode}`, options.file.stream) : undefined;
  const row: ColumnDocumentTable = {
    id: randomUUID(),
    region_code: regionCode,
    owner_kind: ownerKind,
    owner_id: ownerId,
    title: options.title.trim(),
    url: options.url ?? null,
    file_path: stored?.path ?? null,
    file_name: options.file ? safeFileName(options.file.name) : null,
    file_sha256: stored?.sha256 ?? null,
    file_bytes: stored?.bytes ?? null,
    content_type: options.file?.contentType ?? null,
    published_on: options.publishedOn,
    is_demo: 0,
    created_at: chinaTimestamp(),
  };
  await db.transaction().execute(async (trx) => {
    await reportingDb(trx).insertInto("transparency_documents").values(row).execute();
    await recordAudit(trx, actor, {
      action: "transparency.document_added",
      entity: "transparency_document",
      entityId: row.id,
      countyCode: regionCode.length === 6 ? regionCode : null,
      after: { ...row, file_path: undefined },
    });
  });
  return row;
}
