/**
 * Security headers on every response. The web app is Vite's build: scripts come only from this
 * origin, never inline; Ant Design injects its styles at run time, hence style-src 'unsafe-inline'.
 * A route that sets its own, stricter policy (the public /gk and /t pages, the acceptance report's
 * HTML) keeps it. Swagger UI (/api/docs) loads its scripts from here too; it may show images of
 * the API's descriptions, so its img-src is wider.
 */
import type { FastifyInstance } from "fastify";

const policy = (imgSrc: string) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src ${imgSrc}`,
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");

export const APP_CSP = policy("'self' data: blob:");
export const DOCS_CSP = policy("'self' data: https:");

const FIXED: Record<string, string> = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "strict-origin-when-cross-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
  "cross-origin-opener-policy": "same-origin",
};

/** HSTS for a year: browsers then never try the site over plain HTTP. */
export const HSTS = "max-age=31536000";

/** `https`: the site is served over HTTPS (directly or by a TLS-terminating proxy); adds HSTS. */
export function installSecurityHeaders(app: FastifyInstance, options: { https?: boolean } = {}): void {
  app.addHook("onSend", async (request, reply, payload) => {
    for (const [name, value] of Object.entries(FIXED)) if (!reply.hasHeader(name)) reply.header(name, value);
    if (options.https) reply.header("strict-transport-security", HSTS);
    if (!reply.hasHeader("content-security-policy")) {
      reply.header("content-security-policy", request.url.startsWith("/api/docs") ? DOCS_CSP : APP_CSP);
    }
    return payload;
  });
}
