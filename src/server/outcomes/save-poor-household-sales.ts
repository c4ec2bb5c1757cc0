/** Saves 贫困户销售 rows (rule O9): upsert by household and month, one audit entry per save. */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../platform/audit/audit";
import type { Database } from "../platform/db/schema";
import { chinaTimestamp } from "../platform/time/china-time";
import type { OutcomesTables } from "./outcomes.tables";

export type PoorHouseholdSaleInput = {
  householdCode: string;
  householdLabel: string;
  month: string;
  quantity: number;
  amountFen: number;
  incomeGainFen: number;
};

/** Upserts the months given; returns how many rows were written. Call inside a transaction. */
export async function savePoorHouseholdSales(
  kdb: Kysely<Database>,
  countyCode: string,
  sales: readonly PoorHouseholdSaleInput[],
  actor: Actor,
): Promise<number> {
  const db = kdb.withTables<OutcomesTables>();
  const now = chinaTimestamp();
  for (let i = 0; i < sales.length; i += 500) {
    await db
      .insertInto("poor_household_sales")
      .values(
        sales.slice(i, i + 500).map((s) => ({
          id: randomUUID(),
          county_code: countyCode,
          household_code: s.householdCode,
          household_label: s.householdLabel,
          month: s.month,
          quantity: s.quantity,
          amount_fen: s.amountFen,
          income_gain_fen: s.incomeGainFen,
          is_demo: 0,
          created_at: now,
          updated_at: now,
        })),
      )
      .onConflict((oc) =>
        oc.columns(["county_code", "household_code", "month"]).doUpdateSet((eb) => ({
          household_label: eb.ref("excluded.household_label"),
          quantity: eb.ref("excluded.quantity"),
          amount_fen: eb.ref("excluded.amount_fen"),
          income_gain_fen: eb.ref("excluded.income_gain_fen"),
          is_demo: 0,
          updated_at: now,
        })),
      )
      .execute();
  }
  if (sales.length) {
    const months = sales.map((s) => s.month).sort();
    await recordAudit(kdb, actor, {
      action: "poor_household_sales.saved",
      entity: "poor_household_sales",
      entityId: countyCode,
      countyCode,
      after: {
        rows: sales.length,
        households: new Set(sales.map((s) => s.householdCode)).size,
        months: [months[0], months.at(-1)],
        amountFen: sales.reduce((sum, s) => sum + s.amountFen, 0),
      },
    });
  }
  return sales.length;
}
