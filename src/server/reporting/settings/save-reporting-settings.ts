/** The province administrator changes a reading of R2–R4 or T1–T4 (audited, before and after). */
import type { Kysely } from "kysely";
import type { ReportingSettings } from "../../../rules/reporting";
import type { TransparencySettings } from "../../../rules/transparency";
import { type Actor, recordAudit } from "../../platform/audit/audit";
import type { Database } from "../../platform/db/schema";
import { chinaTimestamp } from "../../platform/time/china-time";
import { reportingDb } from "../reporting-db";
import { type AllReportingSettings, loadReportingSettings } from "./reporting-settings.repository";

export type SaveReportingSettingsOptions = {
  db: Kysely<Database>;
  actor: Actor;
  /** Only the fields given change; the rest keep their saved or default value. */
  reporting?: Partial<ReportingSettings>;
  transparency?: Partial<TransparencySettings>;
};

export async function saveReportingSettings(
  options: SaveReportingSettingsOptions,
): Promise<AllReportingSettings> {
  const { db, actor } = options;
  return db.transaction().execute(async (trx) => {
    const before = await loadReportingSettings(trx);
    const after: AllReportingSettings = {
      reporting: { ...before.reporting, ...options.reporting },
      transparency: { ...before.transparency, ...options.transparency },
    };
    const now = chinaTimestamp();
    for (const key of ["reporting", "transparency"] as const) {
      if (!options[key]) continue;
      const value_json = JSON.stringify(after[key]);
      await reportingDb(trx)
        .insertInto("reporting_settings")
        .values({ key, value_json, updated_by: actor.name, updated_at: now })
        .onConflict((oc) =>
          oc.column("key").doUpdateSet({ value_json, updated_by: actor.name, updated_at: now }),
        )
        .execute();
    }
    await recordAudit(trx, actor, {
      action: "reporting.settings_saved",
      entity: "reporting_settings",
      before,
      after,
    });
    return after;
  });
}
