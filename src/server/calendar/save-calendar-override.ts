/** The province administrator declares a day a holiday or a make-up working day (rule F6). */
import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../platform/audit/audit";
import type { Database } from "../platform/db/schema";
import { chinaTimestamp } from "../platform/time/china-time";
import type { CalendarTables } from "./calendar.tables";

export type SaveCalendarOverrideOptions = {
  db: Kysely<Database>;
  actor: Actor;
  /** YYYY-MM-DD, already validated. */
  date: string;
  kind: "holiday" | "workday";
  note: string;
};

/** Adds or replaces the correction of one day; returns whether it was new. */
export async function saveCalendarOverride({ db, actor, date, kind, note }: SaveCalendarOverrideOptions) {
  return db.transaction().execute(async (trx) => {
    const cdb = trx.withTables<CalendarTables>();
    const before = await cdb
      .selectFrom("calendar_days")
      .selectAll()
      .where("date", "=", date)
      .executeTakeFirst();
    const row = { date, kind, note: note.trim(), updated_by: actor.name, updated_at: chinaTimestamp() };
    if (before) await cdb.updateTable("calendar_days").set(row).where("date", "=", date).execute();
    else await cdb.insertInto("calendar_days").values(row).execute();
    await recordAudit(trx, actor, {
      action: before ? "calendar.day_updated" : "calendar.day_added",
      entity: "calendar_day",
      entityId: date,
      before: before ? { kind: before.kind, note: before.note } : undefined,
      after: { kind, note: row.note },
    });
    return { created: !before };
  });
}
