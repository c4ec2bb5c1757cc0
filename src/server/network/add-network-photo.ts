/**
 * Adds a photo to a station or facility of a county: JPEG, PNG or WebP by content (not by the
 * name the client sends), kept in the file store under a generated name, recorded and audited.
 */
import { createHash, randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import type { Actor } from "../platform/audit/audit";
import { recordAudit } from "../platform/audit/audit";
import type { Db } from "../platform/db/database";
import { safeFileName, storeFile } from "../platform/files/file-store";
import { sniffImage } from "../platform/files/image-type";
import { AppError, notFound } from "../platform/http/errors";
import { chinaTimestamp } from "../platform/time/china-time";
import type { NetworkPhotoTable, NetworkTables } from "./network.tables";

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

export type AddNetworkPhotoOptions = {
  db: Db;
  actor: Actor;
  countyCode: string;
  ownerKind: "station" | "facility";
  ownerId: string;
  fileName: string;
  content: Buffer;
  caption: string;
};

export async function addNetworkPhoto(options: AddNetworkPhotoOptions): Promise<NetworkPhotoTable> {
  const { db, actor, countyCode, ownerKind, ownerId, content } = options;
  const table = ownerKind === "station" ? "stations" : "facilities";
  const owner = await db.db
    .withTables<NetworkTables>()
    .selectFrom(table)
    .select("id")
    .where("id", "=", ownerId)
    .where("county_code", "=", countyCode)
    .executeTakeFirst();
  if (!owner) {
    throw notFound(
      ownerKind === "station" ? { zh: "该站点", en: "Station" } : { zh: "该设施", en: "Facility" },
    );
  }
  const contentType = sniffImage(content);
  if (!contentType) {
    throw new AppError(415, "unsupported_image", {
      zh: "照片须为 JPEG、PNG 或 WebP 图片",
      en: "A photo must be a JPEG, PNG or WebP image",
    });
  }
  const stored = await storeFile("network-photos", Readable.from(content));
  const row: NetworkPhotoTable = {
    id: randomUUID(),
    county_code: countyCode,
    owner_kind: ownerKind,
    owner_id: ownerId,
    file_path: stored.path,
    file_name: safeFileName(options.fileName),
    content_type: contentType,
    bytes: stored.bytes,
    sha256: createHash("sha256").update(content).digest("hex"),
    caption: options.caption.slice(0, 200),
    uploaded_by: actor.name,
    uploaded_at: chinaTimestamp(),
  };
  await db.db.transaction().execute(async (trx) => {
    await trx.withTables<NetworkTables>().insertInto("network_photos").values(row).execute();
    const { file_path: _path, ...audited } = row;
    await recordAudit(trx, actor, {
      action: "network_photo.added",
      entity: ownerKind,
      entityId: ownerId,
      countyCode,
      after: audited,
    });
  });
  return row;
}
