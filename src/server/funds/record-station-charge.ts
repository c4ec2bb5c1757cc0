/**
 * A charge a contractor made to a village station (deposit, guarantee, equipment purchase). Rule F8
 * forbids it; it is recorded (e.g. from a station's complaint or an inspection) so that it is
 * flagged in the ledger and counted against C3.
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../platform/audit/audit";
import type { Database } from "../platform/db/schema";
import { chinaTimestamp } from "../platform/time/china-time";
import { fundsDb } from "./fund-plans.repository";
import { findContract, requireNotFuture } from "./procurement.repository";

export type RecordStationChargeOptions = {
  db: Kysely<Database>;
  actor: Actor;
  countyCode: string;
  contractId: string;
  charge: { stationNo: string; kind: string; amountFen: number; chargedOn: string; note: string };
  isDemo?: boolean;
};

export async function recordStationCharge({
  db,
  actor,
  countyCode,
  contractId,
  charge,
  isDemo,
}: RecordStationChargeOptions) {
  requireNotFuture(charge.chargedOn, "收费日期");
  return db.transaction().execute(async (trx) => {
    const contract = await findContract(trx, countyCode, contractId);
    const row = {
      id: randomUUID(),
      contract_id: contract.id,
      county_code: countyCode,
      station_no: charge.stationNo,
      kind: charge.kind,
      amount_fen: charge.amountFen,
      charged_on: charge.chargedOn,
      note: charge.note,
      created_at: chinaTimestamp(),
      is_demo: isDemo ? 1 : 0,
    };
    await fundsDb(trx).insertInto("station_charges").values(row).execute();
    await recordAudit(trx, actor, {
      action: "station_charge.recorded",
      entity: "station_charge",
      entityId: row.id,
      countyCode,
      after: { contract: contract.contract_no, ...row, rule: "F8" },
    });
    return { id: row.id };
  });
}
