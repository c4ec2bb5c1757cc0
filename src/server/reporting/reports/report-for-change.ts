/** Reads a report inside a write transaction and checks the version the caller read (409 if stale). */
import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema";
import { AppError, notFound } from "../../platform/http/errors";
import type { ReportTable } from "../reporting.tables";
import { getReportRow } from "./reports.repository";

export const noReport = () => notFound({ zh: "该报告", en: "Report" });

export async function reportForChange(
  trx: Kysely<Database>,
  countyCode: string,
  id: string,
  version: number,
): Promise<ReportTable> {
  const row = await getReportRow(trx, countyCode, id);
  if (!row) throw noReport();
  if (Number(row.version) !== version) {
    throw new AppError(409, "version_conflict", {
      zh: "该报告已被他人修改，请刷新后重试",
      en: "The report changed since you read it; reload and try again",
    });
  }
  return row;
}
