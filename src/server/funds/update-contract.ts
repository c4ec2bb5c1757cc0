/** Dates that move during a contract: start (F7 payments begin), due completion, acceptance passed (F7 retainage). */
import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../platform/audit/audit";
import type { Database } from "../platform/db/schema";
import { badRequest } from "../platform/http/errors";
import { chinaTimestamp } from "../platform/time/china-time";
import { fundsDb } from "./fund-plans.repository";
import { findContract, requireNotFuture } from "./procurement.repository";

export type UpdateContractOptions = {
  db: Kysely<Database>;
  actor: Actor;
  countyCode: string;
  contractId: string;
  changes: { startOn?: string | null; completionDue?: string | null; acceptedOn?: string | null };
};

export async function updateContract({ db, actor, countyCode, contractId, changes }: UpdateContractOptions) {
  requireNotFuture(changes.acceptedOn, "验收日期");
  return db.transaction().execute(async (trx) => {
    const contract = await findContract(trx, countyCode, contractId);
    const set = {
      ...(changes.startOn !== undefined ? { start_on: changes.startOn } : {}),
      ...(changes.completionDue !== undefined ? { completion_due: changes.completionDue } : {}),
      ...(changes.acceptedOn !== undefined ? { accepted_on: changes.acceptedOn } : {}),
    };
    const startOn = set.start_on !== undefined ? set.start_on : contract.start_on;
    const acceptedOn = set.accepted_on !== undefined ? set.accepted_on : contract.accepted_on;
    if (acceptedOn && (!startOn || acceptedOn < startOn)) {
      throw badRequest("accepted_before_start", {
        zh: "验收日期不能早于开工日期",
        en: "Acceptance cannot precede the start",
      });
    }
    if (Object.keys(set).length === 0) return { id: contract.id };
    await fundsDb(trx)
      .updateTable("contracts")
      .set({ ...set, updated_at: chinaTimestamp() })
      .where("id", "=", contract.id)
      .execute();
    await recordAudit(trx, actor, {
      action: "contract.updated",
      entity: "contract",
      entityId: contract.id,
      countyCode,
      before: {
        start_on: contract.start_on,
        completion_due: contract.completion_due,
        accepted_on: contract.accepted_on,
      },
      after: set,
    });
    return { id: contract.id };
  });
}
