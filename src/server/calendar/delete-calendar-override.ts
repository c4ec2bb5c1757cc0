/** The province administrator removes a correction of the working-day calendar (rule F6). */
import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../platform/audit/audit";
import type { Database } from "../platform/db/schema";
import type { CalendarTables } from "./calendar.tables";

/** Removes a correction: the day falls back to `chinese-days` (or to weekends only). */
export async function deleteCalendarOverride({
  db,
  actor,
  date,
}: {
  db: Kysely<Database>;
  actor: Actor;
  date: string;
}) {
  return db.transaction().execute(async (trx) => {
    const cdb = trx.withTables<CalendarTables>();
    const before = await cdb
      .selectFrom("calendar_days")
      .selectAll()
      .where("date", "=", date)
      .executeTakeFirst();
    if (!before) return false;
    await cdb.deleteFrom("calendar_days").where("date", "=", date).execute();
    await recordAudit(trx, actor, {
      action: "calendar.day_deleted",
      entity: "calendar_day",
      entityId: date,
      before: { kind: before.kind, note: before.note },
    });
    return true;
  });
}
