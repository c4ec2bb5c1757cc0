/**
 * One month of one registered poor household's online sales entered through the form (rule O9):
 * add, change, delete, each audited. The household must be on the county's 贫困户 roster; an
 * ID-card number typed as 户编号 is matched through its keyed hash, never stored or echoed. A
 * household has one record per month (the workbook replaces it; the form refuses a second one).
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../platform/audit/audit";
import type { Database } from "../platform/db/schema";
import { AppError, badRequest, notFound } from "../platform/http/errors";
import { chinaTimestamp } from "../platform/time/china-time";
import { personIdSecret, poorHouseholdCodes, pseudonymize } from "../upward";
import type { OutcomesTables, PoorHouseholdSaleTable } from "./outcomes.tables";

export type PoorHouseholdSaleForm = {
  /** 户编号 as typed; a change may leave it out to keep the household (its number may show masked). */
  household: string;
  /** YYYY-MM */
  month: string;
  quantity: number;
  amountFen: number;
  incomeGainFen: number;
};

const saleNoun = { zh: "该贫困户销售记录", en: "Sale record" };
const tables = (db: Kysely<Database>) => db.withTables<OutcomesTables>();

export function presentSale(r: PoorHouseholdSaleTable) {
  return {
    id: r.id,
    household: r.household_label,
    month: r.month,
    quantity: Number(r.quantity),
    amountFen: Number(r.amount_fen),
    incomeGainFen: Number(r.income_gain_fen),
    isDemo: Number(r.is_demo) === 1,
  };
}

/**
 * The installation's person-id secret, to read before the write's transaction opens (on SQLite a
 * first read of it would wait for the one connection that transaction holds).
 */
export const householdSecret = (db: Kysely<Database>) => personIdSecret(db);

/** The stored key and label of a registered household of the county, or a 400 naming the field. */
async function registeredHousehold(db: Kysely<Database>, secret: Buffer, countyCode: string, typed: string) {
  const id = pseudonymize(secret, typed);
  if (!id.ok)
    throw badRequest("invalid_household", id.reason, [{ path: "household", message: id.reason.zh }]);
  const label = (await poorHouseholdCodes(db, countyCode)).get(id.key);
  if (label === undefined) {
    const reason = {
      zh: `户编号 ${id.label} 不在本县贫困户名册中（请先在“贫困户”名册中登记）`,
      en: `Household ${id.label} is not on the county's roster of poor households`,
    };
    throw badRequest("unknown_household", reason, [{ path: "household", message: reason.zh }]);
  }
  return { key: id.key, label };
}

/** 409 when the household already has a record of that month (other than `exceptId`). */
async function refuseSecondMonth(
  db: Kysely<Database>,
  countyCode: string,
  household: { key: string; label: string },
  month: string,
  exceptId?: string,
) {
  let query = tables(db)
    .selectFrom("poor_household_sales")
    .select("id")
    .where("county_code", "=", countyCode)
    .where("household_code", "=", household.key)
    .where("month", "=", month);
  if (exceptId) query = query.where("id", "!=", exceptId);
  if (await query.executeTakeFirst()) {
    const reason = {
      zh: `户 ${household.label} 已有 ${month} 的销售记录，请修改该记录`,
      en: `Household ${household.label} already has a record for ${month}; change that one`,
    };
    throw new AppError(409, "duplicate_month", reason, [{ path: "month", message: reason.zh }]);
  }
}

const amounts = (f: Omit<PoorHouseholdSaleForm, "household">) => ({
  month: f.month,
  quantity: f.quantity,
  amount_fen: f.amountFen,
  income_gain_fen: f.incomeGainFen,
});

/** Adds a month; call inside a transaction. */
export async function addPoorHouseholdSale(
  trx: Kysely<Database>,
  secret: Buffer,
  countyCode: string,
  form: PoorHouseholdSaleForm,
  actor: Actor,
): Promise<PoorHouseholdSaleTable> {
  const household = await registeredHousehold(trx, secret, countyCode, form.household);
  await refuseSecondMonth(trx, countyCode, household, form.month);
  const now = chinaTimestamp();
  const row: PoorHouseholdSaleTable = {
    id: randomUUID(),
    county_code: countyCode,
    household_code: household.key,
    household_label: household.label,
    ...amounts(form),
    is_demo: 0,
    created_at: now,
    updated_at: now,
  };
  await tables(trx).insertInto("poor_household_sales").values(row).execute();
  const { household_code: _key, ...logged } = row;
  await recordAudit(trx, actor, {
    action: "poor_household_sale.created",
    entity: "poor_household_sale",
    entityId: row.id,
    countyCode,
    after: logged,
  });
  return row;
}

/** Changes a month of the county (household, month or figures); without a household it stays. */
export async function updatePoorHouseholdSale(
  trx: Kysely<Database>,
  secret: Buffer,
  countyCode: string,
  id: string,
  form: Omit<PoorHouseholdSaleForm, "household"> & { household?: string },
  actor: Actor,
): Promise<PoorHouseholdSaleTable> {
  const before = await tables(trx)
    .selectFrom("poor_household_sales")
    .selectAll()
    .where("id", "=", id)
    .where("county_code", "=", countyCode)
    .executeTakeFirst();
  if (!before) throw notFound(saleNoun);
  const household = form.household
    ? await registeredHousehold(trx, secret, countyCode, form.household)
    : { key: before.household_code, label: before.household_label };
  await refuseSecondMonth(trx, countyCode, household, form.month, id);
  const changes = {
    household_code: household.key,
    household_label: household.label,
    ...amounts(form),
    updated_at: chinaTimestamp(),
  };
  await tables(trx).updateTable("poor_household_sales").set(changes).where("id", "=", id).execute();
  const { household_code: _before, ...loggedBefore } = before;
  const { household_code: _after, ...loggedAfter } = changes;
  await recordAudit(trx, actor, {
    action: "poor_household_sale.updated",
    entity: "poor_household_sale",
    entityId: id,
    countyCode,
    before: loggedBefore,
    after: loggedAfter,
  });
  return { ...before, ...changes };
}

/** Deletes a month of the county. */
export async function deletePoorHouseholdSale(
  trx: Kysely<Database>,
  countyCode: string,
  id: string,
  actor: Actor,
): Promise<void> {
  const before = await tables(trx)
    .selectFrom("poor_household_sales")
    .selectAll()
    .where("id", "=", id)
    .where("county_code", "=", countyCode)
    .executeTakeFirst();
  if (!before) throw notFound(saleNoun);
  await tables(trx).deleteFrom("poor_household_sales").where("id", "=", id).execute();
  const { household_code: _key, ...logged } = before;
  await recordAudit(trx, actor, {
    action: "poor_household_sale.deleted",
    entity: "poor_household_sale",
    entityId: id,
    countyCode,
    before: logged,
  });
}
