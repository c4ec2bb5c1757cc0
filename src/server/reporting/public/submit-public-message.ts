/**
 * A citizen leaves a comment or a complaint in a column's window (T2) and gets a tracking number to
 * look it up. The audit entry names the message, never its text or the citizen's contact details.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { recordAudit } from "../../platform/audit/audit";
import type { Database } from "../../platform/db/schema";
import { chinaDate, chinaTimestamp } from "../../platform/time/china-time";
import { reportingDb } from "../reporting-db";

// No 0/O, 1/I/L: a number read out over the telephone is not misheard.
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/** `JB20181025-K7M3QX9P` (complaint, 举报) or `YJ…` (comment, 意见): 31^8 ≈ 8.5 × 10^11, not guessable. */
export function newTrackingNo(kind: "comment" | "complaint", date: string): string {
  const bytes = randomBytes(8);
  const tail = Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join("");
  return `${kind === "complaint" ? "JB" : "YJ"}${date.replace(/-/g, "")}-${tail}`;
}

export type PublicMessageInput = {
  kind: "comment" | "complaint";
  subject: string;
  body: string;
  contactName: string | null;
  contactPhone: string | null;
};

export async function submitPublicMessage(options: {
  db: Kysely<Database>;
  regionCode: string;
  input: PublicMessageInput;
}): Promise<{ trackingNo: string }> {
  const { db, regionCode, input } = options;
  const now = chinaTimestamp();
  const row = {
    id: randomUUID(),
    region_code: regionCode,
    kind: input.kind,
    tracking_no: newTrackingNo(input.kind, chinaDate()),
    subject: input.subject.trim(),
    body: input.body.trim(),
    contact_name: input.contactName?.trim() || null,
    contact_phone: input.contactPhone?.trim() || null,
    status: "received",
    is_published: 0,
    reply: null,
    replied_by: null,
    replied_at: null,
    submitted_at: now,
    handled_at: null,
    is_demo: 0,
  };
  await db.transaction().execute(async (trx) => {
    await reportingDb(trx).insertInto("transparency_messages").values(row).execute();
    await recordAudit(
      trx,
      { id: null, name: "public" },
      {
        action: `transparency.${input.kind}_received`,
        entity: "transparency_message",
        entityId: row.id,
        countyCode: regionCode.length === 6 ? regionCode : null,
        after: { kind: row.kind, trackingNo: row.tracking_no },
      },
    );
  });
  return { trackingNo: row.tracking_no };
}
