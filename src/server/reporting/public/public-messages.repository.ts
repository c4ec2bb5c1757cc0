/** Reads of the public windows' comments and complaints (T2). */
import type { Kysely } from "kysely";
import { canSeeComplainants, type Principal } from "../../platform/auth/roles";
import type { Database } from "../../platform/db/schema";
import type { PublicMessageTable } from "../reporting.tables";
import { reportingDb } from "../reporting-db";

export type PublicMessage = {
  id: string;
  regionCode: string;
  kind: "comment" | "complaint";
  trackingNo: string;
  subject: string;
  body: string;
  contactName?: string | null;
  contactPhone?: string | null;
  status: string;
  isPublished: boolean;
  reply: string | null;
  repliedBy: string | null;
  repliedAt: string | null;
  submittedAt: string;
  handledAt: string | null;
  /** Hours from submission to the first reply or closing; open messages count up to now. */
  handlingHours: number;
  isDemo: boolean;
};

export function publicMessage(row: PublicMessageTable, now: Date = new Date()): PublicMessage {
  const end = row.handled_at ? Date.parse(row.handled_at) : now.getTime();
  return {
    id: row.id,
    regionCode: row.region_code,
    kind: row.kind,
    trackingNo: row.tracking_no,
    subject: row.subject,
    body: row.body,
    contactName: row.contact_name,
    contactPhone: row.contact_phone,
    status: row.status,
    isPublished: row.is_published === 1,
    reply: row.reply,
    repliedBy: row.replied_by,
    repliedAt: row.replied_at,
    submittedAt: row.submitted_at,
    handledAt: row.handled_at,
    handlingHours: Math.max(0, Math.floor((end - Date.parse(row.submitted_at)) / 3_600_000)),
    isDemo: row.is_demo === 1,
  };
}

export async function listPublicMessages(
  kdb: Kysely<Database>,
  filter: {
    regionCodes?: readonly string[];
    regionPrefix?: string;
    kind?: "comment" | "complaint";
    status?: string;
    publishedOnly?: boolean;
  },
): Promise<PublicMessage[]> {
  let query = reportingDb(kdb).selectFrom("transparency_messages").selectAll();
  if (filter.regionCodes)
    query = query.where("region_code", "in", filter.regionCodes.length ? [...filter.regionCodes] : [""]);
  if (filter.regionPrefix) query = query.where("region_code", "like", `${filter.regionPrefix}%`);
  if (filter.kind) query = query.where("kind", "=", filter.kind);
  if (filter.status) query = query.where("status", "=", filter.status);
  if (filter.publishedOnly) query = query.where("is_published", "=", 1);
  const rows = await query.orderBy("submitted_at", "desc").limit(1000).execute();
  const now = new Date();
  return rows.map((r) => publicMessage(r, now));
}

/**
 * The message as `principal` may see it: without the sender's name and phone unless the account
 * handles the county's messages (canSeeComplainants).
 */
export function asSeenBy(principal: Principal, message: PublicMessage): PublicMessage {
  if (canSeeComplainants(principal, message.regionCode)) return message;
  const { contactName: _name, contactPhone: _phone, ...rest } = message;
  return rest;
}

export async function findByTrackingNo(
  kdb: Kysely<Database>,
  trackingNo: string,
): Promise<PublicMessage | null> {
  const row = await reportingDb(kdb)
    .selectFrom("transparency_messages")
    .selectAll()
    .where("tracking_no", "=", trackingNo.trim().toUpperCase())
    .executeTakeFirst();
  return row ? publicMessage(row) : null;
}
