/**
 * Records a step of the acceptance procedure (K1) after the pure rules allow it: application,
 * commission, filing, city and province review, spot check. Confirmed spot-check findings open
 * their rectifications in the same transaction; a filing needs a rectification for every item the
 * signed scorecard failed.
 */
import type { Kysely } from "kysely";
import { checkStep, type StepAction } from "../../rules/acceptance/procedure";
import { recordAudit } from "../platform/audit/audit";
import type { Principal } from "../platform/auth/roles";
import { newId } from "../platform/auth/sessions";
import type { Database } from "../platform/db/schema";
import { AppError } from "../platform/http/errors";
import { chinaTimestamp } from "../platform/time/china-time";
import { loadProcedureFacts, procedureDb, requireDocuments } from "./procedure.repository";
import { insertRectification, type RectificationInput } from "./rectifications";

export type StepInput = StepAction & {
  date: string;
  details: Record<string, unknown>;
  documentIds: string[];
  /** Documents the step must carry, by kind (the commission's qualification, the filing's reports). */
  requiredKinds?: string[];
  /** Rectifications opened with the step (confirmed spot-check findings). */
  rectifications?: RectificationInput[];
  isDemo?: boolean;
};

export const refusal = (r: { status: number; code: string; zh: string; en: string }) =>
  new AppError(r.status, r.code, { zh: r.zh, en: r.en });

export async function takeStep(db: Kysely<Database>, actor: Principal, countyCode: string, input: StepInput) {
  return db.transaction().execute(async (trx) => {
    const facts = await loadProcedureFacts(trx, countyCode);
    const refused = checkStep(facts, input, actor.role, input.date);
    if (refused) throw refusal(refused);
    const docs = await requireDocuments(trx, countyCode, input.documentIds);
    for (const kind of input.requiredKinds ?? []) {
      if (!docs.some((d) => d.kind === kind)) {
        throw new AppError(400, "document_required", {
          zh: `须附上传的文件（${kind}）（规则 K1）`,
          en: `An uploaded document of kind ${kind} is required (rule K1)`,
        });
      }
    }
    if (input.step === "filing") await requireItemRectifications(trx, countyCode);
    const row = {
      id: newId(),
      county_code: countyCode,
      step: input.step,
      action: "action" in input && input.action ? input.action : "done",
      step_date: input.date,
      details_json: JSON.stringify(input.details),
      document_ids_json: JSON.stringify(input.documentIds),
      acted_by: input.isDemo ? null : actor.id,
      acted_by_name: actor.displayName,
      acted_role: actor.role,
      created_at: chinaTimestamp(),
      is_demo: input.isDemo ? 1 : 0,
    };
    await procedureDb(trx).insertInto("procedure_steps").values(row).execute();
    const opened: string[] = [];
    for (const r of input.rectifications ?? [])
      opened.push(await insertRectification(trx, actor, countyCode, r));
    await recordAudit(
      trx,
      { id: row.acted_by, name: actor.username },
      {
        action: `procedure.${input.step}`,
        entity: "procedure_step",
        entityId: row.id,
        countyCode,
        after: {
          step: row.step,
          action: row.action,
          date: row.step_date,
          details: input.details,
          documents: input.documentIds,
          rectifications: opened,
        },
      },
    );
    return { id: row.id, step: row.step, action: row.action, date: row.step_date, rectificationIds: opened };
  });
}

/** K1: every item the signed scorecard failed has a rectification before the county files. */
async function requireItemRectifications(trx: Kysely<Database>, countyCode: string) {
  const signoff = await trx
    .withTables<{ acceptance_signoffs: { county_code: string; signed_at: string; scorecard_json: string } }>()
    .selectFrom("acceptance_signoffs")
    .select("scorecard_json")
    .where("county_code", "=", countyCode)
    .orderBy("signed_at", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!signoff) return;
  const failed = (JSON.parse(signoff.scorecard_json).items as { id: string; status: string }[])
    .filter((i) => i.status === "fail")
    .map((i) => i.id);
  if (failed.length === 0) return;
  const have = new Set(
    (
      await procedureDb(trx)
        .selectFrom("rectifications")
        .select("ref")
        .where("county_code", "=", countyCode)
        .where("source", "=", "item")
        .execute()
    ).map((r) => r.ref),
  );
  const missing = failed.filter((id) => !have.has(id));
  if (missing.length) {
    throw new AppError(409, "rectification_missing", {
      zh: `评估未通过的指标须先登记整改：${missing.join("、")}（规则 K1）`,
      en: `Failed items need a rectification first: ${missing.join(", ")} (rule K1)`,
    });
  }
}
