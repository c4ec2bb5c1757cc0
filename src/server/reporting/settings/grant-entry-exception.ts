/** The province keeps entry open for one county and period beyond the normal closing (R2). */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { isPeriod, type ReportKind } from "../../../rules/reporting";
import { type Actor, recordAudit } from "../../platform/audit/audit";
import type { Database } from "../../platform/db/schema";
import { badRequest, notFound } from "../../platform/http/errors";
import { chinaTimestamp } from "../../platform/time/china-time";
import { reportingDb } from "../reporting-db";

export async function grantEntryException(options: {
  db: Kysely<Database>;
  actor: Actor;
  countyCode: string;
  kind: ReportKind;
  period: string;
  openUntil: string;
  reason: string;
}): Promise<string> {
  const { db, actor, countyCode, kind, period, openUntil } = options;
  if (!isPeriod(kind, period)) throw badRequest("bad_period", { zh: "报告期格式不对", en: "Bad period" });
  const row = {
    id: randomUUID(),
    county_code: countyCode,
    kind,
    period,
    open_until: openUntil,
    reason: options.reason.trim(),
    granted_by: actor.name,
    created_at: chinaTimestamp(),
    revoked_at: null,
  };
  await db.transaction().execute(async (trx) => {
    await reportingDb(trx).insertInto("reporting_entry_exceptions").values(row).execute();
    await recordAudit(trx, actor, {
      action: "reporting.entry_exception_granted",
      entity: "reporting_entry_exception",
      entityId: row.id,
      countyCode,
      after: row,
    });
  });
  return row.id;
}

export async function revokeEntryException(options: {
  db: Kysely<Database>;
  actor: Actor;
  countyCode: string;
  id: string;
}) {
  const { db, actor, countyCode, id } = options;
  await db.transaction().execute(async (trx) => {
    const rdb = reportingDb(trx);
    const before = await rdb
      .selectFrom("reporting_entry_exceptions")
      .selectAll()
      .where("id", "=", id)
      .where("county_code", "=", countyCode)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    if (!before) throw notFound({ zh: "该例外", en: "Exception" });
    const revoked_at = chinaTimestamp();
    await rdb.updateTable("reporting_entry_exceptions").set({ revoked_at }).where("id", "=", id).execute();
    await recordAudit(trx, actor, {
      action: "reporting.entry_exception_revoked",
      entity: "reporting_entry_exception",
      entityId: id,
      countyCode,
      before,
      after: { revoked_at },
    });
  });
}
