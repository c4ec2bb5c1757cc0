/** Calls of the acceptance procedure (K1): its steps, documents and rectifications. */
import { ApiError, api } from "../api/client";
import { acceptLanguage, getLanguage } from "../app/language";

export type StepStatus = "done" | "open" | "not_started" | "n/a";
export type ProcedureEntry = { step: string; status: StepStatus; date: string | null };

export type ProcedureView = {
  county: string;
  asOf: string;
  procedure: ProcedureEntry[];
  steps: {
    id: string;
    step: string;
    action: string;
    date: string;
    details: Record<string, unknown>;
    documentIds: string[];
    actedBy: string;
    actedRole: string;
  }[];
  documents: { id: string; kind: string; note: string; fileName: string; uploadedBy: string }[];
  rectifications: {
    id: string;
    source: string;
    ref: string;
    problem: string;
    owner: string;
    openedOn: string;
    deadline: string;
    closedOn: string | null;
    history: { kind: string; date: string; outcome: string | null; note: string; by: string }[];
  }[];
};

export const fetchProcedure = (code: string, asOf: string, signal?: AbortSignal) =>
  api.get<ProcedureView>(`/counties/${code}/procedure`, { query: { asOf }, signal });

export const takeStep = (code: string, path: string, body: object) =>
  api.post<{ id: string }>(`/counties/${code}/procedure/${path}`, body);

/** Uploads one document of the procedure (multipart; the JSON client does not fit). */
export async function uploadProcedureDocument(code: string, kind: string, file: File): Promise<string> {
  const form = new FormData();
  form.append("kind", kind);
  form.append("note", file.name);
  form.append("file", file, file.name);
  const response = await fetch(`/api/v1/counties/${code}/procedure/documents`, {
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
  return body.id as string;
}
