/**
 * JSON request bodies must be UTF-8 (RFC 8259). Fastify's own parser decodes whatever arrives as
 * UTF-8, so a body in GBK would be stored as replacement characters (U+FFFD) without a word; this
 * parser refuses it with 415 and the usual error shape, then hands valid text to Fastify's parser
 * (which keeps its prototype-poisoning protection and its error codes).
 */
import { isUtf8 } from "node:buffer";
import type { FastifyInstance } from "fastify";
import { AppError } from "./errors";

const notUtf8 = () =>
  new AppError(415, "unsupported_encoding", {
    zh: "请求体须为 UTF-8 编码的 JSON（收到的内容不是有效的 UTF-8，可能是 GBK）",
    en: "The JSON body must be UTF-8 (what arrived is not valid UTF-8; GBK perhaps)",
  });

export function installUtf8JsonParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (request, body, done) => {
    const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(request.headers["content-type"] ?? "")?.[1];
    if ((charset && !/^utf-?8$/i.test(charset)) || !isUtf8(body as Buffer)) {
      done(notUtf8(), undefined);
      return;
    }
    parseJson(request, (body as Buffer).toString("utf8"), done);
  });
}
