/**
 * Saves training attendances (培训 sheet). One row is one person-time; the same 培训编号 and person
 * again replaces the stored row (a re-import corrects, it does not double-count).
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { TrainingCategory } from "../../rules/upward";
import { type Actor, recordAudit } from "../platform/audit/audit";
import type { Database } from "../platform/db/schema";
import { chinaTimestamp } from "../platform/time/china-time";
import type { UpwardTables } from "./upward.tables";

export type AttendanceRow = {
  courseCode: string;
  date: string;
  category: TrainingCategory;
  personKey: string;
  personLabel: string;
  isPoor: boolean;
  householdCode: string | null;
};

/** Upserts attendances by (county, course, person); returns how many were created or changed. */
export async function saveTrainingAttendances(
  kdb: Kysely<Database>,
  countyCode: string,
  rows: AttendanceRow[],
  actor: Actor,
): Promise<number> {
  const trx = kdb.withTables<UpwardTables>();
  const key = (course: string, person: string) => `${course}\u0000${person}`;
  const existing = new Map(
    (
      await trx
        .selectFrom("training_attendances")
        .select(["course_code", "person_key", "date", "category", "is_poor", "household_code", "is_demo"])
        .where("county_code", "=", countyCode)
        .execute()
    ).map((a) => [key(a.course_code, a.person_key), a]),
  );
  const now = chinaTimestamp();
  const changed: AttendanceRow[] = [];
  const updates: { course: string; person: string; before: object; after: object }[] = [];
  for (const r of rows) {
    const before = existing.get(key(r.courseCode, r.personKey));
    const after = { date: r.date, category: r.category, isPoor: r.isPoor, household: r.householdCode };
    if (
      before &&
      before.date === r.date &&
      before.category === r.category &&
      before.is_poor === (r.isPoor ? 1 : 0) &&
      before.household_code === r.householdCode &&
      !before.is_demo
    ) {
      continue;
    }
    changed.push(r);
    if (before) {
      updates.push({
        course: r.courseCode,
        person: r.personLabel,
        before: {
          date: before.date,
          category: before.category,
          isPoor: before.is_poor === 1,
          household: before.household_code,
        },
        after,
      });
    }
  }
  for (let i = 0; i < changed.length; i += 500) {
    await trx
      .insertInto("training_attendances")
      .values(
        changed.slice(i, i + 500).map((r) => ({
          id: randomUUID(),
          county_code: countyCode,
          course_code: r.courseCode,
          date: r.date,
          category: r.category,
          person_key: r.personKey,
          person_label: r.personLabel,
          is_poor: r.isPoor ? 1 : 0,
          household_code: r.householdCode,
          is_demo: 0,
          created_at: now,
          updated_at: now,
        })),
      )
      .onConflict((oc) =>
        oc.columns(["county_code", "course_code", "person_key"]).doUpdateSet((eb) => ({
          date: eb.ref("excluded.date"),
          category: eb.ref("excluded.category"),
          person_label: eb.ref("excluded.person_label"),
          is_poor: eb.ref("excluded.is_poor"),
          household_code: eb.ref("excluded.household_code"),
          is_demo: 0,
          updated_at: now,
        })),
      )
      .execute();
  }
  if (changed.length) {
    await recordAudit(kdb, actor, {
      action: "training_attendances.saved",
      entity: "training_attendances",
      entityId: countyCode,
      countyCode,
      after: { created: changed.length - updates.length, updated: updates.length, updates },
    });
  }
  return changed.length;
}
