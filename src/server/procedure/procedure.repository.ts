/** Reads of the procedure domain: a county's K1 steps, rectifications, terminations and documents. */
import type { Kysely } from "kysely";
import { type ProcedureEvent, type ProcedureFacts, procedureAsOf } from "../../rules/acceptance/procedure";
import type { Database } from "../platform/db/schema";
import { notFound } from "../platform/http/errors";
import type { ProcedureTables } from "./procedure.tables";

export const procedureDb = (db: Kysely<Database>) => db.withTables<ProcedureTables>();

type Tables = Database &
  ProcedureTables & { acceptance_signoffs: { county_code: string; signed_at: string } } & {
    contracts: { id: string; county_code: string };
  };

/** What the K1 rules read about a county: its steps, sign-off, rectifications and contracts. */
export async function loadProcedureFacts(db: Kysely<Database>, countyCode: string): Promise<ProcedureFacts> {
  const kdb = db.withTables<Tables>();
  const [steps, signoff, rects, contracts, terminated] = await Promise.all([
    procedureSteps(db, countyCode),
    kdb
      .selectFrom("acceptance_signoffs")
      .select("signed_at")
      .where("county_code", "=", countyCode)
      .orderBy("signed_at")
      .limit(1)
      .executeTakeFirst(),
    procedureDb(db)
      .selectFrom("rectifications")
      .select(["opened_on", "closed_on"])
      .where("county_code", "=", countyCode)
      .execute(),
    kdb.selectFrom("contracts").select("id").where("county_code", "=", countyCode).execute(),
    procedureDb(db)
      .selectFrom("contract_terminations")
      .select("contract_id")
      .where("county_code", "=", countyCode)
      .execute(),
  ]);
  const released = new Map<string, string>();
  for (const s of steps) if (s.step === "retainage") released.set(String(s.details.contractId), s.date);
  // A contract ended early (K2) owes no retainage to the contractor that could not operate.
  const ended = new Set(terminated.map((t) => t.contract_id));
  return {
    events: steps
      .filter((s) => s.step !== "retainage")
      .map((s) => ({
        step: s.step as ProcedureEvent["step"],
        action: s.action as ProcedureEvent["action"],
        date: s.date,
      })),
    signedOn: signoff ? signoff.signed_at.slice(0, 10) : null,
    rectifications: rects.map((r) => ({ openedOn: r.opened_on, closedOn: r.closed_on })),
    contracts: contracts
      .filter((c) => !ended.has(c.id))
      .map((c) => ({ retainageReleasedOn: released.get(c.id) ?? null })),
  };
}

/** The scorecard's `procedure` (interfaces.md): the nine K1 steps as of a date. */
export async function procedureOf(db: Kysely<Database>, countyCode: string, asOf: string) {
  return procedureAsOf(await loadProcedureFacts(db, countyCode), asOf);
}

/** A county's recorded steps, in date order, with their details and documents. */
export async function procedureSteps(db: Kysely<Database>, countyCode: string) {
  const rows = await procedureDb(db)
    .selectFrom("procedure_steps")
    .selectAll()
    .where("county_code", "=", countyCode)
    .orderBy("step_date")
    .orderBy("created_at")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    step: r.step,
    action: r.action,
    date: r.step_date,
    details: JSON.parse(r.details_json) as Record<string, unknown>,
    documentIds: JSON.parse(r.document_ids_json) as string[],
    actedBy: r.acted_by_name,
    actedRole: r.acted_role,
    recordedAt: r.created_at,
  }));
}

export async function listDocuments(db: Kysely<Database>, countyCode: string) {
  const rows = await procedureDb(db)
    .selectFrom("procedure_documents")
    .select(["id", "kind", "note", "file_name", "file_sha256", "uploaded_by", "created_at"])
    .where("county_code", "=", countyCode)
    .orderBy("created_at")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    note: r.note,
    fileName: r.file_name,
    sha256: r.file_sha256,
    uploadedBy: r.uploaded_by,
    uploadedAt: r.created_at,
  }));
}

/** Documents named by a step must be this county's (of the given kinds, when given). */
export async function requireDocuments(
  db: Kysely<Database>,
  countyCode: string,
  ids: readonly string[],
  kinds?: readonly string[],
) {
  if (ids.length === 0) return [];
  const rows = await procedureDb(db)
    .selectFrom("procedure_documents")
    .select(["id", "kind"])
    .where("county_code", "=", countyCode)
    .where("id", "in", [...ids])
    .execute();
  const ok = rows.filter((r) => !kinds || kinds.includes(r.kind));
  if (ok.length !== new Set(ids).size) throw notFound({ zh: "所附文件", en: "Attached document" });
  return ok;
}

/** A county's rectifications with their history, oldest first. */
export async function listRectifications(db: Kysely<Database>, countyCode: string) {
  const pdb = procedureDb(db);
  const [rows, events] = await Promise.all([
    pdb
      .selectFrom("rectifications")
      .selectAll()
      .where("county_code", "=", countyCode)
      .orderBy("opened_on")
      .orderBy("created_at")
      .execute(),
    pdb
      .selectFrom("rectification_events")
      .selectAll()
      .where("county_code", "=", countyCode)
      .orderBy("event_date")
      .orderBy("created_at")
      .execute(),
  ]);
  return rows.map((r) => ({
    id: r.id,
    source: r.source,
    ref: r.ref,
    problem: r.problem,
    owner: r.owner,
    openedOn: r.opened_on,
    workingDays: Number(r.working_days),
    deadline: r.deadline,
    closedOn: r.closed_on,
    history: events
      .filter((e) => e.rectification_id === r.id)
      .map((e) => ({
        kind: e.kind,
        date: e.event_date,
        outcome: e.outcome,
        note: e.note,
        documentId: e.document_id,
        by: e.actor_name,
      })),
  }));
}
