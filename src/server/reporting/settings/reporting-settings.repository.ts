/**
 * The readings of R2–R4 and T1–T4 in force: the exported defaults, overlaid with what the province
 * administrator saved (reporting_settings rows `reporting` and `transparency`).
 */
import type { Kysely } from "kysely";
import { DEFAULT_REPORTING_SETTINGS, type ReportingSettings } from "../../../rules/reporting";
import { DEFAULT_TRANSPARENCY_SETTINGS, type TransparencySettings } from "../../../rules/transparency";
import type { Database } from "../../platform/db/schema";
import { parseJson, reportingDb } from "../reporting-db";

export type AllReportingSettings = { reporting: ReportingSettings; transparency: TransparencySettings };

export async function loadReportingSettings(kdb: Kysely<Database>): Promise<AllReportingSettings> {
  const rows = await reportingDb(kdb).selectFrom("reporting_settings").selectAll().execute();
  const saved = (key: string) =>
    parseJson<Record<string, unknown>>(rows.find((r) => r.key === key)?.value_json, {});
  return {
    reporting: { ...DEFAULT_REPORTING_SETTINGS, ...saved("reporting") } as ReportingSettings,
    transparency: { ...DEFAULT_TRANSPARENCY_SETTINGS, ...saved("transparency") } as TransparencySettings,
  };
}
