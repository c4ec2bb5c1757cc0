/**
 * The county (or, for the provincial zone, the province) handles a comment or complaint (T2):
 * sets its status, replies, and may publish a comment with its reply. The first reply or closing
 * stops the handling clock the province watches.
 */
import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../../platform/audit/audit";
import type { Database } from "../../platform/db/schema";
import { badRequest, notFound } from "../../platform/http/errors";
import { chinaTimestamp } from "../../platform/time/china-time";
import { reportingDb } from "../reporting-db";
import { type PublicMessage, publicMessage } from "./public-messages.repository";

export async function replyPublicMessage(options: {
  db: Kysely<Database>;
  actor: Actor;
  regionCode: string;
  id: string;
  status: "processing" | "replied" | "closed";
  reply: string | null;
  isPublished: boolean;
}): Promise<PublicMessage> {
  const { db, actor, regionCode, id } = options;
  return db.transaction().execute(async (trx) => {
    const rdb = reportingDb(trx);
    const before = await rdb
      .selectFrom("transparency_messages")
      .selectAll()
      .where("id", "=", id)
      .where("region_code", "=", regionCode)
      .executeTakeFirst();
    if (!before) throw notFound({ zh: "该留言", en: "Message" });
    const reply = options.reply?.trim() || null;
    if (options.status === "replied" && !reply)
      throw badRequest("reply_required", { zh: "请填写答复内容", en: "A reply is required" });
    // Complaints are never published: they may name people and are handled by the inspectors.
    if (options.isPublished && before.kind === "complaint") {
      throw badRequest("complaint_not_public", { zh: "举报不公开发布", en: "Complaints are not published" });
    }
    const now = chinaTimestamp();
    const changes = {
      status: options.status,
      reply: reply ?? before.reply,
      replied_by: reply ? actor.name : before.replied_by,
      replied_at: reply && reply !== before.reply ? now : before.replied_at,
      is_published: options.isPublished ? 1 : 0,
      handled_at: before.handled_at ?? (options.status === "processing" ? null : now),
    };
    await rdb.updateTable("transparency_messages").set(changes).where("id", "=", id).execute();
    await recordAudit(trx, actor, {
      action: "transparency.message_handled",
      entity: "transparency_message",
      entityId: id,
      countyCode: regionCode.length === 6 ? regionCode : null,
      before: { status: before.status, reply: before.reply, isPublished: before.is_published },
      after: { status: changes.status, reply: changes.reply, isPublished: changes.is_published },
    });
    return publicMessage({ ...before, ...changes });
  });
}
