/** The county records how an objection to the notice was resolved; filing waits for every one (F6). */
import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../platform/audit/audit";
import type { Database } from "../platform/db/schema";
import { AppError, badRequest, notFound } from "../platform/http/errors";
import { fundsDb } from "./fund-plans.repository";

export type ResolvePlanObjectionOptions = {
  db: Kysely<Database>;
  actor: Actor;
  countyCode: string;
  planId: string;
  objectionId: string;
  resolution: string;
  resolvedOn: string;
};

export async function resolvePlanObjection(options: ResolvePlanObjectionOptions) {
  const { db, actor, countyCode, planId, objectionId, resolvedOn } = options;
  const resolution = options.resolution.trim();
  if (!resolution)
    throw badRequest("resolution_required", { zh: "请填写处理结果", en: "Write how it was resolved" });
  return db.transaction().execute(async (trx) => {
    const fdb = fundsDb(trx);
    const objection = await fdb
      .selectFrom("fund_plan_objections")
      .selectAll()
      .where("id", "=", objectionId)
      .where("plan_id", "=", planId)
      .where("county_code", "=", countyCode)
      .executeTakeFirst();
    if (!objection) throw notFound({ zh: "该异议", en: "Objection" });
    if (objection.resolved_on) {
      throw new AppError(409, "already_resolved", {
        zh: "该异议已处理",
        en: "The objection is already resolved",
      });
    }
    if (resolvedOn < objection.received_on) {
      throw badRequest("resolved_before_received", {
        zh: `处理日期 ${resolvedOn} 早于收到日期 ${objection.received_on}`,
        en: `Resolved on ${resolvedOn}, before it was received (${objection.received_on})`,
      });
    }
    await fdb
      .updateTable("fund_plan_objections")
      .set({ resolution, resolved_on: resolvedOn, resolved_by: actor.name })
      .where("id", "=", objection.id)
      .execute();
    await recordAudit(trx, actor, {
      action: "fund_plan.objection_resolved",
      entity: "fund_plan_objection",
      entityId: objection.id,
      countyCode,
      before: { resolution: null },
      after: { resolution, resolvedOn },
    });
    return { id: objection.id };
  });
}
