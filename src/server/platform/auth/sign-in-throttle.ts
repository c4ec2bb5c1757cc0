/**
 * Sign-in throttling, in memory and per process, on top of the per-account lockout: it bounds
 * password guessing across accounts from one address, and guessing at one username (known or not)
 * from many addresses. Over the limit the answer is 429 with Retry-After; a bounded sample of the
 * throttled attempts is audited (an unknown username only masked: it may be a password).
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { AppError } from "../http/errors";
import { SlidingWindowLimiter } from "../http/rate-limit";
import { AnonymousSampler, recordAccess } from "./access-audit";
import { maskUnknownUsername, type SessionSettings } from "./sessions";

/** Counts one sign-in attempt; throws 429 (and sets Retry-After) when it is one too many. */
export function signInThrottle(db: Kysely<Database>, settings: SessionSettings) {
  const { signInsPerAddress: perAddress, signInsPerUsername: perUsername } = settings;
  const byAddress = new SlidingWindowLimiter(perAddress.limit, perAddress.windowMinutes * 60_000);
  const byUsername = new SlidingWindowLimiter(perUsername.limit, perUsername.windowMinutes * 60_000);
  const sample = new AnonymousSampler();
  return async (request: FastifyRequest, reply: FastifyReply, username: string): Promise<void> => {
    const address = byAddress.hit(request.ip);
    const decision = address.allowed ? byUsername.hit(username.toLowerCase()) : address;
    if (decision.allowed) return;
    const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
    if (sample.allows(request.ip)) {
      const known = await db
        .selectFrom("users")
        .select("username")
        .where("username", "=", username)
        .executeTakeFirst();
      await recordAccess(
        db,
        request,
        { id: null, name: "anonymous" },
        {
          action: "session.throttled",
          entity: "user",
          after: {
            username: known ? known.username : maskUnknownUsername(username),
            address: request.ip,
            by: address.allowed ? "username" : "address",
          },
        },
      );
    }
    reply.header("retry-after", String(seconds));
    throw new AppError(429, "too_many_sign_ins", {
      zh: `登录尝试过于频繁，请于 ${seconds} 秒后重试`,
      en: `Too many sign-in attempts; try again in ${seconds} seconds`,
    });
  };
}
