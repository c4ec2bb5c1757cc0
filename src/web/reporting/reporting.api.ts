/** The reporting and transparency API as the web pages use it (types mirror the server's schemas). */
import type { ReporterKind, ReportKind, ReportStatus } from "../../rules/reporting";
import { api, request } from "../api/client";

export type Counts = { expected: number; received: number; onTime: number };

export type Liaison = {
  id: string;
  role: "authority" | "contractor";
  reporterKey: string;
  organizationId: string | null;
  organizationName: string;
  name: string;
  position: string;
  phone: string;
  email: string | null;
  reportsFrom: string | null;
  reportsUntil: string | null;
  isDemo: boolean;
};

export type LiaisonList = {
  countyCode: string;
  liaisons: Liaison[];
  contractors: { id: string; name: string }[];
  problems: string[];
  filing: {
    filedOn: string | null;
    isFiled: boolean;
    isOnTime: boolean;
    isOverdue: boolean;
    deadline: string;
  };
};

export type Report = {
  id: string;
  countyCode: string;
  kind: ReportKind;
  period: string;
  reporterKey: string;
  reporterKind: ReporterKind;
  reporterName: string;
  status: ReportStatus;
  pendingLevel: "county" | "city" | "province" | null;
  content: Record<string, unknown>;
  version: number;
  dueOn: string;
  firstSubmittedOn: string | null;
  approvedAt: string | null;
  lastComment: string | null;
  isDemo: boolean;
};

export type ReportDetail = Report & {
  events: {
    action: string;
    level: string | null;
    actorName: string;
    comment: string | null;
    statusAfter: string;
    at: string;
  }[];
  problems: { rule: string; path: string; message: string }[];
  entry: { state: "not_yet" | "open" | "closed"; closesOn: string };
};

type Slot = { reporterKey: string; reporterName: string; kind: ReportKind; period: string; dueOn: string };

export type ReportingStatus = {
  asOf: string;
  counts: Counts;
  completenessBp: number;
  timelinessBp: number;
  daily: Counts;
  due: {
    slot: Slot;
    state: "due" | "overdue" | "returned";
    daysLate: number;
    isDueSoon: boolean;
    reportId: string | null;
  }[];
};

export type OverviewCell = Counts & { period: string; completenessBp: number; timelinessBp: number };

export type Overview = {
  year: number;
  asOf: string;
  liaisonDeadline: string;
  counties: {
    code: string;
    name: string;
    months: OverviewCell[];
    total: OverviewCell;
    overdue: number;
    liaison: {
      filedOn: string | null;
      isFiled: boolean;
      isOnTime: boolean;
      isOverdue: boolean;
      liaisons: number;
    };
  }[];
};

export type ColumnDocument = {
  id: string;
  title: string;
  url: string | null;
  fileName: string | null;
  hasFile: boolean;
  publishedOn: string | null;
};

export type ColumnEntry = {
  id: string;
  itemKey: string;
  title: string;
  body: string;
  publishedOn: string | null;
  documents: ColumnDocument[];
};

export type ColumnProject = {
  id: string;
  name: string;
  content: string;
  contractorName: string;
  subsidyFen: number | null;
  deadline: string | null;
  performanceTargets: string;
  countyResponsible: string;
  contractorResponsible: string;
  /** 合同编号 of the contract the project publishes (E2). */
  contractNo: string | null;
  progressBp: number | null;
  progressText: string;
  progressUpdatedOn: string | null;
  progressSource: string | null;
  sortOrder: number;
  documents: ColumnDocument[];
};

export type Missing = {
  key: string;
  label: string;
  rule: string;
  project?: string;
  reason: string;
  name: string;
};

export type Column = {
  regionCode: string;
  supervisionPhone: string | null;
  intro: string;
  entries: ColumnEntry[];
  projects: ColumnProject[];
  completeness: { asOf: string; isComplete: boolean; missing: Missing[] };
  publicUrl: string;
};

export type PublicMessage = {
  id: string;
  regionCode: string;
  kind: "comment" | "complaint";
  trackingNo: string;
  subject: string;
  body: string;
  /** Only for the county's administrator and province administrators. */
  contactName?: string | null;
  contactPhone?: string | null;
  status: "received" | "processing" | "replied" | "closed";
  isPublished: boolean;
  reply: string | null;
  submittedAt: string;
  handledAt: string | null;
  handlingHours: number;
};

export type Delivery = {
  id: string;
  reportId: string;
  countyCode: string;
  sink: string;
  target: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
};

const county = (code: string) => `/counties/${code}`;

export const reportingApi = {
  overview: (year: number | undefined, signal: AbortSignal) =>
    api.get<Overview>("/reporting/overview", { query: { year }, signal }),
  settings: (signal: AbortSignal) =>
    api.get<{ reporting: { lastMonth: string | null; firstMonth: string } }>("/reporting/settings", {
      signal,
    }),
  deliveries: (signal: AbortSignal) => api.get<Delivery[]>("/reporting/deliveries", { signal }),
  retryDelivery: (id: string) => api.post(`/reporting/deliveries/${id}/retry`, { confirm: true }),
  status: (code: string, asOf: string | undefined, signal: AbortSignal) =>
    api.get<ReportingStatus>(`${county(code)}/reporting/status`, { query: { asOf }, signal }),
  reports: (code: string, year: string | undefined, signal: AbortSignal) =>
    api.get<Report[]>(`${county(code)}/reports`, { query: { year }, signal }),
  report: (code: string, id: string, signal?: AbortSignal) =>
    api.get<ReportDetail>(`${county(code)}/reports/${id}`, { signal }),
  createReport: (code: string, body: { kind: ReportKind; period: string; reporterKey: string }) =>
    api.post<Report>(`${county(code)}/reports`, body),
  saveReport: (code: string, id: string, version: number, content: unknown) =>
    api.put<Report>(`${county(code)}/reports/${id}`, { version, content }),
  submitReport: (code: string, id: string, version: number) =>
    api.post<{ report: Report }>(`${county(code)}/reports/${id}/submit`, { version }),
  reviewReport: (
    code: string,
    id: string,
    decision: "approve" | "return" | "reopen",
    version: number,
    comment: string,
  ) => api.post<Report>(`${county(code)}/reports/${id}/${decision}`, { version, comment }),
  reassemble: (code: string, id: string, version: number) =>
    api.post<Report>(`${county(code)}/reports/${id}/reassemble`, { version }),
  liaisons: (code: string, signal: AbortSignal) =>
    api.get<LiaisonList>(`${county(code)}/liaisons`, { signal }),
  addLiaison: (code: string, body: unknown) => api.post<Liaison>(`${county(code)}/liaisons`, body),
  deleteLiaison: (code: string, id: string) => api.delete(`${county(code)}/liaisons/${id}`),
  fileLiaisons: (code: string) => api.post(`${county(code)}/liaisons/filing`, { confirm: true }),
  column: (code: string, signal: AbortSignal) => api.get<Column>(`/columns/${code}`, { signal }),
  saveColumn: (code: string, body: { supervisionPhone: string | null; intro: string }) =>
    api.put(`/columns/${code}`, body),
  addEntry: (code: string, body: unknown) => api.post<{ id: string }>(`/columns/${code}/entries`, body),
  updateEntry: (code: string, id: string, body: unknown) => api.put(`/columns/${code}/entries/${id}`, body),
  deleteEntry: (code: string, id: string) => api.delete(`/columns/${code}/entries/${id}`),
  addProject: (code: string, body: unknown) => api.post<{ id: string }>(`/columns/${code}/projects`, body),
  updateProject: (code: string, id: string, body: unknown) =>
    request("PATCH", `/columns/${code}/projects/${id}`, { body }),
  deleteProject: (code: string, id: string) => api.delete(`/columns/${code}/projects/${id}`),
  addLink: (code: string, body: unknown) => api.post(`/columns/${code}/documents`, body),
  deleteDocument: (code: string, id: string) => api.delete(`/columns/${code}/documents/${id}`),
  messages: (code: string, signal: AbortSignal) =>
    api.get<PublicMessage[]>(`/columns/${code}/messages`, { signal }),
  allMessages: (signal: AbortSignal) => api.get<PublicMessage[]>("/public-messages", { signal }),
  reply: (code: string, id: string, body: { status: string; reply: string | null; isPublished: boolean }) =>
    api.post<PublicMessage>(`/columns/${code}/messages/${id}/reply`, body),
};

/** Uploads a document to a column entry or project (multipart; the browser sends the session cookie). */
export async function uploadDocument(
  code: string,
  fields: { ownerKind: string; ownerId: string; title: string },
  file: File,
): Promise<void> {
  const form = new FormData();
  form.set("ownerKind", fields.ownerKind);
  form.set("ownerId", fields.ownerId);
  form.set("title", fields.title);
  form.set("file", file);
  const res = await fetch(`/api/v1/columns/${code}/documents/upload`, {
    method: "POST",
    body: form,
    credentials: "same-origin",
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
    throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
  }
}

/** A public message's handling status in words: [Chinese, English, tag colour]. */
export const MESSAGE_STATUS: Record<PublicMessage["status"], [string, string, string]> = {
  received: ["已受理", "Received", "blue"],
  processing: ["办理中", "Processing", "orange"],
  replied: ["已答复", "Replied", "green"],
  closed: ["已办结", "Closed", "default"],
};
