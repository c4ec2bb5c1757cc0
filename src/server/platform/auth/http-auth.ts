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
  interface FastifyContextConfig {
    /**
     * Who may call the route: public, authenticated, region (reads of the :code county),
     * county_admin (writes to the :code county), admin, province_admin — enforced centrally —
     * or another class whose handler enforces it (e.g. device tokens). The permissions matrix
     * test reads it from the route table.
     */
    access?:
      | "public"
      | "authenticated"
      | "region"
      | "county_admin"
      | "admin"
      | "province_admin"
      | (string & {});
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
  // Route access classes are enforced before the body is validated, so another county's route
  // answers 403 whatever the payload; handlers check again with the guards below.
  app.addHook("preValidation", async (request) => {
    const access = request.routeOptions.config?.access;
    const code = (request.params as Record<string, unknown> | undefined)?.code;
    const county = typeof code === "string" && /^\d{6}$/.test(code) ? code : undefined;
    switch (access) {
      case "authenticated":
      case "admin":
        requirePrincipal(request);
        break;
      case "region":
        if (county) requireRead(request, county);
        else requirePrincipal(request);
        break;
      case "county_admin":
        if (county) requireAdminister(request, county);
        else requireRole(request, ["province_admin", "county_admin"]);
        break;
      case "province_admin":
        requireRole(request, ["province_admin"]);
        break;
      default:
        break; // public, or a class its handler enforces itself (e.g. device tokens)
    }
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
