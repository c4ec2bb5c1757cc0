/**
 * Everything the funds domain holds about one county, in a handful of queries: a county's plan and
 * procurement are small (tens of rows), so views, checks, facts and exports work on this snapshot.
 */
import type { Kysely } from "kysely";
import type { Database } from "../platform/db/schema";
import { fundsDb } from "./fund-plans.repository";
import type {
  ContractDeliverableTable,
  ContractPaymentTable,
  ContractTable,
  FundPlanLineTable,
  FundPlanObjectionTable,
  FundPlanTable,
  PaymentInvoiceTable,
  StationChargeTable,
  TenderBidderTable,
  TenderTable,
} from "./funds.tables";

export type FundsSnapshot = {
  county: { code: string; name: string; subsidyFen: number };
  versions: FundPlanTable[];
  lines: FundPlanLineTable[];
  objections: FundPlanObjectionTable[];
  tenders: TenderTable[];
  bidders: TenderBidderTable[];
  contracts: ContractTable[];
  deliverables: ContractDeliverableTable[];
  payments: ContractPaymentTable[];
  invoices: PaymentInvoiceTable[];
  charges: StationChargeTable[];
};

// bigint columns: numbers on both dialects (pg's int8 parser in platform/db), normalised anyway.
const fen = <T, K extends keyof T>(rows: T[], ...keys: K[]): T[] =>
  rows.map((r) => {
    const copy = { ...r };
    for (const k of keys) if (copy[k] !== null && copy[k] !== undefined) copy[k] = Number(copy[k]) as T[K];
    return copy;
  });

/** The county's funds data; undefined when the county is not a demonstration county. */
export async function loadFundsSnapshot(
  kdb: Kysely<Database>,
  countyCode: string,
): Promise<FundsSnapshot | undefined> {
  const county = await kdb
    .selectFrom("demonstration_counties")
    .select(["county_code", "name", "subsidy_fen"])
    .where("county_code", "=", countyCode)
    .executeTakeFirst();
  if (!county) return undefined;
  const fdb = fundsDb(kdb);
  const [
    versions,
    lines,
    objections,
    tenders,
    bidders,
    contracts,
    deliverables,
    payments,
    invoices,
    charges,
  ] = await Promise.all([
    fdb
      .selectFrom("fund_plans")
      .selectAll()
      .where("county_code", "=", countyCode)
      .orderBy("version", "desc")
      .execute(),
    fdb
      .selectFrom("fund_plan_lines")
      .selectAll()
      .where("county_code", "=", countyCode)
      .orderBy("line_no")
      .execute(),
    fdb
      .selectFrom("fund_plan_objections")
      .selectAll()
      .where("county_code", "=", countyCode)
      .orderBy("received_on")
      .execute(),
    fdb
      .selectFrom("tenders")
      .selectAll()
      .where("county_code", "=", countyCode)
      .orderBy("tender_no")
      .execute(),
    fdb
      .selectFrom("tender_bidders")
      .selectAll()
      .where("county_code", "=", countyCode)
      .orderBy("name")
      .execute(),
    fdb
      .selectFrom("contracts")
      .selectAll()
      .where("county_code", "=", countyCode)
      .orderBy("contract_no")
      .execute(),
    fdb
      .selectFrom("contract_deliverables")
      .selectAll()
      .where("county_code", "=", countyCode)
      .orderBy("due_on")
      .orderBy("name")
      .execute(),
    fdb
      .selectFrom("contract_payments")
      .selectAll()
      .where("county_code", "=", countyCode)
      .orderBy("paid_on")
      .orderBy("created_at")
      .execute(),
    fdb
      .selectFrom("payment_invoices")
      .selectAll()
      .where("county_code", "=", countyCode)
      .orderBy("issued_on")
      .execute(),
    fdb
      .selectFrom("station_charges")
      .selectAll()
      .where("county_code", "=", countyCode)
      .orderBy("charged_on")
      .execute(),
  ]);
  return {
    county: { code: county.county_code, name: county.name, subsidyFen: Number(county.subsidy_fen) },
    versions: fen(versions, "subsidy_fen"),
    lines: fen(lines, "amount_fen"),
    objections,
    tenders: fen(tenders, "estimate_fen", "award_fen"),
    bidders: fen(bidders, "bid_fen"),
    contracts: fen(contracts, "amount_fen"),
    deliverables: fen(deliverables, "amount_fen"),
    payments: fen(payments, "amount_fen"),
    invoices: fen(invoices, "amount_fen"),
    charges: fen(charges, "amount_fen"),
  };
}
