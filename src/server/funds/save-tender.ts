/**
 * Records a tender (招标) with its bidders, or corrects one not yet awarded (F5, T3). Red flags are
 * computed on reading, never stored, so a correction is reflected at once.
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { TenderMethod } from "../../rules/procurement";
import { type Actor, recordAudit } from "../platform/audit/audit";
import type { Database } from "../platform/db/schema";
import { AppError } from "../platform/http/errors";
import { chinaTimestamp } from "../platform/time/china-time";
import { fundsDb } from "./fund-plans.repository";
import type { TenderTable } from "./funds.tables";
import { duplicateNumber, findTender, requireLineKeys, requireNotFuture } from "./procurement.repository";

export type BidderInput = {
  name: string;
  creditCode: string | null;
  address: string | null;
  phone: string | null;
  contact: string | null;
  bidFen: number | null;
};

export type TenderInput = {
  tenderNo: string;
  title: string;
  method: TenderMethod;
  estimateFen: number | null;
  lineKeys: string[];
  announcedOn: string | null;
  documentsIssuedOn: string | null;
  bidDeadline: string | null;
  responsiblePerson: string | null;
  bidders: BidderInput[];
};

export type SaveTenderOptions = {
  db: Kysely<Database>;
  actor: Actor;
  countyCode: string;
  /** Absent: a new tender. */
  tenderId?: string;
  tender: TenderInput;
  isDemo?: boolean;
};

export async function saveTender({ db, actor, countyCode, tenderId, tender, isDemo }: SaveTenderOptions) {
  requireNotFuture(tender.announcedOn, "公告日期");
  requireNotFuture(tender.documentsIssuedOn, "招标文件发出日期");
  return db.transaction().execute(async (trx) => {
    const fdb = fundsDb(trx);
    await requireLineKeys(trx, countyCode, tender.lineKeys);
    const before = tenderId ? await findTender(trx, countyCode, tenderId) : undefined;
    if (before && before.status !== "open") {
      throw new AppError(409, "tender_closed", {
        zh: "已定标或已取消的招标不能修改",
        en: "An awarded or cancelled tender cannot be changed",
      });
    }
    const clash = await fdb
      .selectFrom("tenders")
      .select("id")
      .where("county_code", "=", countyCode)
      .where("tender_no", "=", tender.tenderNo)
      .executeTakeFirst();
    if (clash && clash.id !== tenderId)
      throw duplicateNumber({ zh: "招标项目", en: "tender" }, tender.tenderNo);

    const now = chinaTimestamp();
    const row: TenderTable = {
      id: before?.id ?? randomUUID(),
      county_code: countyCode,
      tender_no: tender.tenderNo,
      title: tender.title,
      method: tender.method,
      estimate_fen: tender.estimateFen,
      line_keys_json: JSON.stringify(tender.lineKeys),
      announced_on: tender.announcedOn,
      documents_issued_on: tender.documentsIssuedOn,
      bid_deadline: tender.bidDeadline,
      awarded_on: null,
      award_bidder_id: null,
      award_fen: null,
      status: "open",
      responsible_person: tender.responsiblePerson,
      created_at: before?.created_at ?? now,
      updated_at: now,
      is_demo: isDemo ? 1 : 0,
    };
    const beforeBidders = before
      ? await fdb.selectFrom("tender_bidders").selectAll().where("tender_id", "=", before.id).execute()
      : [];
    if (before) {
      await fdb.updateTable("tenders").set(row).where("id", "=", before.id).execute();
      await fdb.deleteFrom("tender_bidders").where("tender_id", "=", before.id).execute();
    } else {
      await fdb.insertInto("tenders").values(row).execute();
    }
    const bidders = tender.bidders.map((b) => ({
      id: randomUUID(),
      tender_id: row.id,
      county_code: countyCode,
      name: b.name,
      credit_code: b.creditCode,
      address: b.address,
      phone: b.phone,
      contact: b.contact,
      bid_fen: b.bidFen,
      is_demo: isDemo ? 1 : 0,
    }));
    if (bidders.length) await fdb.insertInto("tender_bidders").values(bidders).execute();
    await recordAudit(trx, actor, {
      action: before ? "tender.updated" : "tender.created",
      entity: "tender",
      entityId: row.id,
      countyCode,
      before: before ? { ...before, bidders: beforeBidders } : undefined,
      after: { ...row, bidders },
    });
    return { id: row.id, bidderIds: bidders.map((b) => b.id) };
  });
}
