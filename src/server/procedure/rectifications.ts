/**
 * Rectification (整改, K1): a failed item or a confirmed finding gets an owner and a deadline in
 * working days (F6 calendar); the county records evidence of the fix; the assessor re-assesses.
 * A failed re-assessment keeps it open; a passing one closes it.
 */
import type { Kysely } from "kysely";
import { checkStep } from "../../rules/acceptance/procedure";
import { addWorkingDays } from "../../rules/calendar";
import { loadWorkCalendar } from "../calendar";
import { recordAudit } from "../platform/audit/audit";
import type { Principal } from "../platform/auth/roles";
import { newId } from "../platform/auth/sessions";
import type { Database } from "../platform/db/schema";
import { AppError, forbidden, notFound } from "../platform/http/errors";
import { chinaTimestamp } from "../platform/time/china-time";
import { loadProcedureFacts, procedureDb, requireDocuments } from "./procedure.repository";
import { refusal } from "./take-step";

export type RectificationInput = {
  source: "item" | "finding";
  ref: string;
  problem: string;
  owner: string;
  openedOn: string;
  workingDays: number;
  isDemo?: boolean;
};

/** Opens a rectification inside the caller's transaction; the deadline counts working days (F6). */
export async function insertRectification(
  trx: Kysely<Database>,
  actor: Principal,
  countyCode: string,
  input: RectificationInput,
) {
  const calendar = await loadWorkCalendar(trx);
  const row = {
    id: newId(),
    county_code: countyCode,
    source: input.source,
    ref: input.ref,
    problem: input.problem,
    owner: input.owner,
    opened_on: input.openedOn,
    working_days: input.workingDays,
    deadline: addWorkingDays(calendar, input.openedOn, input.workingDays),
    closed_on: null,
    created_by: actor.displayName,
    created_at: chinaTimestamp(),
    is_demo: input.isDemo ? 1 : 0,
  };
  const pdb = procedureDb(trx);
  await pdb.insertInto("rectifications").values(row).execute();
  await pdb
    .insertInto("rectification_events")
    .values({
      id: newId(),
      rectification_id: row.id,
      county_code: countyCode,
      kind: "opened",
      event_date: input.openedOn,
      outcome: null,
      note: `${input.problem}；责任单位：${input.owner}；整改期限：${row.deadline}（${input.workingDays}个工作日）`,
      document_id: null,
      actor_name: actor.displayName,
      created_at: row.created_at,
      is_demo: row.is_demo,
    })
    .execute();
  return row.id;
}

/** The county (or the assessor) opens a rectification of a failed item or a finding. */
export async function openRectification(
  db: Kysely<Database>,
  actor: Principal,
  countyCode: string,
  input: RectificationInput,
) {
  return db.transaction().execute(async (trx) => {
    const refused = checkStep(
      await loadProcedureFacts(trx, countyCode),
      { step: "rectification" },
      actor.role,
      input.openedOn,
    );
    if (refused) throw refusal(refused);
    const id = await insertRectification(trx, actor, countyCode, input);
    await recordAudit(
      trx,
      { id: actor.id, name: actor.username },
      {
        action: "rectification.opened",
        entity: "rectification",
        entityId: id,
        countyCode,
        after: input,
      },
    );
    return { id };
  });
}

export type RectificationEventInput = {
  kind: "evidence" | "reassessed";
  date: string;
  note: string;
  outcome?: "pass" | "fail";
  documentId?: string;
  isDemo?: boolean;
};

/** Evidence of the fix (county) or the re-assessment (assessor) of one rectification. */
export async function addRectificationEvent(
  db: Kysely<Database>,
  actor: Principal,
  countyCode: string,
  rectificationId: string,
  input: RectificationEventInput,
) {
  // rule K1: the county shows the fix, the third party re-assesses it.
  const role = input.kind === "evidence" ? "county_admin" : "assessor";
  if (actor.role !== role) throw forbidden();
  return db.transaction().execute(async (trx) => {
    const pdb = procedureDb(trx);
    const rect = await pdb
      .selectFrom("rectifications")
      .selectAll()
      .where("id", "=", rectificationId)
      .where("county_code", "=", countyCode)
      .executeTakeFirst();
    if (!rect) throw notFound({ zh: "该整改事项", en: "Rectification" });
    if (rect.closed_on) {
      throw new AppError(409, "rectification_closed", {
        zh: "该整改已复核通过",
        en: "The rectification is already closed",
      });
    }
    if (input.date < rect.opened_on) {
      throw new AppError(409, "procedure_out_of_order", {
        zh: `日期早于整改登记日 ${rect.opened_on}（规则 K1）`,
        en: `Dated before the rectification was opened on ${rect.opened_on} (rule K1)`,
      });
    }
    if (input.kind === "reassessed") {
      const evidence = await pdb
        .selectFrom("rectification_events")
        .select("id")
        .where("rectification_id", "=", rect.id)
        .where("kind", "=", "evidence")
        .where("event_date", "<=", input.date)
        .executeTakeFirst();
      if (!evidence) {
        throw new AppError(409, "procedure_out_of_order", {
          zh: "须先提交整改证据，方可复核（规则 K1）",
          en: "Evidence of the fix must come before the re-assessment (rule K1)",
        });
      }
    }
    if (input.documentId) await requireDocuments(trx, countyCode, [input.documentId]);
    const event = {
      id: newId(),
      rectification_id: rect.id,
      county_code: countyCode,
      kind: input.kind,
      event_date: input.date,
      outcome: input.kind === "reassessed" ? (input.outcome ?? "fail") : null,
      note: input.note,
      document_id: input.documentId ?? null,
      actor_name: actor.displayName,
      created_at: chinaTimestamp(),
      is_demo: input.isDemo ? 1 : 0,
    };
    await pdb.insertInto("rectification_events").values(event).execute();
    if (event.outcome === "pass") {
      await pdb
        .updateTable("rectifications")
        .set({ closed_on: input.date })
        .where("id", "=", rect.id)
        .execute();
    }
    await recordAudit(
      trx,
      { id: input.isDemo ? null : actor.id, name: actor.username },
      {
        action: `rectification.${input.kind}`,
        entity: "rectification",
        entityId: rect.id,
        countyCode,
        after: {
          date: event.event_date,
          outcome: event.outcome,
          note: event.note,
          document: event.document_id,
        },
      },
    );
    return { id: event.id, closedOn: event.outcome === "pass" ? input.date : null };
  });
}
