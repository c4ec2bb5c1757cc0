/** Calls of the funds area (资金安排、公示备案、招标合同、拨付台账), typed as the server answers. */

import type { FundPlanReview, SupportMethod } from "../../rules/fund-plan";
import type { ForbiddenLine, FundShare, PaymentResult } from "../../rules/funds";
import type { DeadlineStatus, RedFlag, TenderMethod } from "../../rules/procurement";
import { api } from "../api/client";

export type PlanStatus = "draft" | "notice" | "filed" | "approved" | "rejected" | "superseded";

export type PlanSummary = {
  id: string;
  version: number;
  isChange: boolean;
  status: PlanStatus;
  source: string;
  preparedOn: string;
  totalFen: number;
  lines: number;
  isReady: boolean;
  openForbidden: number;
  noticeStart: string | null;
  earliestSubmission: string | null;
  filedOn: string | null;
  approvedOn: string | null;
  rejectedOn: string | null;
  isDemo: boolean;
};

export type PlanList = {
  versions: PlanSummary[];
  inEffectId: string | null;
  currentId: string | null;
  deadlineM1: { dueOn: string; filedOn: string | null; status: DeadlineStatus };
};

export type PlanLine = {
  id: string;
  lineNo: number;
  lineKey: string;
  category: string;
  categoryName: string;
  amountFen: number;
  description: string;
  supportMethod: SupportMethod | null;
  supportMethodName: string | null;
  forbidden: string[];
  clearance: { reason: string; by: string; at: string } | null;
};

export type Plan = Omit<PlanSummary, "lines"> & {
  countyCode: string;
  basedOnId: string | null;
  subsidyFen: number;
  changeReason: string | null;
  decidedBy: string | null;
  decisionNote: string | null;
  notice: {
    start: string;
    workingDays: number;
    lastDay: string;
    earliestSubmission: string;
    calendarIncomplete: boolean;
  } | null;
  lines: PlanLine[];
  review: FundPlanReview;
  objections: {
    id: string;
    receivedOn: string;
    objector: string;
    content: string;
    resolution: string | null;
    resolvedOn: string | null;
    resolvedBy: string | null;
  }[];
  deadlineM1: { dueOn: string; status: DeadlineStatus } | null;
};

export type PlanLineInput = {
  category: string;
  amountFen: number;
  description: string;
  supportMethod: SupportMethod | null;
  lineKey?: string;
};

export type NoticePeriod = {
  lastDay: string;
  earliestSubmission: string;
  calendarIncomplete: boolean;
  uncoveredYears: number[];
};

export type Tender = {
  id: string;
  tenderNo: string;
  title: string;
  method: TenderMethod;
  methodName: string;
  estimateFen: number | null;
  lineKeys: string[];
  announcedOn: string | null;
  documentsIssuedOn: string | null;
  bidDeadline: string | null;
  awardedOn: string | null;
  awardFen: number | null;
  status: "open" | "awarded" | "cancelled";
  responsiblePerson: string | null;
  bidders: {
    id: string;
    name: string;
    address: string | null;
    phone: string | null;
    contact: string | null;
    bidFen: number | null;
    isWinner: boolean;
  }[];
  redFlags: RedFlag[];
  deadlineM2: DeadlineStatus;
  isDemo: boolean;
};

export type Contract = {
  id: string;
  contractNo: string;
  title: string;
  tenderId: string | null;
  contractorName: string;
  /** The contractor's organization in the app, when it has one (rule K2 hands over by it). */
  contractorOrgId: string | null;
  amountFen: number;
  lineKeys: string[];
  coveredPlanFen: number | null;
  signedOn: string;
  startOn: string | null;
  completionDue: string | null;
  acceptedOn: string | null;
  deliverables: {
    id: string;
    name: string;
    amountFen: number;
    dueOn: string | null;
    doneOn: string | null;
    isDone: boolean;
  }[];
  payments: {
    id: string;
    paidOn: string;
    amountFen: number;
    note: string;
    invoicedFen: number;
    isInvoiceShort: boolean;
    invoices: {
      id: string;
      invoiceNo: string;
      amountFen: number;
      issuedOn: string;
      itemName: string | null;
    }[];
  }[];
  stationCharges: { id: string; stationNo: string; kindName: string; amountFen: number; chargedOn: string }[];
  paidFen: number;
  paidBp: number;
  paymentCheck: PaymentResult | null;
  redFlags: RedFlag[];
  problems: string[];
  isDemo: boolean;
};

export type Progress = {
  constructionBp: number;
  disbursementBp: number;
  paidFen: number;
  plannedFen: number;
  doneFen: number;
  isAtRisk: boolean;
};

export type FundsSummary = {
  county: { code: string; name: string; subsidyFen: number };
  asOf: string;
  subsidyFen: number;
  plan: { id: string; version: number; status: PlanStatus; isReady: boolean; totalFen: number } | null;
  planFiledOn: string | null;
  planApprovedOn: string | null;
  deadlines: {
    m1: { dueOn: string; doneOn: string | null; status: DeadlineStatus };
    m2: { dueOn: string; doneOn: string | null; status: DeadlineStatus };
  };
  progress: Progress;
  unapprovedChanges: { planId: string; version: number; contracts: string[] }[];
  redFlags: number;
  contracts: number;
  contractedFen: number;
  paymentProblems: string[];
};

export type ProgressPoint = {
  date: string;
  constructionBp: number;
  disbursementBp: number;
  isAtRisk: boolean;
};

export type FundsOverviewRow = {
  code: string;
  name: string;
  planStatus: PlanStatus | null;
  planVersion: number | null;
  planFiledOn: string | null;
  planApprovedOn: string | null;
  deadlineM1: DeadlineStatus;
  deadlineM2: DeadlineStatus;
  contractedFen: number;
  paidFen: number;
  disbursementBp: number;
  constructionBp: number;
  isAtRisk: boolean;
  redFlags: number;
  unapprovedChanges: number;
  paymentProblems: number;
};

export type { ForbiddenLine, FundShare };

const base = (code: string) => `/counties/${code}/funds`;

export const fundsApi = {
  plans: (code: string, signal?: AbortSignal) => api.get<PlanList>(`${base(code)}/plans`, { signal }),
  plan: (code: string, id: string, signal?: AbortSignal) =>
    api.get<Plan>(`${base(code)}/plans/${id}`, { signal }),
  createPlan: (code: string, body: { lines: PlanLineInput[]; changeReason?: string; preparedOn?: string }) =>
    api.post<{ id: string; version: number; isChange: boolean }>(`${base(code)}/plans`, body),
  updateDraft: (code: string, id: string, body: { lines: PlanLineInput[]; changeReason?: string | null }) =>
    api.put<{ id: string }>(`${base(code)}/plans/${id}/lines`, body),
  clear: (code: string, id: string, lineId: string, reason: string) =>
    api.post(`${base(code)}/plans/${id}/lines/${lineId}/clearance`, { reason }),
  notice: (code: string, id: string, start: string) =>
    api.post<NoticePeriod>(`${base(code)}/plans/${id}/notice`, { start }),
  objection: (code: string, id: string, body: { receivedOn: string; objector: string; content: string }) =>
    api.post(`${base(code)}/plans/${id}/objections`, body),
  resolve: (
    code: string,
    id: string,
    objectionId: string,
    body: { resolution: string; resolvedOn: string },
  ) => api.post(`${base(code)}/plans/${id}/objections/${objectionId}/resolution`, body),
  file: (code: string, id: string, body: { filedOn: string; changeReason?: string }) =>
    api.post(`${base(code)}/plans/${id}/filing`, body),
  decide: (
    code: string,
    id: string,
    body: { decision: "approve" | "reject"; decidedOn: string; note: string },
  ) => api.post(`${base(code)}/plans/${id}/decision`, body),
  noticePeriod: (start: string, signal?: AbortSignal) =>
    api.get<NoticePeriod>("/rules/notice-period", { query: { start, workingDays: 10 }, signal }),
  tenders: (code: string, signal?: AbortSignal) => api.get<Tender[]>(`${base(code)}/tenders`, { signal }),
  createTender: (code: string, body: object) =>
    api.post<{ id: string; bidderIds: string[] }>(`${base(code)}/tenders`, body),
  award: (code: string, tenderId: string, body: { bidderId: string; awardedOn: string; amountFen: number }) =>
    api.post(`${base(code)}/tenders/${tenderId}/award`, body),
  contracts: (code: string, signal?: AbortSignal) =>
    api.get<Contract[]>(`${base(code)}/contracts`, { signal }),
  createContract: (code: string, body: object) => api.post<{ id: string }>(`${base(code)}/contracts`, body),
  pay: (code: string, contractId: string, body: object) =>
    api.post<{ id: string; paymentCheck: PaymentResult | null; problems: string[] }>(
      `${base(code)}/contracts/${contractId}/payments`,
      body,
    ),
  markDone: (code: string, contractId: string, deliverableId: string, doneOn: string | null) =>
    api.post(`${base(code)}/contracts/${contractId}/deliverables/${deliverableId}/done`, { doneOn }),
  summary: (code: string, signal?: AbortSignal) => api.get<FundsSummary>(`${base(code)}/summary`, { signal }),
  progress: (code: string, signal?: AbortSignal) =>
    api.get<ProgressPoint[]>(`${base(code)}/progress`, { signal }),
  overview: (asOf: string | undefined, signal?: AbortSignal) =>
    api.get<{ asOf: string; counties: FundsOverviewRow[] }>("/funds/overview", { query: { asOf }, signal }),
  ledgerUrl: (code: string) => `/api/v1${base(code)}/ledger.xlsx`,
  ocdsUrl: (code: string) => `/api/v1/counties/${code}/ocds`,
};
