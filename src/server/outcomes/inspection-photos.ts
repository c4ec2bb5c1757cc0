/**
 * Photos of on-site inspections and supervision visits (rule K3, acceptance C2): JPEG, PNG or WebP
 * by content (never by the name the client sends), kept in the private file store under a
 * generated name, recorded with their hash and audited. Only the county's readers fetch them.
 */
import { createHash, randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../platform/audit/audit";
import type { Database } from "../platform/db/schema";
import { removeStoredFile, safeFileName, storeFile } from "../platform/files/file-store";
import { sniffImage } from "../platform/files/image-type";
import { AppError, notFound } from "../platform/http/errors";
import { chinaTimestamp } from "../platform/time/china-time";
import type { InspectionPhotoTable, OutcomesTables } from "./outcomes.tables";

export const MAX_INSPECTION_PHOTO_BYTES = 10 * 1024 * 1024;
/** Enough for a visit's sites; more is a sign of a wrong target, not of thoroughness. */
export const MAX_PHOTOS_PER_INSPECTION = 20;

const tables = (db: Kysely<Database>) => db.withTables<OutcomesTables>();
const inspectionNoun = { zh: "该现场检查记录", en: "Inspection" };

/** What a client sees of a photo: never the store path. */
export type InspectionPhotoView = {
  id: string;
  fileName: string;
  contentType: string;
  bytes: number;
  caption: string;
  uploadedBy: string;
  uploadedAt: string;
  isDemo: boolean;
  url: string;
};

export const photoUrl = (countyCode: string, inspectionId: string, photoId: string) =>
  `/api/v1/counties/${countyCode}/outcomes/inspections/${inspectionId}/photos/${photoId}`;

export function presentPhoto(p: InspectionPhotoTable): InspectionPhotoView {
  return {
    id: p.id,
    fileName: p.file_name,
    contentType: p.content_type,
    bytes: Number(p.bytes),
    caption: p.caption,
    uploadedBy: p.uploaded_by,
    uploadedAt: p.uploaded_at,
    isDemo: Number(p.is_demo) === 1,
    url: photoUrl(p.county_code, p.inspection_id, p.id),
  };
}

/** The photos of a county's inspections, by inspection id, in upload order. */
export async function photosByInspection(
  db: Kysely<Database>,
  countyCode: string,
): Promise<Map<string, InspectionPhotoView[]>> {
  const rows = await tables(db)
    .selectFrom("inspection_photos")
    .selectAll()
    .where("county_code", "=", countyCode)
    .orderBy("uploaded_at")
    .orderBy("id")
    .execute();
  const byInspection = new Map<string, InspectionPhotoView[]>();
  for (const r of rows) {
    byInspection.set(r.inspection_id, [...(byInspection.get(r.inspection_id) ?? []), presentPhoto(r)]);
  }
  return byInspection;
}

export type AddInspectionPhotoOptions = {
  db: Kysely<Database>;
  actor: Actor;
  countyCode: string;
  inspectionId: string;
  fileName: string;
  content: Buffer;
  caption: string;
  /** Demo data set only. */
  isDemo?: boolean;
};

/** Stores a photo of one of the county's inspections; 404 for another county's, 415 for a non-image. */
export async function addInspectionPhoto(options: AddInspectionPhotoOptions): Promise<InspectionPhotoView> {
  const { db, actor, countyCode, inspectionId, content } = options;
  const inspection = await tables(db)
    .selectFrom("inspections")
    .select("id")
    .where("id", "=", inspectionId)
    .where("county_code", "=", countyCode)
    .executeTakeFirst();
  if (!inspection) throw notFound(inspectionNoun);
  const contentType = sniffImage(content);
  if (!contentType) {
    throw new AppError(415, "unsupported_image", {
      zh: "照片须为 JPEG、PNG 或 WebP 图片",
      en: "A photo must be a JPEG, PNG or WebP image",
    });
  }
  const held = await tables(db)
    .selectFrom("inspection_photos")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("county_code", "=", countyCode)
    .where("inspection_id", "=", inspectionId)
    .executeTakeFirstOrThrow();
  if (Number(held.n) >= MAX_PHOTOS_PER_INSPECTION) {
    throw new AppError(409, "too_many_photos", {
      zh: `每条检查记录最多 ${MAX_PHOTOS_PER_INSPECTION} 张照片`,
      en: `At most ${MAX_PHOTOS_PER_INSPECTION} photos per inspection`,
    });
  }
  const stored = await storeFile(`inspections-${countyCode}`, Readable.from(content));
  const row: InspectionPhotoTable = {
    id: randomUUID(),
    county_code: countyCode,
    inspection_id: inspectionId,
    file_path: stored.path,
    file_name: safeFileName(options.fileName),
    content_type: contentType,
    bytes: stored.bytes,
    sha256: createHash("sha256").update(content).digest("hex"),
    caption: options.caption.trim().slice(0, 200),
    uploaded_by: actor.name,
    uploaded_at: chinaTimestamp(),
    is_demo: options.isDemo ? 1 : 0,
  };
  try {
    await db.transaction().execute(async (trx) => {
      await tables(trx).insertInto("inspection_photos").values(row).execute();
      const { file_path: _path, ...audited } = row;
      await recordAudit(trx, actor, {
        action: "inspection_photo.added",
        entity: "inspection",
        entityId: inspectionId,
        countyCode,
        after: audited,
      });
    });
  } catch (error) {
    await removeStoredFile(stored.path);
    throw error;
  }
  return presentPhoto(row);
}

/** Loads a photo of the county's inspection or answers 404 (another county's is not found either). */
export async function findInspectionPhoto(
  db: Kysely<Database>,
  countyCode: string,
  inspectionId: string,
  photoId: string,
): Promise<InspectionPhotoTable> {
  const photo = await tables(db)
    .selectFrom("inspection_photos")
    .selectAll()
    .where("id", "=", photoId)
    .where("county_code", "=", countyCode)
    .where("inspection_id", "=", inspectionId)
    .executeTakeFirst();
  if (!photo) throw notFound({ zh: "该照片", en: "Photo" });
  return photo;
}

/** Deletes one photo (audited with its hash), then its file. */
export async function removeInspectionPhoto(options: {
  db: Kysely<Database>;
  actor: Actor;
  countyCode: string;
  inspectionId: string;
  photoId: string;
}): Promise<void> {
  const { db, actor, countyCode, inspectionId, photoId } = options;
  const photo = await db.transaction().execute(async (trx) => {
    const found = await findInspectionPhoto(trx, countyCode, inspectionId, photoId);
    await tables(trx).deleteFrom("inspection_photos").where("id", "=", photoId).execute();
    const { file_path: _path, ...audited } = found;
    await recordAudit(trx, actor, {
      action: "inspection_photo.deleted",
      entity: "inspection",
      entityId: inspectionId,
      countyCode,
      before: audited,
    });
    return found;
  });
  await removeStoredFile(photo.file_path);
}

/**
 * Deletes the photo rows of an inspection being deleted, inside its transaction; returns the
 * removal of their files, to run once that transaction has committed.
 */
export async function cascadeInspectionPhotos(
  trx: Kysely<Database>,
  countyCode: string,
  inspectionId: string,
): Promise<() => Promise<void>> {
  const photos = await tables(trx)
    .selectFrom("inspection_photos")
    .select(["id", "file_path"])
    .where("county_code", "=", countyCode)
    .where("inspection_id", "=", inspectionId)
    .execute();
  if (photos.length) {
    await tables(trx)
      .deleteFrom("inspection_photos")
      .where("county_code", "=", countyCode)
      .where("inspection_id", "=", inspectionId)
      .execute();
  }
  return async () => {
    for (const p of photos) await removeStoredFile(p.file_path);
  };
}
