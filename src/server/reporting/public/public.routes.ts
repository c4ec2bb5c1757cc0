/**
 * The public, login-free transparency pages (T1–T4): the provincial zone at /gk, each county's
 * column at /gk/{countyCode}, their documents, and the comment and complaint windows (T2) as plain
 * HTML forms posting back here (same origin, so the platform's Origin check lets them through).
 *
 * Spam protection without a third-party service: a sum to answer (signed, single-use token) and a
 * per-IP sliding-window limit (in memory, per process — see platform/http/rate-limit.ts).
 */
import { createReadStream, existsSync } from "node:fs";
import type { FastifyInstance, FastifyReply } from "fastify";
import { checkColumn } from "../../../rules/transparency";
import { countyExists } from "../../counties";
import type { Db } from "../../platform/db/database";
import { absolutePath } from "../../platform/files/file-store";
import { contentDisposition } from "../../platform/http/content-disposition";
import { SlidingWindowLimiter } from "../../platform/http/rate-limit";
import { csvEncoding } from "../../platform/workbook/read-sheets";
import { columnSnapshot, loadColumn } from "../column/column.repository";
import { countyName } from "../liaisons/liaisons.repository";
import { reportingDb } from "../reporting-db";
import { loadReportingSettings } from "../settings/reporting-settings.repository";
import { findByTrackingNo, listPublicMessages } from "./public-messages.repository";
import {
  PUBLIC_CSP,
  renderCountyColumn,
  renderNotFound,
  renderProvinceZone,
  renderTooMany,
  renderTracking,
  renderWindowForm,
  renderWindowReceipt,
} from "./public-pages";
import { submitPublicMessage } from "./submit-public-message";
import { challengeSecret, issueChallenge, verifyChallenge } from "./window-challenge";

/** Hebei: the provincial zone's region code. */
export const PROVINCE_CODE = "13";

/** Submissions per IP address: at most `limit` in `windowMs` (T2 spam protection). */
export const DEFAULT_WINDOW_RATE_LIMIT = { limit: 5, windowMs: 10 * 60 * 1000 };

const KINDS = new Set(["comment", "complaint"]);

function sendHtml(reply: FastifyReply, status: number, html: string) {
  return reply
    .status(status)
    .header("content-security-policy", PUBLIC_CSP)
    .header("x-content-type-options", "nosniff")
    .header("referrer-policy", "same-origin")
    .type("text/html; charset=utf-8")
    .send(html);
}

export type PublicRoutesOptions = { db: Db; limiter?: SlidingWindowLimiter };

export async function publicRoutes(app: FastifyInstance, options: PublicRoutesOptions): Promise<void> {
  const { db } = options;
  const limiter =
    options.limiter ??
    new SlidingWindowLimiter(DEFAULT_WINDOW_RATE_LIMIT.limit, DEFAULT_WINDOW_RATE_LIMIT.windowMs);

  // Plain HTML forms post application/x-www-form-urlencoded; this parser lives in this plugin only.
  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string", bodyLimit: 64 * 1024 },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    },
  );

  /** A demonstration county or the province, with its display name; undefined otherwise. */
  const regionOf = async (code: string): Promise<{ code: string; name: string } | undefined> => {
    if (code === PROVINCE_CODE) return { code, name: "河北省" };
    if (/^\d{6}$/.test(code) && (await countyExists(db.db, code)))
      return { code, name: await countyName(db.db, code) };
    return undefined;
  };
  const phoneOf = async (code: string) =>
    (
      await reportingDb(db.db)
        .selectFrom("transparency_columns")
        .select("supervision_phone")
        .where("region_code", "=", code)
        .executeTakeFirst()
    )?.supervision_phone ?? null;
  const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

  app.get("/gk", { schema: { hide: true }, config: { access: "public" } }, async (_request, reply) => {
    const { transparency } = await loadReportingSettings(db.db);
    const counties = await db.db
      .selectFrom("demonstration_counties")
      .select(["county_code", "name"])
      .orderBy("county_code")
      .execute();
    const asOf = today();
    const checks = [];
    for (const c of counties) {
      const snapshot = columnSnapshot(await loadColumn(db.db, c.county_code));
      checks.push({ code: c.county_code, name: c.name, check: checkColumn(snapshot, asOf, transparency) });
    }
    const column = await loadColumn(db.db, PROVINCE_CODE);
    return sendHtml(
      reply,
      200,
      renderProvinceZone({
        provinceCode: PROVINCE_CODE,
        column,
        check: checkColumn(columnSnapshot(column), asOf, transparency),
        counties: checks,
      }),
    );
  });

  app.get<{ Querystring: { no?: string } }>(
    "/gk/track",
    { schema: { hide: true }, config: { access: "public" } },
    async (request, reply) => {
      const no = typeof request.query.no === "string" ? request.query.no.trim().slice(0, 30) : "";
      const message = no ? await findByTrackingNo(db.db, no) : null;
      const region = message ? await regionOf(message.regionCode) : undefined;
      return sendHtml(
        reply,
        no && !message ? 404 : 200,
        renderTracking({ no, message, regionName: region?.name ?? null }),
      );
    },
  );

  app.get<{ Params: { code: string } }>(
    "/gk/:code",
    { schema: { hide: true }, config: { access: "public" } },
    async (request, reply) => {
      const { code } = request.params;
      if (code === PROVINCE_CODE) return reply.redirect("/gk", 301);
      const region = code.length === 6 ? await regionOf(code) : undefined;
      if (!region) return sendHtml(reply, 404, renderNotFound("没有该示范县的政务公开专栏。"));
      const { transparency } = await loadReportingSettings(db.db);
      const column = await loadColumn(db.db, code);
      return sendHtml(
        reply,
        200,
        renderCountyColumn({
          countyCode: code,
          countyName: region.name,
          column,
          check: checkColumn(columnSnapshot(column), today(), transparency),
          publishedComments: await listPublicMessages(db.db, {
            regionCodes: [code],
            kind: "comment",
            publishedOnly: true,
          }),
        }),
      );
    },
  );

  app.get<{ Params: { code: string; id: string } }>(
    "/gk/:code/documents/:id",
    { schema: { hide: true }, config: { access: "public" } },
    async (request, reply) => {
      const { code, id } = request.params;
      const doc = /^[0-9a-f-]{36}$/.test(id)
        ? await reportingDb(db.db)
            .selectFrom("transparency_documents")
            .selectAll()
            .where("id", "=", id)
            .where("region_code", "=", code)
            .executeTakeFirst()
        : undefined;
      if (!doc?.file_path || !existsSync(absolutePath(doc.file_path))) {
        return sendHtml(reply, 404, renderNotFound("没有该文件。"));
      }
      const path = absolutePath(doc.file_path);
      const contentType = doc.content_type ?? "application/octet-stream";
      const isText = contentType === "text/plain";
      // A text file names its charset, UTF-8 or GB18030 as found in the bytes: without it a
      // browser guesses, and a Chinese notice reads as mojibake. Text opens in the page (sandboxed).
      const type = isText ? `text/plain; charset=${await csvEncoding(path)}` : contentType;
      const inline = isText || contentType === "application/pdf" || contentType.startsWith("image/");
      return reply
        .header("x-content-type-options", "nosniff")
        .header("content-security-policy", "default-src 'none'; sandbox")
        .header("content-disposition", contentDisposition(doc.file_name ?? "file", { inline }))
        .type(type)
        .send(createReadStream(path));
    },
  );

  app.get<{ Params: { code: string; kind: string } }>(
    "/gk/:code/windows/:kind",
    { schema: { hide: true }, config: { access: "public" } },
    async (request, reply) => {
      const { code, kind } = request.params;
      const region = await regionOf(code);
      if (!region || !KINDS.has(kind)) return sendHtml(reply, 404, renderNotFound("没有该窗口。"));
      const challenge = issueChallenge(await challengeSecret(db));
      return sendHtml(
        reply,
        200,
        renderWindowForm({
          regionCode: code,
          regionName: region.name,
          kind: kind as "comment" | "complaint",
          question: challenge.question,
          token: challenge.token,
          phone: await phoneOf(code),
        }),
      );
    },
  );

  app.post<{ Params: { code: string; kind: string }; Body: Record<string, unknown> }>(
    "/gk/:code/windows/:kind",
    { schema: { hide: true }, config: { access: "public" }, bodyLimit: 64 * 1024 },
    async (request, reply) => {
      const { code, kind } = request.params;
      const region = await regionOf(code);
      if (!region || !KINDS.has(kind)) return sendHtml(reply, 404, renderNotFound("没有该窗口。"));
      const windowKind = kind as "comment" | "complaint";
      const body = request.body && typeof request.body === "object" ? request.body : {};
      const field = (name: string) => (typeof body[name] === "string" ? (body[name] as string) : "");
      const state = {
        subject: field("subject").trim(),
        body: field("body").trim(),
        contactName: field("contactName").trim(),
        contactPhone: field("contactPhone").trim(),
      };
      const decision = limiter.hit(request.ip);
      if (!decision.allowed) {
        reply.header("retry-after", String(Math.ceil(decision.retryAfterMs / 1000)));
        return sendHtml(reply, 429, renderTooMany(decision.retryAfterMs / 1000));
      }
      const secret = await challengeSecret(db);
      const errors: string[] = [];
      if (state.subject.length < 2 || state.subject.length > 100) errors.push("标题应为 2–100 个字");
      if (state.body.length < 5 || state.body.length > 5000) errors.push("内容应为 5–5000 个字");
      if (state.contactName.length > 50) errors.push("姓名过长");
      if (state.contactPhone && !/^[0-9+\-() ]{5,30}$/.test(state.contactPhone))
        errors.push("联系电话格式不对");
      // The answer is checked last: a form with other errors keeps its token unused.
      if (!errors.length && !verifyChallenge(secret, field("token"), field("answer"))) {
        errors.push("验证问题回答错误或已过期，请回答新的问题");
      }
      if (errors.length) {
        const challenge = issueChallenge(secret);
        return sendHtml(
          reply,
          400,
          renderWindowForm({
            regionCode: code,
            regionName: region.name,
            kind: windowKind,
            question: challenge.question,
            token: challenge.token,
            phone: await phoneOf(code),
            state: { ...state, errors },
          }),
        );
      }
      const { trackingNo } = await submitPublicMessage({
        db: db.db,
        regionCode: code,
        input: {
          kind: windowKind,
          subject: state.subject,
          body: state.body,
          contactName: state.contactName || null,
          contactPhone: state.contactPhone || null,
        },
      });
      return sendHtml(
        reply,
        200,
        renderWindowReceipt({ regionCode: code, regionName: region.name, kind: windowKind, trackingNo }),
      );
    },
  );
}
