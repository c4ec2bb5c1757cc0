/**
 * A county administrator explains a data-quality flag in writing (核实说明) and closes it; the
 * explanation is audited and stays with the flag for the province and the assessor to read.
 */

import { type Actor, recordAudit } from "../platform/audit/audit";
import type { Db } from "../platform/db/database";
import { AppError, notFound } from "../platform/http/errors";
import { chinaTimestamp } from "../platform/time/china-time";
import { type DataQualityFlag, findFlag, flagOf } from "./data-quality.repository";
import type { OperationsTables } from "./operations.tables";

export type ResolveDataQualityFlagOptions = {
  db: Db;
  actor: Actor;
  countyCode: string;
  id: string;
  /** Why the data are genuine, or what was corrected. */
  reason: string;
};

export async function resolveDataQualityFlag(
  options: ResolveDataQualityFlagOptions,
): Promise<DataQualityFlag> {
  return options.db.db.transaction().execute(async (kdb) => {
    const row = await findFlag(kdb, options.countyCode, options.id);
    if (!row) throw notFound({ zh: "该数据质量问题", en: "Data-quality flag" });
    if (row.status !== "open") {
      throw new AppError(409, "flag_already_resolved", {
        zh: "该数据质量问题已有核实说明",
        en: "This flag has already been resolved",
      });
    }
    const now = chinaTimestamp();
    const change = {
      status: "resolved" as const,
      resolved_at: now,
      resolved_by: options.actor.id,
      resolved_by_name: options.actor.name,
      resolution: options.reason,
      updated_at: now,
    };
    await kdb
      .withTables<OperationsTables>()
      .updateTable("data_quality_flags")
      .set(change)
      .where("id", "=", row.id)
      .execute();
    await recordAudit(kdb, options.actor, {
      action: "operations.data_quality_flag_resolved",
      entity: "data_quality_flag",
      entityId: row.id,
      countyCode: options.countyCode,
      before: { status: row.status, kind: row.kind, subject: row.subject },
      after: { status: "resolved", resolution: options.reason },
    });
    return flagOf({ ...row, ...change });
  });
}
