/**
 * Audit of access events (kind "access": they change no data, so cached read models stay valid):
 * refusals (401/403) and downloads of exports, recorded centrally as each response leaves.
 *
 * Refusals of a signed-in account are recorded up to a limit (10 a minute by default): the account
 * answers for them, but a script holding a session must not grow the log without bound either; the
 * next entry recorded says how many were left out. Anonymous refusals are sampled — at most one per client address a minute and a few dozen a minute in all —
 * so a flood from outside cannot grow the log without bound; the sample still shows who knocked.
 * An export is any response sent as an attachment (Content-Disposition: attachment) to a
 * signed-in caller, or the response of a route marked `config.auditExport`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import { type Actor, type AuditEntry, recordAudit } from "../audit/audit";
import type { Database } from "../db/schema";
import { SlidingWindowLimiter } from "../http/rate-limit";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Audit every response of the route as an export, even when not sent as an attachment. */
    auditExport?: boolean;
  }
}

/** The actions of access entries: they record, but change nothing (tests of "no write" skip them). */
export const ACCESS_ACTIONS = [
  "session.created",
  "session.failed",
  "session.deleted",
  "session.throttled",
  "account.locked",
  "password.change_failed",
  "access.refused",
  "export.downloaded",
] as const;

/** Lets through a bounded sample of anonymous events: per client address and in all. */
export class AnonymousSampler {
  private readonly perAddress = new SlidingWindowLimiter(1, 60_000);
  private readonly overall: SlidingWindowLimiter;

  constructor(perMinute = 30) {
    this.overall = new SlidingWindowLimiter(perMinute, 60_000);
  }

  allows(address: string, now = Date.now()): boolean {
    return this.perAddress.hit(address, now).allowed && this.overall.hit("*", now).allowed;
  }
}

/**
 * Bounds the refusals recorded per signed-in account; the ones over the limit are counted, and the
 * next one recorded carries that count.
 */
export class AccountRefusals {
  private readonly limiter: SlidingWindowLimiter;
  private readonly suppressed = new Map<string, number>();

  constructor(perWindow = 10, windowMs = 60_000) {
    this.limiter = new SlidingWindowLimiter(perWindow, windowMs);
  }

  /** Undefined when this refusal goes unrecorded; else how many went unrecorded before it. */
  admit(accountId: string, now = Date.now()): number | undefined {
    const left = this.suppressed.get(accountId) ?? 0;
    if (!this.limiter.hit(accountId, now).allowed) {
      this.suppressed.set(accountId, left + 1);
      return undefined;
    }
    this.suppressed.delete(accountId);
    return left;
  }
}

/** Records one access entry in its own transaction; a failure is logged, never shown the caller. */
export async function recordAccess(
  db: Kysely<Database>,
  request: FastifyRequest,
  actor: Actor,
  entry: Omit<AuditEntry, "kind">,
): Promise<void> {
  try {
    await db.transaction().execute((trx) => recordAudit(trx, actor, { ...entry, kind: "access" }));
  } catch (err) {
    request.log.error({ err }, "access audit failed");
  }
}

const countyOf = (request: FastifyRequest) => {
  const code = (request.params as Record<string, unknown> | undefined)?.code;
  return typeof code === "string" && /^\d{6}$/.test(code) ? code : null;
};

const pathOf = (request: FastifyRequest) => request.url.split("?")[0]!.slice(0, 300);

function errorCodeOf(payload: unknown): string | undefined {
  if (typeof payload !== "string" || payload.length > 10_000) return undefined;
  try {
    const code = (JSON.parse(payload) as { error?: { code?: unknown } }).error?.code;
    return typeof code === "string" ? code : undefined;
  } catch {
    return undefined;
  }
}

export function installAccessAudit(
  app: FastifyInstance,
  db: Kysely<Database>,
  sampler: AnonymousSampler,
  refusals: AccountRefusals = new AccountRefusals(),
): void {
  app.addHook("onSend", async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const principal = request.principal ?? request.passwordChangeFor;
    const actor = principal ? { id: principal.id, name: principal.username } : undefined;
    const status = reply.statusCode;
    const route = `${request.method} ${request.routeOptions.url ?? pathOf(request)}`;
    if ((status === 401 || status === 403) && request.url.startsWith("/api/")) {
      // Sign-in failures are audited by the sign-in itself, with the account they aimed at.
      if (route === "POST /api/v1/session") return payload;
      if (!actor && !sampler.allows(request.ip)) return payload;
      const suppressed = actor?.id ? refusals.admit(actor.id) : 0;
      if (suppressed === undefined) return payload;
      await recordAccess(db, request, actor ?? { id: null, name: "anonymous" }, {
        action: "access.refused",
        entity: "route",
        entityId: route,
        countyCode: countyOf(request),
        after: {
          status,
          code: errorCodeOf(payload) ?? null,
          path: pathOf(request),
          ...(actor ? {} : { address: request.ip }),
          ...(suppressed ? { suppressed } : {}),
        },
      });
      return payload;
    }
    if (!actor || status >= 400) return payload;
    const disposition = reply.getHeader("content-disposition");
    const attachment = typeof disposition === "string" && /^\s*attachment/i.test(disposition);
    if (attachment || request.routeOptions.config?.auditExport) {
      await recordAccess(db, request, actor, {
        action: "export.downloaded",
        entity: "export",
        entityId: route,
        countyCode: countyOf(request),
        after: {
          path: pathOf(request),
          contentType: String(reply.getHeader("content-type") ?? ""),
          ...(attachment ? { disposition } : {}),
        },
      });
    }
    return payload;
  });
}
