/** Tables of the acceptance procedure (K1), rectification, contractor replacement (K2) and M5 filing. */

/** A step of K1 taken by an account: dated, with its details and documents. */
export type ProcedureStepTable = {
  id: string;
  county_code: string;
  /** application | commission | filing | city_review | province_review | spot_check */
  step: string;
  /** done | approved | returned */
  action: string;
  step_date: string;
  /** The step's own fields (agency, audit firm and conclusion, reasons, sampled sites …). */
  details_json: string;
  document_ids_json: string;
  acted_by: string | null;
  acted_by_name: string;
  acted_role: string;
  created_at: string;
  is_demo: number;
};

/** A document of the procedure (qualification, reports, photos, evidence), stored and hashed. */
export type ProcedureDocumentTable = {
  id: string;
  county_code: string;
  /** qualification | acceptance_report | audit_report | photo | evidence | decision | other */
  kind: string;
  note: string;
  file_name: string;
  file_path: string;
  file_sha256: string;
  uploaded_by: string;
  created_at: string;
  is_demo: number;
};

/** A rectification (整改) of a failed item or a confirmed finding, until re-assessed as fixed. */
export type RectificationTable = {
  id: string;
  county_code: string;
  /** item (a failed scorecard item) | finding (a confirmed spot-check or assessor finding) */
  source: string;
  /** The item id (A3 …) or the spot check's site. */
  ref: string;
  problem: string;
  owner: string;
  opened_on: string;
  working_days: number;
  deadline: string;
  /** The day the assessor re-assessed it as fixed; null while open. */
  closed_on: string | null;
  created_by: string;
  created_at: string;
  is_demo: number;
};

/** The history of a rectification: opened, evidence of the fix, re-assessments. */
export type RectificationEventTable = {
  id: string;
  rectification_id: string;
  county_code: string;
  /** opened | evidence | reassessed */
  kind: string;
  event_date: string;
  /** For re-assessments: pass | fail. */
  outcome: string | null;
  note: string;
  document_id: string | null;
  actor_name: string;
  created_at: string;
  is_demo: number;
};

/** A contract ended early because the contractor could not operate (K2), and its replacement. */
export type ContractTerminationTable = {
  id: string;
  county_code: string;
  contract_id: string;
  terminated_on: string;
  reason: string;
  /** The county's decision (文号 and content). */
  decision: string;
  evidence_document_id: string | null;
  replacement_tender_id: string | null;
  replacement_contract_id: string | null;
  /** The outgoing contractor organization, whose stations, accounts and tokens are handed over. */
  from_org_id: string | null;
  /** The incoming contractor organization (the replacement's), set with the replacement. */
  to_org_id: string | null;
  created_by: string;
  created_at: string;
  is_demo: number;
};

/** One item handed over from the old contractor to the new, checked off by the county. */
export type HandoverItemTable = {
  id: string;
  termination_id: string;
  county_code: string;
  /** station | equipment | data | account | ingest_token */
  kind: string;
  description: string;
  checked_on: string | null;
  checked_by: string | null;
  note: string;
  /** What the item covers, as JSON: `{"stationNos":[…]}` for stations; null for the others. */
  subjects_json: string | null;
  /** What checking it moved, as JSON (stations, station accounts, accounts ended, tokens); null before. */
  effects_json: string | null;
  is_demo: number;
};

/** The county's performance evaluation filed to the province (M5), as it stood when filed. */
export type PerformanceFilingTable = {
  id: string;
  county_code: string;
  filed_on: string;
  score_hundredths: number;
  grade: string;
  summary: string;
  filed_by: string;
  created_at: string;
  is_demo: number;
};

/** The province's publication of the results and the typical counties (M5). */
export type PerformancePublicationTable = {
  id: string;
  published_on: string;
  results_json: string;
  typical_counties_json: string;
  note: string;
  published_by: string;
  created_at: string;
  is_demo: number;
};

export type ProcedureTables = {
  procedure_steps: ProcedureStepTable;
  procedure_documents: ProcedureDocumentTable;
  rectifications: RectificationTable;
  rectification_events: RectificationEventTable;
  contract_terminations: ContractTerminationTable;
  handover_items: HandoverItemTable;
  performance_filings: PerformanceFilingTable;
  performance_publications: PerformancePublicationTable;
};
