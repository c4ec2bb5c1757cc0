/** A deliverable is done (with the day) or reopened: construction progress follows (E4). */
import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../platform/audit/audit";
import type { Database } from "../platform/db/schema";
import { notFound } from "../platform/http/errors";
import { fundsDb } from "./fund-plans.repository";
import { findContract, requireNotFuture } from "./procurement.repository";

export type MarkDeliverableDoneOptions = {
  db: Kysely<Database>;
  actor: Actor;
  countyCode: string;
  contractId: string;
  deliverableId: string;
  doneOn: string | null;
};

export async function markDeliverableDone(options: MarkDeliverableDoneOptions) {
  const { db, actor, countyCode, contractId, deliverableId, doneOn } = options;
  requireNotFuture(doneOn, "完成日期");
  return db.transaction().execute(async (trx) => {
    await findContract(trx, countyCode, contractId);
    const fdb = fundsDb(trx);
    const deliverable = await fdb
      .selectFrom("contract_deliverables")
      .selectAll()
      .where("id", "=", deliverableId)
      .where("contract_id", "=", contractId)
      .executeTakeFirst();
    if (!deliverable) throw notFound({ zh: "该交付内容", en: "Deliverable" });
    await fdb
      .updateTable("contract_deliverables")
      .set({ done_on: doneOn })
      .where("id", "=", deliverable.id)
      .execute();
    await recordAudit(trx, actor, {
      action: "contract.deliverable_marked",
      entity: "contract_deliverable",
      entityId: deliverable.id,
      countyCode,
      before: { done_on: deliverable.done_on },
      after: { name: deliverable.name, done_on: doneOn },
    });
    return { id: deliverable.id, doneOn };
  });
}
