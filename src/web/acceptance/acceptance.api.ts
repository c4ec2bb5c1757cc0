/** Calls of the acceptance area. */

import type { PerformanceEvaluation, PerformanceGrade } from "../../rules/acceptance/performance";
import type { TimelineEntry } from "../../rules/acceptance/timeline";
import { ApiError, api } from "../api/client";
import { acceptLanguage, getLanguage } from "../app/language";

export type ItemStatus = "pass" | "fail" | "pending" | "n/a";
export type VetoStatus = "clear" | "triggered" | "pending";

export type Scorecard = {
  county: string;
  asOf: string;
  standard: string;
  standardVersion: number;
  verdict: "passed" | "failed" | "vetoed" | "incomplete";
  items: {
    id: string;
    status: ItemStatus;
    measured: Record<string, unknown>;
    threshold: Record<string, unknown>;
    rules: string[];
    note: string;
    decidedBy: "data" | "assessor";
    /** The assessor overturned the data's result (with reason and evidence): both are shown. */
    overridden: boolean;
    dataResult?: { status: ItemStatus; note: string };
  }[];
  veto: {
    id: string;
    status: VetoStatus;
    note: string;
    decidedBy: "data" | "assessor";
    overridden: boolean;
    dataResult?: { status: VetoStatus; note: string };
  }[];
};

export type AcceptanceProcess = {
  decisions: { id: string; status: string; note: string; decidedBy: string; decidedAt: string }[];
  evidence: {
    id: string;
    itemId: string;
    kind: string;
    note: string;
    fileName: string | null;
    createdBy: string;
    createdAt: string;
  }[];
  signoff: { signedBy: string; signedAt: string; verdict: string; asOf: string } | null;
};

export const fetchScorecard = (code: string, asOf: string, signal?: AbortSignal) =>
  api.get<Scorecard>(`/counties/${code}/scorecard`, { query: { asOf }, signal });

export const fetchProcess = (code: string, signal?: AbortSignal) =>
  api.get<AcceptanceProcess>(`/counties/${code}/acceptance`, { signal });

export const decide = (code: string, body: { itemId: string; status: string; note: string; asOf: string }) =>
  api.post<{ id: string }>(`/counties/${code}/acceptance/decisions`, body);

export const sign = (code: string, asOf: string) =>
  api.post<{ id: string }>(`/counties/${code}/acceptance/sign`, { asOf });

/** Uploads a photo or file as evidence for an item (multipart; the JSON client does not fit). */
export async function uploadEvidence(code: string, itemId: string, note: string, file?: File): Promise<void> {
  const form = new FormData();
  form.append("itemId", itemId);
  form.append("note", note);
  if (file) form.append("file", file, file.name);
  const response = await fetch(`/api/v1/counties/${code}/acceptance/evidence`, {
    method: "POST",
    body: form,
    credentials: "same-origin",
    headers: { "Accept-Language": acceptLanguage(getLanguage()) },
  });
  if (!response.ok) {
    const body = await response.json().catch(() => undefined);
    throw new ApiError(
      response.status,
      body?.error?.code ?? "upload_failed",
      body?.error?.message ?? `HTTP ${response.status}`,
    );
  }
}

export type Timeline = {
  county: string;
  asOf: string;
  counts: { done: number; due: number; overdue: number };
  entries: TimelineEntry[];
};

/** One county's line on the province dashboard. */
export type CountyAcceptanceSummary = {
  code: string;
  name: string;
  cityCode: string;
  cityName: string;
  verdict: Scorecard["verdict"];
  counts: { pass: number; fail: number; pending: number; notApplicable: number };
  failed: string[];
  pending: string[];
  veto: { triggered: string[]; pending: string[] };
  vetoRisk: "triggered" | "pending" | "clear";
  points: number;
  grade: PerformanceGrade;
  /** The grade the points alone give; differs from `grade` when a veto caps it. */
  gradeByPoints: PerformanceGrade;
  isProvisional: boolean;
  signoff: { signedAt: string; signedBy: string; verdict: string; asOf: string } | null;
  /** Results the assessor overturned (the province's list of overrides). */
  overrides: { id: string; dataStatus: string; dataNote: string; status: string; reason: string }[];
};

export type ProvinceAcceptance = {
  asOf: string;
  standard: string;
  standardVersion: number;
  verdicts: Record<string, number>;
  grades: Record<string, number>;
  counties: CountyAcceptanceSummary[];
};

export const fetchPerformance = (code: string, asOf: string, signal?: AbortSignal) =>
  api.get<PerformanceEvaluation>(`/counties/${code}/performance`, { query: { asOf }, signal });

export const fetchTimeline = (code: string, asOf: string, signal?: AbortSignal) =>
  api.get<Timeline>(`/counties/${code}/timeline`, { query: { asOf }, signal });

export const fetchProvinceAcceptance = (asOf: string, signal?: AbortSignal) =>
  api.get<ProvinceAcceptance>("/acceptance/province", { query: { asOf }, signal });
