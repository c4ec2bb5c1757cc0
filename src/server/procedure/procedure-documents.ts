/** Documents of the procedure: qualification, acceptance and audit reports, photos, evidence (K1, K2). */
import type { Readable } from "node:stream";
import type { Kysely } from "kysely";
import { recordAudit } from "../platform/audit/audit";
import type { Principal } from "../platform/auth/roles";
import { newId } from "../platform/auth/sessions";
import type { Database } from "../platform/db/schema";
import { safeFileName, storeFile } from "../platform/files/file-store";
import { badRequest } from "../platform/http/errors";
import { chinaTimestamp } from "../platform/time/china-time";
import { procedureDb } from "./procedure.repository";

export const DOCUMENT_KINDS = [
  "application",
  "qualification",
  "acceptance_report",
  "audit_report",
  "photo",
  "evidence",
  "decision",
  "other",
] as const;

/** Accounts that take a step of the procedure upload its documents; viewers do not. */
export const DOCUMENT_UPLOADERS = [
  "contractor",
  "county_admin",
  "assessor",
  "city_admin",
  "province_admin",
] as const;

export async function uploadDocument(
  db: Kysely<Database>,
  actor: Principal,
  countyCode: string,
  input: { kind: string; note: string; file: { name: string; stream: Readable }; isDemo?: boolean },
) {
  if (!(DOCUMENT_KINDS as readonly string[]).includes(input.kind)) {
    throw badRequest("unknown_kind", {
      zh: `未知的文件类别：${input.kind}`,
      en: `Unknown document kind ${input.kind}`,
    });
  }
  const stored = await storeFile(`procedure-${countyCode}`, input.file.stream);
  const row = {
    id: newId(),
    county_code: countyCode,
    kind: input.kind,
    note: input.note.trim(),
    file_name: safeFileName(input.file.name),
    file_path: stored.path,
    file_sha256: stored.sha256,
    uploaded_by: actor.displayName,
    created_at: chinaTimestamp(),
    is_demo: input.isDemo ? 1 : 0,
  };
  await db.transaction().execute(async (trx) => {
    await procedureDb(trx).insertInto("procedure_documents").values(row).execute();
    await recordAudit(
      trx,
      { id: input.isDemo ? null : actor.id, name: actor.username },
      {
        action: "procedure.document_uploaded",
        entity: "procedure_document",
        entityId: row.id,
        countyCode,
        after: { kind: row.kind, note: row.note, file: row.file_name, sha256: row.file_sha256 },
      },
    );
  });
  return { id: row.id, kind: row.kind, sha256: row.file_sha256 };
}
