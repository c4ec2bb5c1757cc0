/** Scoped lookups for the procurement use cases: a county only ever reaches its own rows. */
import type { Kysely } from "kysely";
import type { Database } from "../platform/db/schema";
import { AppError, badRequest, notFound } from "../platform/http/errors";
import { chinaDate } from "../platform/time/china-time";
import { fundsDb } from "./fund-plans.repository";

export async function findTender(kdb: Kysely<Database>, countyCode: string, tenderId: string) {
  const tender = await fundsDb(kdb)
    .selectFrom("tenders")
    .selectAll()
    .where("id", "=", tenderId)
    .where("county_code", "=", countyCode)
    .executeTakeFirst();
  if (!tender) throw notFound({ zh: "该招标项目", en: "Tender" });
  return tender;
}

export async function findContract(kdb: Kysely<Database>, countyCode: string, contractId: string) {
  const contract = await fundsDb(kdb)
    .selectFrom("contracts")
    .selectAll()
    .where("id", "=", contractId)
    .where("county_code", "=", countyCode)
    .executeTakeFirst();
  if (!contract) throw notFound({ zh: "该合同", en: "Contract" });
  return { ...contract, amount_fen: Number(contract.amount_fen) };
}

/** Plan line keys must be lines of this county's fund arrangement (any version). */
export async function requireLineKeys(kdb: Kysely<Database>, countyCode: string, keys: readonly string[]) {
  if (keys.length === 0) return;
  const found = await fundsDb(kdb)
    .selectFrom("fund_plan_lines")
    .select("line_key")
    .distinct()
    .where("county_code", "=", countyCode)
    .where("line_key", "in", [...keys])
    .execute();
  const known = new Set(found.map((f) => f.line_key));
  const unknown = keys.filter((k) => !known.has(k));
  if (unknown.length) {
    throw badRequest(
      "unknown_line_key",
      { zh: "所选资金安排行不属于本县", en: "Some plan lines are not lines of this county's plan" },
      unknown.map((k) => ({ path: "lineKeys", message: k })),
    );
  }
}

/** Dates of things that happened may not lie in the future. */
export function requireNotFuture(date: string | null | undefined, field: string) {
  if (date && date > chinaDate()) {
    throw badRequest("date_in_future", {
      zh: `${field} 不能晚于今天`,
      en: `${field} cannot be in the future`,
    });
  }
}

export const duplicateNumber = (what: { zh: string; en: string }, no: string) =>
  new AppError(409, "duplicate_number", {
    zh: `本县已有编号为 ${no} 的${what.zh}`,
    en: `This county already has a ${what.en} numbered ${no}`,
  });
