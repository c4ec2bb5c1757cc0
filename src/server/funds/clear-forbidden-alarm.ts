/**
 * The officer confirms that an F4 alarm on a line is false (e.g. "代缴电费" is a station service),
 * with a written reason. The reason, the text and the terms that raised the alarm go to the audit log.
 */
import type { Kysely } from "kysely";
import { findForbiddenUses } from "../../rules/funds";
import { type Actor, recordAudit } from "../platform/audit/audit";
import type { Database } from "../platform/db/schema";
import { badRequest, notFound } from "../platform/http/errors";
import { chinaTimestamp } from "../platform/time/china-time";
import { requirePlanStatus } from "./fund-plan-errors";
import { findPlan, fundsDb } from "./fund-plans.repository";

/** A reason shorter than this says nothing (“误报”); settings, not a rule of the seed. */
export const MIN_CLEARANCE_REASON_CHARS = 5;

export type ClearForbiddenAlarmOptions = {
  db: Kysely<Database>;
  actor: Actor;
  countyCode: string;
  planId: string;
  lineId: string;
  reason: string;
};

export async function clearForbiddenAlarm({
  db,
  actor,
  countyCode,
  planId,
  lineId,
  reason,
}: ClearForbiddenAlarmOptions) {
  const text = reason.trim();
  if ([...text].length < MIN_CLEARANCE_REASON_CHARS) {
    throw badRequest("reason_required", {
      zh: `请写明误报理由（至少 ${MIN_CLEARANCE_REASON_CHARS} 个字）`,
      en: `Write the reason the alarm is false (at least ${MIN_CLEARANCE_REASON_CHARS} characters)`,
    });
  }
  return db.transaction().execute(async (trx) => {
    const plan = requirePlanStatus(await findPlan(trx, countyCode, planId), ["draft"]);
    const line = plan.lines.find((l) => l.id === lineId);
    if (!line) throw notFound({ zh: "该资金安排行", en: "Plan line" });
    const hits = findForbiddenUses(line.description);
    if (hits.length === 0) {
      throw badRequest("no_alarm", {
        zh: "该行没有禁止用途提示，无需确认",
        en: "This line raises no forbidden-use alarm",
      });
    }
    const at = chinaTimestamp();
    await fundsDb(trx)
      .updateTable("fund_plan_lines")
      .set({ cleared_reason: text, cleared_by: actor.name, cleared_at: at })
      .where("id", "=", line.id)
      .execute();
    await recordAudit(trx, actor, {
      action: "fund_plan.forbidden_alarm_cleared",
      entity: "fund_plan_line",
      entityId: line.id,
      countyCode,
      before: { clearance: line.cleared_reason },
      after: {
        planVersion: plan.version,
        lineNo: line.line_no,
        description: line.description,
        terms: hits.map((h) => h.term),
        rule: "F4",
        reason: text,
      },
    });
    return { id: line.id, clearedAt: at };
  });
}
