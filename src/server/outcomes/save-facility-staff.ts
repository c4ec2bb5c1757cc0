/**
 * Writes the staff roster of the center, warehouses and stations (rule K5): one person, one post,
 * one start date. The person is held as `person_key` (an ID-card number's keyed hash, or the id as
 * given, upward/person-pseudonym.ts) and shown as `person_label` (masked); the key never enters
 * the audit log or a response.
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../platform/audit/audit";
import type { Database } from "../platform/db/schema";
import { notFound } from "../platform/http/errors";
import { chinaTimestamp } from "../platform/time/china-time";
import type { FacilityStaffTable, OutcomesTables } from "./outcomes.tables";

export type StaffInput = {
  facilityKind: string;
  facilityCode: string;
  role: string;
  startedOn: string;
  endedOn: string | null;
  isPoor: boolean;
};
/** The person of a record, as pseudonymize() gave it. */
export type StaffPerson = { key: string; label: string };

const staffNoun = { zh: "从业人员记录", en: "Staff record" };
const tables = (db: Kysely<Database>) => db.withTables<OutcomesTables>();

const columns = (input: StaffInput) => ({
  facility_kind: input.facilityKind,
  facility_code: input.facilityCode,
  role: input.role,
  started_on: input.startedOn,
  ended_on: input.endedOn,
  is_poor: input.isPoor ? 1 : 0,
});

/** The row as the audit log may hold it: without the person's key. */
function logged(row: Partial<FacilityStaffTable>) {
  const { person_key: _key, ...rest } = row;
  return rest;
}

export function presentStaff(r: FacilityStaffTable) {
  return {
    id: r.id,
    facilityKind: r.facility_kind,
    facilityCode: r.facility_code,
    personLabel: r.person_label,
    role: r.role,
    startedOn: r.started_on,
    endedOn: r.ended_on,
    isPoor: Number(r.is_poor) === 1,
    isDemo: Number(r.is_demo) === 1,
  };
}

/** Adds one record; call inside a transaction. */
export async function addStaff(
  trx: Kysely<Database>,
  countyCode: string,
  input: StaffInput,
  person: StaffPerson,
  actor: Actor,
): Promise<FacilityStaffTable> {
  const now = chinaTimestamp();
  const row: FacilityStaffTable = {
    id: randomUUID(),
    county_code: countyCode,
    ...columns(input),
    person_key: person.key,
    person_label: person.label,
    is_demo: 0,
    created_at: now,
    updated_at: now,
  };
  await tables(trx).insertInto("facility_staff").values(row).execute();
  await recordAudit(trx, actor, {
    action: "facility_staff.created",
    entity: "facility_staff",
    entityId: row.id,
    countyCode,
    after: logged(row),
  });
  return row;
}

/** Changes one record of the county; without `person` the person stays as recorded. */
export async function updateStaff(
  trx: Kysely<Database>,
  countyCode: string,
  id: string,
  input: StaffInput,
  person: StaffPerson | undefined,
  actor: Actor,
): Promise<FacilityStaffTable> {
  const before = await tables(trx)
    .selectFrom("facility_staff")
    .selectAll()
    .where("id", "=", id)
    .where("county_code", "=", countyCode)
    .executeTakeFirst();
  if (!before) throw notFound(staffNoun);
  const changes = {
    ...columns(input),
    ...(person ? { person_key: person.key, person_label: person.label } : {}),
    updated_at: chinaTimestamp(),
  };
  await tables(trx).updateTable("facility_staff").set(changes).where("id", "=", id).execute();
  const after = { ...before, ...changes };
  await recordAudit(trx, actor, {
    action: "facility_staff.updated",
    entity: "facility_staff",
    entityId: id,
    countyCode,
    before: logged(before),
    after: { ...logged(after), personChanged: person ? person.key !== before.person_key : false },
  });
  return after;
}

/** Deletes one record of the county. */
export async function deleteStaff(
  trx: Kysely<Database>,
  countyCode: string,
  id: string,
  actor: Actor,
): Promise<void> {
  const before = await tables(trx)
    .selectFrom("facility_staff")
    .selectAll()
    .where("id", "=", id)
    .where("county_code", "=", countyCode)
    .executeTakeFirst();
  if (!before) throw notFound(staffNoun);
  await tables(trx).deleteFrom("facility_staff").where("id", "=", id).execute();
  await recordAudit(trx, actor, {
    action: "facility_staff.deleted",
    entity: "facility_staff",
    entityId: id,
    countyCode,
    before: logged(before),
  });
}

export type StaffImportRow = StaffInput & { person: StaffPerson };

/**
 * The 从业人员 sheet's rows: a person at a facility from a start date is one record, so re-importing
 * it updates that record (post, end date, poor status) instead of adding another. One audit entry
 * for the import, with counts only. Call inside the import's transaction.
 */
export async function importStaff(
  trx: Kysely<Database>,
  countyCode: string,
  rows: readonly StaffImportRow[],
  actor: Actor,
): Promise<number> {
  if (!rows.length) return 0;
  const existing = await tables(trx)
    .selectFrom("facility_staff")
    .select(["id", "facility_kind", "facility_code", "person_key", "started_on"])
    .where("county_code", "=", countyCode)
    .execute();
  const keyOf = (kind: string, code: string, person: string, start: string) =>
    [kind, code, person, start].join("\u0001");
  const ids = new Map(
    existing.map((e) => [keyOf(e.facility_kind, e.facility_code, e.person_key, e.started_on), e.id]),
  );
  const now = chinaTimestamp();
  const inserts: FacilityStaffTable[] = [];
  let updated = 0;
  for (const r of rows) {
    const id = ids.get(keyOf(r.facilityKind, r.facilityCode, r.person.key, r.startedOn));
    if (id) {
      await tables(trx)
        .updateTable("facility_staff")
        .set({ ...columns(r), person_label: r.person.label, is_demo: 0, updated_at: now })
        .where("id", "=", id)
        .execute();
      updated++;
    } else {
      inserts.push({
        id: randomUUID(),
        county_code: countyCode,
        ...columns(r),
        person_key: r.person.key,
        person_label: r.person.label,
        is_demo: 0,
        created_at: now,
        updated_at: now,
      });
    }
  }
  for (let i = 0; i < inserts.length; i += 500) {
    await tables(trx)
      .insertInto("facility_staff")
      .values(inserts.slice(i, i + 500))
      .execute();
  }
  await recordAudit(trx, actor, {
    action: "facility_staff.imported",
    entity: "facility_staff",
    entityId: countyCode,
    countyCode,
    after: {
      rows: rows.length,
      added: inserts.length,
      updated,
      poor: rows.filter((r) => r.isPoor).length,
      facilities: new Set(rows.map((r) => `${r.facilityKind}:${r.facilityCode}`)).size,
    },
  });
  return rows.length;
}
