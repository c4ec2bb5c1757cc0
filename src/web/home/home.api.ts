/** The assessor's and the contractor's landings (GET /api/v1/home/assessor, /home/contractor). */
import type { Scorecard } from "../acceptance/acceptance.api";
import { api } from "../api/client";

export type AssessorTask = {
  kind: "decision" | "assessment" | "reassessment";
  /** The item id or rectification reference, shown in a tooltip only. */
  ref: string;
  title: string;
  detail: string;
  link: string;
};

export type AssessorHome = {
  asOf: string;
  counties: {
    code: string;
    name: string;
    verdict: Scorecard["verdict"];
    counts: { pass: number; fail: number; pending: number };
    signedAt: string | null;
    tasks: AssessorTask[];
  }[];
  totals: { decisions: number; assessments: number; reassessments: number };
};

export type ContractorHome = {
  asOf: string;
  county: { code: string; name: string };
  organization: { id: string; name: string } | null;
  contracts: {
    contractNo: string;
    title: string;
    amountFen: number;
    paidFen: number;
    signedOn: string;
    completionDue: string | null;
    acceptedOn: string | null;
    deliverables: { done: number; total: number };
    link: string;
  }[];
  reports: {
    kind: string;
    title: string;
    period: string;
    dueOn: string;
    state: "due" | "overdue" | "returned";
    link: string;
  }[];
  tokens: {
    id: string;
    name: string;
    hint: string;
    sheets: string[];
    stations: number | null;
    createdAt: string;
    lastUsedAt: string | null;
    revokedAt: string | null;
  }[];
};

export const fetchAssessorHome = (asOf: string, signal?: AbortSignal) =>
  api.get<AssessorHome>("/home/assessor", { query: { asOf }, signal });

export const fetchContractorHome = (asOf: string, signal?: AbortSignal) =>
  api.get<ContractorHome>("/home/contractor", { query: { asOf }, signal });
