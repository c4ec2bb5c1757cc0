/**
 * HTTP side of accounts: the session cookie, the caller's principal on each request, the Origin
 * check on state-changing requests, and the guards routes call.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { AppError, forbidden, unauthenticated } from "../http/errors";
import { canAdminister, canRead, type Principal, type Role } from "./roles";
import { resolveSession } from "./sessions";

export const SESSION_COOKIE = "shifan_session";

declare module "fastify" {
  interface FastifyRequest {
    principal: Principal | undefined;
  }
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function installAuth(app: FastifyInstance, db: Kysely<Database>): void {
  app.decorateRequest("principal", undefined);
  app.addHook("onRequest", async (request) => {
    // Cross-site requests carry a foreign Origin; machine clients send none.
    if (UNSAFE.has(request.method)) {
      const origin = request.headers.origin;
      if (origin && origin !== "null") {
        let host: string | undefined;
        try {
          host = new URL(origin).host;
        } catch {
          host = undefined;
        }
        if (host !== request.headers.host) {
          throw new AppError(403, "bad_origin", {
            zh: "请求来源不被允许",
            en: "Cross-origin request refused",
          });
        }
      } else if (origin === "null") {
        throw new AppError(403, "bad_origin", { zh: "请求来源不被允许", en: "Cross-origin request refused" });
      }
    }
    const token = request.cookies[SESSION_COOKIE];
    if (token) request.principal = await resolveSession(db, token);
  });
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: "/",
    httpOnly: true,
    sameSite: "strict",
    secure,
    maxAge: 12 * 60 * 60,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: "/" });
}

/** The signed-in caller, or 401. */
export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthenticated();
  return request.principal;
}

/** The caller, who may read the given region's data, or 401/403. */
export function requireRead(request: FastifyRequest, regionCode: string): Principal {
  const principal = requirePrincipal(request);
  if (!canRead(principal, regionCode)) throw forbidden();
  return principal;
}

/** The caller, who may change the given county's administrative data, or 401/403. */
export function requireAdminister(request: FastifyRequest, countyCode: string): Principal {
  const principal = requirePrincipal(request);
  if (!canAdminister(principal, countyCode)) throw forbidden();
  return principal;
}

export function requireRole(request: FastifyRequest, roles: readonly Role[]): Principal {
  const principal = requirePrincipal(request);
  if (!roles.includes(principal.role)) throw forbidden();
  return principal;
}
