/** Tables of the acceptance domain (验收): assessor decisions, evidence, sign-offs, standard versions. */

/** An assessor's decision on one item or veto item; a newer decision supersedes the older. */
export type AssessorDecisionTable = {
  id: string;
  county_code: string;
  item_id: string;
  status: string;
  note: string;
  decided_by: string;
  decided_by_name: string;
  decided_at: string;
  superseded_at: string | null;
};

/** Evidence attached to an item: a note, a file or a photo (stored on disk, hashed). */
export type AcceptanceEvidenceTable = {
  id: string;
  county_code: string;
  item_id: string;
  kind: string;
  note: string;
  file_name: string | null;
  file_path: string | null;
  file_sha256: string | null;
  created_by: string;
  created_at: string;
};

/** The assessor's signature on a scorecard, frozen as signed. */
export type AcceptanceSignoffTable = {
  id: string;
  county_code: string;
  as_of: string;
  standard_id: string;
  verdict: string;
  scorecard_json: string;
  signed_by: string;
  signed_by_name: string;
  signed_at: string;
};

/** A province's refinement of the standard, as a new version (thresholds JSON). */
export type AcceptanceStandardTable = {
  id: string;
  version: number;
  thresholds_json: string;
  created_by: string;
  created_at: string;
};

export type AcceptanceTables = {
  assessor_decisions: AssessorDecisionTable;
  acceptance_evidence: AcceptanceEvidenceTable;
  acceptance_signoffs: AcceptanceSignoffTable;
  acceptance_standards: AcceptanceStandardTable;
};
