/**
 * HTTP side of accounts: the session cookie, the caller's principal on each request, the Origin
 * check on state-changing requests, the guards routes call, and the audit of refusals and exports.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { AppError, forbidden, unauthenticated } from "../http/errors";
import { AccountRefusals, AnonymousSampler, installAccessAudit } from "./access-audit";
import { canAdminister, canRead, type Principal, type Role } from "./roles";
import { DEFAULT_SESSION_SETTINGS, resolveSession, type SessionSettings } from "./sessions";

export const SESSION_COOKIE = "shifan_session";

/** What a session whose password must change may still do: change it, see itself, sign out. */
export const PASSWORD_CHANGE_ROUTES = new Set([
  "POST /api/v1/session/password",
  "GET /api/v1/session",
  "DELETE /api/v1/session",
]);

declare module "fastify" {
  interface FastifyRequest {
    principal: Principal | undefined;
    /**
     * The account of a session that must change its password first (first sign-in of an account
     * an administrator created, or an expired password). `principal` is then set only on
     * PASSWORD_CHANGE_ROUTES; everywhere else the session counts for nothing but a 403.
     */
    passwordChangeFor: Principal | undefined;
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
    /**
     * Response fields only some of the route's callers receive, each with its access class (e.g.
     * `complaint_handler`); the handler leaves them out for the others. The permissions matrix
     * test reads these from the route table too.
     */
    restrictedFields?: Record<string, string>;
  }
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export const passwordChangeRequired = () =>
  new AppError(403, "password_change_required", {
    zh: "请先修改密码（首次登录或密码已过期）后再继续",
    en: "Change your password first (first sign-in or expired password)",
  });

export function installAuth(
  app: FastifyInstance,
  db: Kysely<Database>,
  settings: SessionSettings = DEFAULT_SESSION_SETTINGS,
  sampler: AnonymousSampler = new AnonymousSampler(),
): void {
  app.decorateRequest("principal", undefined);
  app.decorateRequest("passwordChangeFor", undefined);
  const { limit, windowMinutes } = settings.refusalsAuditedPerAccount;
  installAccessAudit(app, db, sampler, new AccountRefusals(limit, windowMinutes * 60_000));
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
    const session = token ? await resolveSession(db, token, settings) : undefined;
    if (!session) return;
    if (!session.passwordChangeRequired) {
      request.principal = session.principal;
      return;
    }
    request.passwordChangeFor = session.principal;
    if (PASSWORD_CHANGE_ROUTES.has(`${request.method} ${request.routeOptions.url}`)) {
      request.principal = session.principal;
    }
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

/** The signed-in caller, or 401 (403 for a session that must change its password first). */
export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw request.passwordChangeFor ? passwordChangeRequired() : unauthenticated();
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
