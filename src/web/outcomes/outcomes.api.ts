/** Calls of the outcomes area (year figures, poor households' sales, staff, records): shapes as /api/v1 returns them. */
import { ApiError, api } from "../api/client";
import { acceptLanguage, getLanguage } from "../app/language";

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
  id: string;
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
    endedOn: string | null;
    isPoor: boolean;
    isDemo: boolean;
  }[];
};
export type StaffRecord = Staffing["items"][number];
/** The staff form; `personId` may be left out of a change (the person stays). */
export type StaffBody = {
  facilityKind: string;
  facilityCode: string;
  personId?: string;
  role: string;
  startedOn: string;
  endedOn: string | null;
  isPoor: boolean;
};
/** On a change the household may be left out (it stays). */
export type SaleBody = Omit<PoorSale, "id" | "isDemo" | "household"> & { household?: string };
export type InspectionPhoto = {
  id: string;
  fileName: string;
  contentType: string;
  bytes: number;
  caption: string;
  uploadedBy: string;
  uploadedAt: string;
  isDemo: boolean;
  url: string;
};
export type RecordRow = Record<string, unknown> & { id: string; isDemo: boolean; photos?: InspectionPhoto[] };

export const outcomesApi = {
  summary: (code: string, asOf: string, signal?: AbortSignal) =>
    api.get<OutcomesSummary>(`${county(code)}/summary`, { query: { asOf }, signal }),
  years: (code: string, signal?: AbortSignal) =>
    api.get<{ items: YearFigures[] }>(`${county(code)}/years`, { signal }),
  deleteYear: (code: string, year: number) => api.delete(`${county(code)}/years/${year}`),
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
  updateRecord: (code: string, path: string, id: string, body: unknown) =>
    api.put<RecordRow>(`${county(code)}/${path}/${id}`, body),
  deleteRecord: (code: string, path: string, id: string) => api.delete(`${county(code)}/${path}/${id}`),
  createSale: (code: string, body: SaleBody) =>
    api.post<PoorSale>(`${county(code)}/poor-household-sales`, body),
  updateSale: (code: string, id: string, body: SaleBody) =>
    api.put<PoorSale>(`${county(code)}/poor-household-sales/${id}`, body),
  deleteSale: (code: string, id: string) => api.delete(`${county(code)}/poor-household-sales/${id}`),
  createStaff: (code: string, body: StaffBody) => api.post<StaffRecord>(`${county(code)}/staff`, body),
  updateStaff: (code: string, id: string, body: StaffBody) =>
    api.put<StaffRecord>(`${county(code)}/staff/${id}`, body),
  deleteStaff: (code: string, id: string) => api.delete(`${county(code)}/staff/${id}`),
  deletePhoto: (code: string, inspectionId: string, photoId: string) =>
    api.delete(`${county(code)}/inspections/${inspectionId}/photos/${photoId}`),
};

/** Uploads a photo of an inspection (multipart; the JSON client does not fit). */
export async function uploadInspectionPhoto(
  code: string,
  inspectionId: string,
  file: File,
): Promise<InspectionPhoto> {
  const form = new FormData();
  form.append("file", file, file.name);
  const response = await fetch(`/api/v1/counties/${code}/outcomes/inspections/${inspectionId}/photos`, {
    method: "POST",
    body: form,
    credentials: "same-origin",
    headers: { "Accept-Language": acceptLanguage(getLanguage()) },
  });
  const body = await response.json().catch(() => undefined);
  if (!response.ok) {
    throw new ApiError(
      response.status,
      body?.error?.code ?? "upload_failed",
      body?.error?.message ?? `HTTP ${response.status}`,
    );
  }
  return body as InspectionPhoto;
}

export const outcomesExportUrl = (code: string, path: string) =>
  `/api/v1/counties/${code}/outcomes/${path}.xlsx`;
