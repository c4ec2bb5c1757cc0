/** Removes one attendance row entered by mistake (a person-time that did not happen), audited. */
import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../platform/audit/audit";
import type { Database } from "../platform/db/schema";
import { notFound } from "../platform/http/errors";
import type { UpwardTables } from "./upward.tables";

export async function removeAttendance(options: {
  db: Kysely<Database>;
  actor: Actor;
  countyCode: string;
  attendanceId: string;
}): Promise<void> {
  const { db, actor, countyCode, attendanceId } = options;
  await db.transaction().execute(async (trx) => {
    const t = trx.withTables<UpwardTables>();
    const row = await t
      .selectFrom("training_attendances")
      .select(["id", "course_code", "date", "category", "person_label", "is_poor"])
      .where("id", "=", attendanceId)
      .where("county_code", "=", countyCode)
      .executeTakeFirst();
    if (!row) throw notFound({ zh: "该培训记录", en: "Attendance" });
    await t.deleteFrom("training_attendances").where("id", "=", row.id).execute();
    await recordAudit(trx, actor, {
      action: "training_attendance.deleted",
      entity: "training_attendance",
      entityId: row.id,
      countyCode,
      before: row,
    });
  });
}
