/** Calls of the outcomes area (year figures, poor households' sales, staff, records): shapes as /api/v1 returns them. */
import { api } from "../api/client";

const county = (code: string) => `/counties/${code}/outcomes`;

export type OutcomeJudgement = {
  status: "pass" | "fail" | "pending";
  measured: Record<string, unknown>;
  threshold: Record<string, unknown>;
  note: string;
};
export type OutcomesSummary = { asOf: string; items: Record<string, OutcomeJudgement> };

export type YearFigures = {
  year: number;
  transactionsFen: number;
  ruralRetailFen: number;
  agriRetailFen: number;
  jobs: number;
  sourceDocument: string;
  isDemo: boolean;
};
export type PoorSale = {
  household: string;
  month: string;
  quantity: number;
  amountFen: number;
  incomeGainFen: number;
  isDemo: boolean;
};
type Share = { staff: number; poorStaff: number; poorShareBp: number };
export type Staffing = {
  asOf: string;
  county: Share;
  facilities: (Share & { facilityKind: string; facilityCode: string })[];
  items: {
    id: string;
    facilityKind: string;
    facilityCode: string;
    personLabel: string;
    role: string;
    startedOn: string;
    isPoor: boolean;
    isDemo: boolean;
  }[];
};
export type RecordRow = Record<string, unknown> & { id: string; isDemo: boolean };

export const outcomesApi = {
  summary: (code: string, asOf: string, signal?: AbortSignal) =>
    api.get<OutcomesSummary>(`${county(code)}/summary`, { query: { asOf }, signal }),
  years: (code: string, signal?: AbortSignal) =>
    api.get<{ items: YearFigures[] }>(`${county(code)}/years`, { signal }),
  saveYear: (code: string, year: number, body: Omit<YearFigures, "year" | "isDemo">) =>
    api.put<YearFigures>(`${county(code)}/years/${year}`, body),
  poorSales: (code: string, signal?: AbortSignal) =>
    api.get<{ items: PoorSale[] }>(`${county(code)}/poor-household-sales`, { signal }),
  staff: (code: string, asOf: string, signal?: AbortSignal) =>
    api.get<Staffing>(`${county(code)}/staff`, { query: { asOf }, signal }),
  records: (code: string, path: string, signal?: AbortSignal) =>
    api.get<{ items: RecordRow[] }>(`${county(code)}/${path}`, { signal }),
  createRecord: (code: string, path: string, body: unknown) =>
    api.post<RecordRow>(`${county(code)}/${path}`, body),
};

export const outcomesExportUrl = (code: string, path: string) =>
  `/api/v1/counties/${code}/outcomes/${path}.xlsx`;
