/**
 * The reporter submits a report (R2): entry must be open, and where the settings say "submit only
 * when validation passes" every validation rule must hold (V0–V6); the report then waits for the
 * first level of its approval chain and is locked. The first submission day is kept for timeliness.
 */
import type { Kysely } from "kysely";
import {
  applyReportAction,
  entryState,
  type MonthlyReportContent,
  type ValidationProblem,
  validateReportContent,
} from "../../../rules/reporting";
import type { Principal } from "../../platform/auth/roles";
import type { Database } from "../../platform/db/schema";
import { AppError } from "../../platform/http/errors";
import { chinaDate, chinaTimestamp } from "../../platform/time/china-time";
import { enqueueReportDelivery } from "../deliveries/enqueue-report-delivery";
import type { ReportSink } from "../deliveries/report-sink";
import { parseJson, reportingDb } from "../reporting-db";
import { loadReportingSettings } from "../settings/reporting-settings.repository";
import { entryClosed } from "./create-report";
import { assertMayReport } from "./report-access";
import { reportForChange } from "./report-for-change";
import { entryExceptionUntil, type ReportRecord, reportRecord } from "./reports.repository";
import { writeReportEvent } from "./write-report-event";

export type SubmitResult = { report: ReportRecord; warnings: ValidationProblem[] };

export async function submitReport(options: {
  db: Kysely<Database>;
  principal: Principal;
  countyCode: string;
  id: string;
  version: number;
  today?: string;
  lang?: "zh" | "en";
  /** Where a report approved on submission (empty approval chain) is queued for. */
  sink?: Pick<ReportSink, "kind" | "target"> | null;
}): Promise<SubmitResult> {
  const { db, principal, countyCode, id, version } = options;
  const today = options.today ?? chinaDate();
  const { reporting: settings } = await loadReportingSettings(db);
  return db.transaction().execute(async (trx) => {
    const before = await reportForChange(trx, countyCode, id, version);
    await assertMayReport(trx, principal, countyCode, before.reporter_key);
    const exceptionUntil = await entryExceptionUntil(trx, countyCode, before.kind, before.period);
    const state = entryState({
      kind: before.kind,
      period: before.period,
      today,
      settings,
      exceptionUntil,
      isCorrection: before.status === "returned",
    });
    if (state === "not_yet") {
      throw new AppError(409, "period_not_ended", {
        zh: "报告期尚未结束，暂不能提交",
        en: "The period has not ended yet",
      });
    }
    if (state === "closed") throw entryClosed();
    const content = parseJson<MonthlyReportContent>(before.content_json, {} as MonthlyReportContent);
    const problems = validateReportContent(content, before.reporter_kind);
    if (problems.length && settings.submitOnlyWhenValid[before.kind]) {
      throw new AppError(
        422,
        "report_invalid",
        { zh: "报告未通过校验规则，不能提交", en: "The report fails its validation rules" },
        problems.map((p) => ({ path: p.path, message: `${p.rule} ${p.message[options.lang ?? "zh"]}` })),
      );
    }
    const result = applyReportAction(
      { status: before.status, pendingLevel: before.pending_level },
      { type: "submit" },
      settings.approvalChains[before.reporter_kind],
      settings,
    );
    if (!result.ok) throw new AppError(409, "bad_transition", result.reason);
    const now = chinaTimestamp();
    const after = {
      ...before,
      status: result.state.status,
      pending_level: result.state.pendingLevel,
      version: before.version + 1,
      first_submitted_on: before.first_submitted_on ?? today,
      first_submitted_at: before.first_submitted_at ?? now,
      submitted_at: now,
      approved_at: result.state.status === "approved" ? now : null,
      updated_at: now,
    };
    await reportingDb(trx)
      .updateTable("reporting_reports")
      .set({
        status: after.status,
        pending_level: after.pending_level,
        version: after.version,
        first_submitted_on: after.first_submitted_on,
        first_submitted_at: after.first_submitted_at,
        submitted_at: now,
        approved_at: after.approved_at,
        updated_at: now,
      })
      .where("id", "=", id)
      .execute();
    await writeReportEvent(
      trx,
      { id: principal.id, name: principal.username },
      {
        action: "submitted",
        report: after,
        before,
        statusAfter: after.status,
      },
    );
    if (after.status === "approved" && options.sink) await enqueueReportDelivery(trx, options.sink, after);
    return { report: reportRecord(after), warnings: problems };
  });
}
