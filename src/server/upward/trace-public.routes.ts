/**
 * The public side of traceability (rule O7): anyone who scans a pack's QR code opens
 * /t/{code} — a server-rendered page, no login, no personal data — and /t/{code}.json gives the
 * same trace as an EPCIS 2.0 document; /t/{code}.svg and .png are the QR code to print.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import QRCode from "qrcode";
import { z } from "zod";
import type { RouteContext } from "../platform/domain";
import { notFound } from "../platform/http/errors";
import { epcisDocument } from "./epcis-document";
import { findBatchByCode, loadTraceChain } from "./trace.repository";
import { TRACE_CODE_PATTERN } from "./trace-code";
import { renderTraceNotFound, renderTracePage } from "./trace-page";

const Params = z.object({ code: z.string().max(40) });

/** The address printed in the QR code: SHIFAN_PUBLIC_URL when set (behind a proxy), else this host. */
export function publicTraceUrl(request: FastifyRequest, code: string): string {
  const base = process.env.SHIFAN_PUBLIC_URL?.replace(/\/+$/, "") ?? `${request.protocol}://${request.host}`;
  return `${base}/t/${encodeURIComponent(code)}`;
}

const PAGE_HEADERS = {
  "content-security-policy":
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  // Events are appended, so a short cache keeps a scan fast without hiding a correction for long.
  "cache-control": "public, max-age=60",
};

export async function tracePublicRoutes(app: FastifyInstance, { db }: RouteContext): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const find = async (code: string) =>
    TRACE_CODE_PATTERN.test(code) ? findBatchByCode(db.db, code) : undefined;
  const missing = () => notFound({ zh: "该追溯码", en: "Trace code" });

  api.get(
    "/t/:code",
    { schema: { hide: true, params: Params }, config: { access: "public" } },
    async (request, reply) => {
      const batch = await find(request.params.code);
      reply.headers(PAGE_HEADERS).type("text/html; charset=utf-8");
      if (!batch) return reply.status(404).send(renderTraceNotFound());
      return reply.send(renderTracePage(await loadTraceChain(db.db, batch)));
    },
  );

  api.get(
    "/t/:code.json",
    { schema: { hide: true, params: Params }, config: { access: "public" } },
    async (request, reply) => {
      const batch = await find(request.params.code);
      if (!batch) throw missing();
      const document = epcisDocument(await loadTraceChain(db.db, batch), publicTraceUrl(request, batch.code));
      return reply
        .headers({ "cache-control": PAGE_HEADERS["cache-control"], "x-content-type-options": "nosniff" })
        .type("application/ld+json; charset=utf-8")
        .send(JSON.stringify(document));
    },
  );

  const qr =
    (format: "svg" | "png") =>
    async (request: FastifyRequest<{ Params: { code: string } }>, reply: FastifyReply) => {
      const batch = await find(request.params.code);
      if (!batch) throw missing();
      const url = publicTraceUrl(request, batch.code);
      reply.headers({ "cache-control": "public, max-age=86400", "x-content-type-options": "nosniff" });
      if (format === "svg") {
        return reply
          .type("image/svg+xml")
          .send(await QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 2 }));
      }
      return reply
        .type("image/png")
        .send(await QRCode.toBuffer(url, { type: "png", errorCorrectionLevel: "M", margin: 2, width: 512 }));
    };
  api.get(
    "/t/:code.svg",
    { schema: { hide: true, params: Params }, config: { access: "public" } },
    qr("svg"),
  );
  api.get(
    "/t/:code.png",
    { schema: { hide: true, params: Params }, config: { access: "public" } },
    qr("png"),
  );
}
