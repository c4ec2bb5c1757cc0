/** Saves a course's details beyond the 培训 sheet: title, audiences, institution, dates, hours (O8). */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { TrainingAudience } from "../../rules/upward";
import { type Actor, recordAudit } from "../platform/audit/audit";
import type { Database } from "../platform/db/schema";
import { chinaTimestamp } from "../platform/time/china-time";
import type { UpwardTables } from "./upward.tables";

export type CourseDetails = {
  title: string;
  audiences: TrainingAudience[];
  institution: string;
  startDate: string | null;
  endDate: string | null;
  hours: number | null;
};

/** Creates or replaces the details of course `courseCode` of the county, audited. */
export async function saveCourseDetails(options: {
  db: Kysely<Database>;
  actor: Actor;
  countyCode: string;
  courseCode: string;
  details: CourseDetails;
}): Promise<void> {
  const { db, actor, countyCode, courseCode, details } = options;
  await db.transaction().execute(async (trx) => {
    const t = trx.withTables<UpwardTables>();
    const before = await t
      .selectFrom("training_courses")
      .selectAll()
      .where("county_code", "=", countyCode)
      .where("code", "=", courseCode)
      .executeTakeFirst();
    const now = chinaTimestamp();
    const values = {
      title: details.title,
      audiences: JSON.stringify(details.audiences),
      institution: details.institution,
      start_date: details.startDate,
      end_date: details.endDate,
      hours_tenths: details.hours === null ? null : Math.round(details.hours * 10),
      updated_at: now,
    };
    if (before) {
      await t.updateTable("training_courses").set(values).where("id", "=", before.id).execute();
    } else {
      await t
        .insertInto("training_courses")
        .values({
          id: randomUUID(),
          county_code: countyCode,
          code: courseCode,
          ...values,
          is_demo: 0,
          created_at: now,
        })
        .execute();
    }
    await recordAudit(trx, actor, {
      action: before ? "training_course.updated" : "training_course.created",
      entity: "training_course",
      entityId: courseCode,
      countyCode,
      before,
      after: values,
    });
  });
}
