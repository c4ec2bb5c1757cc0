/** Maps every failure to the API's error shape; never a bare 500 for input the client got wrong. */
import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import zhCN from "zod/v4/locales/zh-CN.js";
import { AppError, type ErrorDetail, errorBody, languageOf } from "./errors";

const zhErrors = zhCN().localeError;

// Fastify's own 4xx errors, with Chinese messages.
const FASTIFY_MESSAGES: Record<string, { zh: string; en: string; code: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: "payload_too_large",
    zh: "请求体过大（上限 1 MiB）",
    en: "Request body too large (limit 1 MiB)",
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: "unsupported_media_type",
    zh: "不支持的内容类型",
    en: "Unsupported content type",
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: "invalid_json", zh: "JSON 请求体为空", en: "Empty JSON body" },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: "invalid_json", zh: "JSON 格式错误", en: "Malformed JSON body" },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: "invalid_request",
    zh: "Content-Length 与请求体不符",
    en: "Content-Length does not match the body",
  },
  FST_REQ_FILE_TOO_LARGE: { code: "payload_too_large", zh: "上传文件过大", en: "Uploaded file too large" },
  FST_FILES_LIMIT: { code: "payload_too_large", zh: "上传文件过多", en: "Too many files" },
  FST_INVALID_MULTIPART_CONTENT_TYPE: {
    code: "unsupported_media_type",
    zh: "请以 multipart/form-data 上传文件",
    en: "Upload files as multipart/form-data",
  },
};

/**
 * A multipart body that ends before its closing boundary (a dropped connection, a client that gave
 * up) or whose part headers are broken: busboy reports it with a plain Error, no code or status.
 */
export function isMalformedMultipart(error: {
  message?: string;
  code?: string;
  statusCode?: number;
}): boolean {
  if (error.code || (error.statusCode && error.statusCode !== 500)) return false;
  return /unexpected end of multipart data|terminated early due to unexpected end|^Multipart: |^Malformed (part header|content disposition)/i.test(
    error.message ?? "",
  );
}

// PostgreSQL refuses text it cannot store (a NUL character, 0x00): the client's input, not a fault.
const UNSTORABLE_TEXT = new Set(["22021", "22P05"]);

function validationDetails(
  error: { validation: Array<Record<string, unknown>> },
  lang: "zh" | "en",
): ErrorDetail[] {
  return error.validation.map((v) => {
    const path = String(v.instancePath ?? "")
      .replace(/^\//, "")
      .replace(/\//g, ".");
    let message = String(v.message ?? "");
    if (lang === "zh") {
      const issue = { ...(v.params as object), code: v.keyword, path: path ? path.split(".") : [], message };
      const zh = zhErrors(issue as never);
      message = typeof zh === "string" ? zh : (zh?.message ?? message);
    }
    return { path, message };
  });
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const lang = languageOf(request.headers["accept-language"]);
    if (error instanceof AppError) {
      return reply.status(error.status).send(errorBody(error.code, error.messages[lang], error.details));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? "body";
      return reply
        .status(400)
        .send(
          errorBody(
            "validation_failed",
            lang === "zh"
              ? `请求${where === "querystring" ? "参数" : "内容"}不符合要求`
              : `Invalid request ${where}`,
            validationDetails(error as never, lang),
          ),
        );
    }
    if (error.code && UNSTORABLE_TEXT.has(error.code)) {
      return reply
        .status(400)
        .send(
          errorBody(
            "invalid_text",
            lang === "zh"
              ? "文本中含有无法保存的字符（如 NUL 空字符）"
              : "The text contains a character that cannot be stored (e.g. NUL)",
          ),
        );
    }
    if (isMalformedMultipart(error)) {
      return reply
        .status(400)
        .send(
          errorBody(
            "malformed_upload",
            lang === "zh"
              ? "上传内容不完整或格式错误（可能传输中断），请重新上传"
              : "The upload is incomplete or malformed (the transfer may have been cut off); upload it again",
          ),
        );
    }
    const known = error.code ? FASTIFY_MESSAGES[error.code] : undefined;
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply
        .status(status)
        .send(errorBody(known?.code ?? "bad_request", known ? known[lang] : error.message));
    }
    request.log.error({ err: error }, "unhandled error");
    return reply
      .status(500)
      .send(errorBody("internal_error", lang === "zh" ? "服务器内部错误" : "Internal server error"));
  });
}
