/** Records the award (定标) of a tender to one of its bidders (F5, T3, M2). */
import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../platform/audit/audit";
import type { Database } from "../platform/db/schema";
import { AppError, badRequest } from "../platform/http/errors";
import { chinaTimestamp } from "../platform/time/china-time";
import { fundsDb } from "./fund-plans.repository";
import { findTender, requireNotFuture } from "./procurement.repository";

export type AwardTenderOptions = {
  db: Kysely<Database>;
  actor: Actor;
  countyCode: string;
  tenderId: string;
  /** The winning bidder (one of the tender's). */
  bidderId: string;
  awardedOn: string;
  amountFen: number;
};

export async function awardTender(options: AwardTenderOptions) {
  const { db, actor, countyCode, tenderId, awardedOn, amountFen } = options;
  requireNotFuture(awardedOn, "定标日期");
  return db.transaction().execute(async (trx) => {
    const tender = await findTender(trx, countyCode, tenderId);
    if (tender.status !== "open") {
      throw new AppError(409, "tender_closed", {
        zh: "该招标已定标或已取消",
        en: "The tender is already closed",
      });
    }
    const fdb = fundsDb(trx);
    const winner = await fdb
      .selectFrom("tender_bidders")
      .select(["id", "name"])
      .where("tender_id", "=", tender.id)
      .where("id", "=", options.bidderId)
      .executeTakeFirst();
    if (!winner) {
      throw badRequest("unknown_bidder", {
        zh: "中标人须是该招标登记的投标人之一",
        en: "The winner must be one of the tender's bidders",
      });
    }
    const after = {
      status: "awarded" as const,
      awarded_on: awardedOn,
      award_bidder_id: winner.id,
      award_fen: amountFen,
      updated_at: chinaTimestamp(),
    };
    await fdb.updateTable("tenders").set(after).where("id", "=", tender.id).execute();
    await recordAudit(trx, actor, {
      action: "tender.awarded",
      entity: "tender",
      entityId: tender.id,
      countyCode,
      before: { status: tender.status },
      after: { ...after, winner: winner.name },
    });
    return { id: tender.id, winner: winner.name };
  });
}
