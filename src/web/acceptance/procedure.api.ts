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
    history: {
      kind: string;
      date: string;
      outcome: string | null;
      note: string;
      documentId: string | null;
      by: string;
    }[];
  }[];
  terminations: Termination[];
};

export type HandoverKind = "station" | "equipment" | "data" | "account" | "ingest_token";
export const HANDOVER_KINDS: HandoverKind[] = ["station", "equipment", "data", "account", "ingest_token"];

/** What checking a handover item moved to the new contractor (rule K2). */
export type HandoverEffects = {
  stations?: string[];
  stationAccounts?: string[];
  accountsEnded?: string[];
  tokensRevoked?: { name: string; hint: string }[];
  tokensIssued?: { id: string; name: string; hint: string }[];
};

export type Termination = {
  id: string;
  contractId: string;
  terminatedOn: string;
  reason: string;
  decision: string;
  evidenceDocumentId: string | null;
  replacementTenderId: string | null;
  replacementContractId: string | null;
  fromOrganization: { id: string; name: string } | null;
  toOrganization: { id: string; name: string } | null;
  handoverDone: boolean;
  handover: {
    id: string;
    kind: HandoverKind;
    description: string;
    checkedOn: string | null;
    checkedBy: string | null;
    note: string;
    stationNos: string[];
    effects: HandoverEffects | null;
  }[];
};

export type Organization = { id: string; name: string; kind: string; regionCode: string };

export const fetchProcedure = (code: string, asOf: string, signal?: AbortSignal) =>
  api.get<ProcedureView>(`/counties/${code}/procedure`, { query: { asOf }, signal });

export const takeStep = (code: string, path: string, body: object) =>
  api.post<{ id: string }>(`/counties/${code}/procedure/${path}`, body);

export const documentUrl = (code: string, id: string) => `/api/v1/counties/${code}/procedure/documents/${id}`;

export const openRectification = (code: string, body: object) =>
  api.post<{ id: string }>(`/counties/${code}/rectifications`, body);

export const addRectificationEvent = (code: string, id: string, body: object) =>
  api.post<{ id: string; closedOn: string | null }>(`/counties/${code}/rectifications/${id}/events`, body);

export const spotCheck = (code: string, body: object) =>
  api.post<{ id: string; rectificationIds: string[] }>(`/counties/${code}/procedure/spot-check`, body);

export const terminateContract = (code: string, contractId: string, body: object) =>
  api.post<{ id: string; handoverItemIds: string[] }>(
    `/counties/${code}/funds/contracts/${contractId}/termination`,
    body,
  );

export const linkReplacement = (code: string, terminationId: string, body: object) =>
  api.post<{ id: string }>(`/counties/${code}/terminations/${terminationId}/replacement`, body);

export const checkHandoverItem = (code: string, itemId: string, body: object) =>
  api.post<{
    id: string;
    effects: HandoverEffects | null;
    issuedTokens: { id: string; name: string; token: string }[];
  }>(`/counties/${code}/handover-items/${itemId}/check`, body);

export const contractorOrganizations = (signal?: AbortSignal) =>
  api.get<Organization[]>("/organizations", { query: { kind: "contractor" }, signal });

export const registerContractor = (name: string, regionCode: string) =>
  api.post<{ id: string }>("/organizations", { name, kind: "contractor", regionCode });

/** Uploads one document of the procedure (multipart; the JSON client does not fit). */
export async function uploadProcedureDocument(
  code: string,
  kind: string,
  file: File,
  note = file.name,
): Promise<string> {
  const form = new FormData();
  form.append("kind", kind);
  form.append("note", note);
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
