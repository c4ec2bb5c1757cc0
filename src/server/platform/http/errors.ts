/**
 * The one error shape of the API (interfaces.md): `{"error":{"code","message","details"}}`, the
 * message in Chinese when the request's Accept-Language starts with `zh`, else English.
 */

export type Messages = { zh: string; en: string };

export type ErrorDetail = {
  /** Where: a JSON path (`lines.2.amountFen`) or a workbook position. */
  path?: string;
  sheet?: string;
  row?: number;
  column?: string;
  message: string;
};

/** A failure the caller can act on; use cases throw it, routes map it to the error shape. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messages: Messages,
    readonly details: ErrorDetail[] = [],
  ) {
    super(messages.en);
    this.name = "AppError";
  }
}

export const notFound = (what: Messages) =>
  new AppError(404, "not_found", { zh: `未找到${what.zh}`, en: `${what.en} not found` });

export const forbidden = () =>
  new AppError(403, "forbidden", {
    zh: "无权访问该地区或该数据",
    en: "You may not access this region or data",
  });

export const unauthenticated = () =>
  new AppError(401, "unauthenticated", { zh: "请先登录", en: "Please sign in" });

export const badRequest = (code: string, messages: Messages, details: ErrorDetail[] = []) =>
  new AppError(400, code, messages, details);

/** Picks the language of a request from its Accept-Language header. */
export function languageOf(acceptLanguage: string | undefined): "zh" | "en" {
  return acceptLanguage?.trim().toLowerCase().startsWith("zh") ? "zh" : "en";
}

export type ErrorBody = { error: { code: string; message: string; details: ErrorDetail[] } };

export function errorBody(code: string, message: string, details: ErrorDetail[] = []): ErrorBody {
  return { error: { code, message, details } };
}
