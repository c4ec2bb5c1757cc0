/**
 * The county workbook import, as the web page uses it: POST /counties/:code/workbook with the file
 * as multipart. XMLHttpRequest rather than fetch, because only it reports upload progress, which a
 * county officer needs to see on a large workbook over a slow county line.
 */
import { API_BASE, ApiError, api } from "../api/client";
import { acceptLanguage, getLanguage } from "../app/language";

export type SheetCount = { sheet: string; rows: number; accepted: number; rejected: number; written: number };
export type RejectedRow = { sheet: string; row: number; column?: string; reason: string };
export type ImportResult = {
  written: boolean;
  dryRun: boolean;
  partial: boolean;
  sheets: SheetCount[];
  ignoredSheets: string[];
  rejected: RejectedRow[];
};

export const TEMPLATE_URL = `${API_BASE}/workbook/template.xlsx`;

/** The sheets the caller may import: all for the county's administrators, a contractor's its contracts'. */
export type ImportSheets = { sheets: string[]; isAll: boolean };

export function importSheets(countyCode: string, signal?: AbortSignal) {
  return api.get<ImportSheets>(`/counties/${encodeURIComponent(countyCode)}/workbook/sheets`, { signal });
}

export type ImportMode = {
  /** Check only: nothing is written. */
  dryRun: boolean;
  /** Keep the valid rows; otherwise all or nothing (the server answers 422 naming every bad row). */
  partial: boolean;
};

/** How far the server has got with an import (GET …/workbook/progress/:id). */
export type ImportProgress = {
  phase: "receiving" | "reading" | "writing" | "done" | "failed";
  rowsRead: number;
  rowsValidated: number;
  rowsRejected: number;
  rowsWritten: number;
};

/**
 * A new progress id for one upload: random, so that the page can read the import's progress while
 * the upload request is still open. (crypto.randomUUID needs a secure context; county servers are
 * often reached over plain http on the office network.)
 */
export function newProgressId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export function importProgress(countyCode: string, progressId: string, signal?: AbortSignal) {
  return api.get<ImportProgress>(
    `/counties/${encodeURIComponent(countyCode)}/workbook/progress/${encodeURIComponent(progressId)}`,
    { signal },
  );
}

export function uploadWorkbook(
  countyCode: string,
  file: File,
  mode: ImportMode,
  onProgress?: (percent: number) => void,
  progressId?: string,
): Promise<ImportResult> {
  const query = `dryRun=${mode.dryRun}&partial=${mode.partial}${progressId ? `&progress=${progressId}` : ""}`;
  const url = `${API_BASE}/counties/${encodeURIComponent(countyCode)}/workbook?${query}`;
  const form = new FormData();
  form.set("file", file, file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.withCredentials = true;
    xhr.setRequestHeader("Accept", "application/json");
    xhr.setRequestHeader("Accept-Language", acceptLanguage(getLanguage()));
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && onProgress) onProgress(Math.floor((event.loaded * 100) / event.total));
    };
    xhr.onerror = () => reject(new ApiError(0, "network_error", networkMessage()));
    xhr.onload = () => {
      let data: unknown;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        data = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data as ImportResult);
      const error = (data as { error?: { code?: string; message?: string; details?: [] } })?.error;
      reject(
        new ApiError(
          xhr.status,
          error?.code ?? `http_${xhr.status}`,
          error?.message ?? `HTTP ${xhr.status}`,
          error?.details ?? [],
        ),
      );
    };
    xhr.send(form);
  });
}

function networkMessage(): string {
  return getLanguage() === "zh" ? "网络连接失败，请稍后重试" : "Network error, please try again";
}
