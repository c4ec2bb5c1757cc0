/** The assessor attaches evidence to an item: a note, or a file or photo with a note. */
import type { Readable } from "node:stream";
import type { Kysely } from "kysely";
import { mayDecide } from "../../rules/acceptance/decision-rules";
import { HEBEI_2017 } from "../../rules/acceptance/standard";
import { recordAudit } from "../platform/audit/audit";
import type { Principal } from "../platform/auth/roles";
import { newId } from "../platform/auth/sessions";
import type { Database } from "../platform/db/schema";
import { safeFileName, storeFile } from "../platform/files/file-store";
import { badRequest, forbidden } from "../platform/http/errors";
import { chinaTimestamp } from "../platform/time/china-time";
import { acceptanceDb } from "./acceptance.repository";

export type AddEvidenceOptions = {
  db: Kysely<Database>;
  author: Principal;
  countyCode: string;
  itemId: string;
  note: string;
  file?: { name: string; stream: Readable; isImage: boolean };
};

export async function addEvidence({ db, author, countyCode, itemId, note, file }: AddEvidenceOptions) {
  // The province adds evidence for the E5 decisions it may take (rule E5 reading).
  if (!mayDecide(author.role, itemId)) throw forbidden();
  if (![...HEBEI_2017.items, ...HEBEI_2017.veto].some((i) => i.id === itemId)) {
    throw badRequest("unknown_item", {
      zh: `验收标准中没有 ${itemId}`,
      en: `No item ${itemId} in the standard`,
    });
  }
  const stored = file ? await storeFile(`evidence-${countyCode}`, file.stream) : undefined;
  const row = {
    id: newId(),
    county_code: countyCode,
    item_id: itemId,
    kind: file ? (file.isImage ? "photo" : "file") : "note",
    note: note.trim(),
    file_name: file ? safeFileName(file.name) : null,
    file_path: stored?.path ?? null,
    file_sha256: stored?.sha256 ?? null,
    created_by: author.displayName,
    created_at: chinaTimestamp(),
  };
  await db.transaction().execute(async (trx) => {
    await acceptanceDb(trx).insertInto("acceptance_evidence").values(row).execute();
    await recordAudit(
      trx,
      { id: author.id, name: author.username },
      {
        action: "acceptance.evidence_added",
        entity: "acceptance_evidence",
        entityId: row.id,
        countyCode,
        after: { item: itemId, kind: row.kind, note: row.note, file: row.file_name, sha256: row.file_sha256 },
      },
    );
  });
  return { id: row.id, kind: row.kind, sha256: row.file_sha256 };
}
