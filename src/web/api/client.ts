/**
 * The typed fetch wrapper for /api/v1: JSON in and out, the session cookie, the interface
 * language, and the server's one error shape `{"error":{"code","message","details"}}`.
 */
import { acceptLanguage, getLanguage } from "../app/language";
import { translate } from "../app/messages";

export const API_BASE = "/api/v1";

/** One entry of `error.details`: where a problem is and what it is. */
export type ApiErrorDetail = {
  path?: string;
  sheet?: string;
  row?: number;
  column?: string;
  message: string;
};

export type ApiErrorBody = { error: { code: string; message: string; details?: ApiErrorDetail[] } };

/** A failed request; `message` is the server's, already in the interface language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ApiErrorDetail[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

export type RequestOptions = {
  /** Query parameters; empty, null and undefined values are left out. */
  query?: Query;
  /** A JSON body. */
  body?: unknown;
  signal?: AbortSignal;
  /** Let a 401 through to the caller without sending the user to the login page (session checks). */
  allowUnauthenticated?: boolean;
};

let onUnauthenticated: () => void = () => {
  if (window.location.pathname !== "/login") window.location.assign("/login");
};

/** The auth context registers how a 401 sends the user to the login page. */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

let onPasswordChangeRequired: () => void = () => {};

/** The auth context registers how a 403 `password_change_required` switches to the change form. */
export function setPasswordChangeRequiredHandler(handler: () => void): void {
  onPasswordChangeRequired = handler;
}

function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ""}`;
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== "object" || value === null || !("error" in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === "object" && error !== null && "code" in error && "message" in error;
}

/** Sends one request; resolves to the parsed JSON (undefined for 204) or throws ApiError. */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const language = getLanguage();
  const headers: Record<string, string> = {
    Accept: "application/json",
    "Accept-Language": acceptLanguage(language),
  };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: "same-origin",
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError(0, "network_error", translate(language, "error.network"));
  }

  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }

  if (!response.ok) {
    const error = isErrorBody(data)
      ? new ApiError(response.status, data.error.code, data.error.message, data.error.details ?? [])
      : new ApiError(
          response.status,
          `http_${response.status}`,
          `${translate(language, "error.title")} (HTTP ${response.status})`,
        );
    if (response.status === 401 && !options.allowUnauthenticated) onUnauthenticated();
    // The session still exists but may only change its password (first sign-in, or it expired).
    if (response.status === 403 && error.code === "password_change_required") onPasswordChangeRequired();
    throw error;
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, "body">) => request<T>("GET", path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>("POST", path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>("PUT", path, { ...options, body }),
  delete: <T = void>(path: string, options?: RequestOptions) => request<T>("DELETE", path, options),
};

/** True for the error fetch throws when a request is aborted (a page left before it answered). */
export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === "AbortError";
}
