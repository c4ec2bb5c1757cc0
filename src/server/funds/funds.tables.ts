/**
 * Tables of the funds domain: the fund arrangement (资金安排意见) in versions, its public notice and
 * objections, tenders and bidders, contracts with deliverables, payments with invoices, and
 * charges contractors made to stations (F8). Money is integer fen; dates are ISO YYYY-MM-DD.
 */

/**
 * draft → notice → filed → approved; a version replaced before filing becomes superseded; the
 * province may reject a filed version. After the original is filed, new versions are changes
 * (is_change = 1) that go draft → filed (submitted) → approved or rejected.
 */
export type FundPlanStatus = "draft" | "notice" | "filed" | "approved" | "rejected" | "superseded";

/** One version of a county's fund arrangement (资金安排意见). */
export type FundPlanTable = {
  id: string;
  county_code: string;
  /** 1, 2, 3 … per county. */
  version: number;
  /** A change after the original was filed: needs province approval (E3 when carried out without). */
  is_change: number;
  based_on_id: string | null;
  status: FundPlanStatus;
  /** form | workbook | demo */
  source: string;
  /** The county's central subsidy when the version was made (rule P1). */
  subsidy_fen: number;
  /** 编制日期: the day the version was drawn up. */
  prepared_on: string;
  change_reason: string | null;
  /** 公示: first day, length in working days, and what the calendar made of it (rule F6). */
  notice_start: string | null;
  notice_working_days: number | null;
  notice_last_day: string | null;
  notice_earliest_submission: string | null;
  /** 报省备案 (original) or 报批 (change). */
  filed_on: string | null;
  approved_on: string | null;
  rejected_on: string | null;
  decided_by: string | null;
  decision_note: string | null;
  superseded_on: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  is_demo: number;
};

/** One line of a version: a category of rule F2, an amount, its content and support method (F1). */
export type FundPlanLineTable = {
  id: string;
  plan_id: string;
  county_code: string;
  /** 1-based position in the version. */
  line_no: number;
  /** The same line across versions: contracts cover line keys, not version-bound line ids. */
  line_key: string;
  category: string;
  amount_fen: number;
  description: string;
  support_method: string | null;
  /** The officer's written reason that an F4 alarm on this line is false. */
  cleared_reason: string | null;
  cleared_by: string | null;
  cleared_at: string | null;
};

/** An objection (异议) received during the public notice; it must be resolved before filing. */
export type FundPlanObjectionTable = {
  id: string;
  plan_id: string;
  county_code: string;
  received_on: string;
  objector: string;
  content: string;
  resolution: string | null;
  resolved_on: string | null;
  resolved_by: string | null;
  created_at: string;
  is_demo: number;
};

/** open | awarded | cancelled */
export type TenderStatus = "open" | "awarded" | "cancelled";

/** A procurement (招标) choosing a contractor (rule F5, T3, M2). */
export type TenderTable = {
  id: string;
  county_code: string;
  /** The county's own number (招标编号). */
  tender_no: string;
  title: string;
  /** open | invitation | competitive_negotiation | competitive_consultation | inquiry | single_source */
  method: string;
  /** 预算金额 / 最高限价. */
  estimate_fen: number | null;
  /** JSON array of plan line keys the tender procures. */
  line_keys_json: string;
  announced_on: string | null;
  /** 招标文件开始发出之日. */
  documents_issued_on: string | null;
  bid_deadline: string | null;
  awarded_on: string | null;
  award_bidder_id: string | null;
  award_fen: number | null;
  status: TenderStatus;
  /** 项目负责人 of the county (T1; a local OCDS extension field). */
  responsible_person: string | null;
  created_at: string;
  updated_at: string;
  is_demo: number;
};

export type TenderBidderTable = {
  id: string;
  tender_id: string;
  county_code: string;
  name: string;
  credit_code: string | null;
  address: string | null;
  phone: string | null;
  contact: string | null;
  bid_fen: number | null;
  is_demo: number;
};

/** A contract with a contractor (承办企业). */
export type ContractTable = {
  id: string;
  county_code: string;
  contract_no: string;
  tender_id: string | null;
  title: string;
  contractor_name: string;
  /** An organization of kind contractor, when the contractor has one in the app. */
  contractor_org_id: string | null;
  /** 承办企业负责人 (T1). */
  contractor_responsible: string | null;
  amount_fen: number;
  /** JSON array of plan line keys the contract covers. */
  line_keys_json: string;
  signed_on: string;
  /** 开工日期: payments start after it (F7). */
  start_on: string | null;
  completion_due: string | null;
  /** The day the contract's acceptance passed (releases the 10% retainage, F7). */
  accepted_on: string | null;
  created_at: string;
  updated_at: string;
  is_demo: number;
};

export type ContractDeliverableTable = {
  id: string;
  contract_id: string;
  county_code: string;
  name: string;
  /** Weight of the deliverable in construction progress (E4). */
  amount_fen: number;
  due_on: string | null;
  /** The day it was done; null while not done. */
  done_on: string | null;
  is_demo: number;
};

/** A payment of central funds on a contract (拨付, rule F7), in the dedicated ledger (专账, F8). */
export type ContractPaymentTable = {
  id: string;
  contract_id: string;
  county_code: string;
  paid_on: string;
  amount_fen: number;
  /** 摘要 */
  note: string;
  created_by: string;
  created_at: string;
  is_demo: number;
};

export type PaymentInvoiceTable = {
  id: string;
  payment_id: string;
  county_code: string;
  invoice_no: string;
  amount_fen: number;
  issued_on: string;
  /** 发票项目 (货物或应税劳务名称): checked against the forbidden uses (F4), null when not entered. */
  item_name: string | null;
  /** Stored scan of the invoice (relative path in the file store), with its name and hash. */
  file_path: string | null;
  file_name: string | null;
  file_sha256: string | null;
  is_demo: number;
};

/** A charge a contractor made to a station: forbidden by rule F8, recorded to be flagged. */
export type StationChargeTable = {
  id: string;
  contract_id: string;
  county_code: string;
  station_no: string;
  /** deposit (押金) | guarantee (保证金) | equipment (设备购买) | other */
  kind: string;
  amount_fen: number;
  charged_on: string;
  note: string;
  created_at: string;
  is_demo: number;
};

export type FundsTables = {
  fund_plans: FundPlanTable;
  fund_plan_lines: FundPlanLineTable;
  fund_plan_objections: FundPlanObjectionTable;
  tenders: TenderTable;
  tender_bidders: TenderBidderTable;
  contracts: ContractTable;
  contract_deliverables: ContractDeliverableTable;
  contract_payments: ContractPaymentTable;
  payment_invoices: PaymentInvoiceTable;
  station_charges: StationChargeTable;
};
