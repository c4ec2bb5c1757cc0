/** An objection (异议) to the fund arrangement received during its public notice (rule F6). */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../platform/audit/audit";
import type { Database } from "../platform/db/schema";
import { badRequest } from "../platform/http/errors";
import { chinaTimestamp } from "../platform/time/china-time";
import { requirePlanStatus } from "./fund-plan-errors";
import { findPlan, fundsDb } from "./fund-plans.repository";

export type LogPlanObjectionOptions = {
  db: Kysely<Database>;
  actor: Actor;
  countyCode: string;
  planId: string;
  receivedOn: string;
  objector: string;
  content: string;
  isDemo?: boolean;
};

export async function logPlanObjection(options: LogPlanObjectionOptions) {
  const { db, actor, countyCode, planId, receivedOn } = options;
  return db.transaction().execute(async (trx) => {
    const plan = requirePlanStatus(await findPlan(trx, countyCode, planId), ["notice"]);
    if (plan.notice_start && receivedOn < plan.notice_start) {
      throw badRequest("objection_before_notice", {
        zh: `异议收到日期 ${receivedOn} 早于公示开始日 ${plan.notice_start}`,
        en: `An objection received on ${receivedOn} predates the notice (${plan.notice_start})`,
      });
    }
    const row = {
      id: randomUUID(),
      plan_id: plan.id,
      county_code: countyCode,
      received_on: receivedOn,
      objector: options.objector.trim(),
      content: options.content.trim(),
      resolution: null,
      resolved_on: null,
      resolved_by: null,
      created_at: chinaTimestamp(),
      is_demo: options.isDemo ? 1 : 0,
    };
    await fundsDb(trx).insertInto("fund_plan_objections").values(row).execute();
    await recordAudit(trx, actor, {
      action: "fund_plan.objection_logged",
      entity: "fund_plan_objection",
      entityId: row.id,
      countyCode,
      after: { planVersion: plan.version, receivedOn, objector: row.objector, content: row.content },
    });
    return { id: row.id };
  });
}
