/**
 * Sign-in and sessions. Sessions expire after 30 idle minutes; 5 failed sign-ins lock the username
 * from that address for 15 minutes (sign-in-lockout.ts). The cookie holds a random token; the database holds only its hash.
 * A session of an account whose password must change (set by an administrator, or expired) opens,
 * but may only change the password (http-auth.ts).
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { recordAudit } from "../audit/audit";
import type { Database } from "../db/schema";
import { AppError } from "../http/errors";
import { chinaTimestamp } from "../time/china-time";
import { hashPassword, verifyPassword } from "./password";
import { GRANT_SCOPED_ROLES, isRole, type Principal } from "./roles";
import type { SignInLockout } from "./sign-in-lockout";

export type SessionSettings = {
  idleMinutes: number;
  maxFailures: number;
  lockMinutes: number;
  /** Days a password stays valid before it must be changed; 0 = never expires. */
  passwordMaxAgeDays: number;
  /** A new password must differ from this many most recent ones (the current one included). */
  passwordHistory: number;
  /** Sign-in attempts allowed per client address, and per username, in a sliding window. */
  signInsPerAddress: { limit: number; windowMinutes: number };
  signInsPerUsername: { limit: number; windowMinutes: number };
  /** Refusals (401/403) of one signed-in account recorded in the audit log per window. */
  refusalsAuditedPerAccount: { limit: number; windowMinutes: number };
};
export const DEFAULT_SESSION_SETTINGS: SessionSettings = {
  idleMinutes: 30,
  maxFailures: 5,
  lockMinutes: 15,
  passwordMaxAgeDays: 90,
  passwordHistory: 5,
  // Generous enough for an office behind one address signing in at nine; a script is stopped.
  signInsPerAddress: { limit: 60, windowMinutes: 1 },
  signInsPerUsername: { limit: 20, windowMinutes: 15 },
  refusalsAuditedPerAccount: { limit: 10, windowMinutes: 1 },
};

/** The defaults, with SHIFAN_PASSWORD_MAX_AGE_DAYS from the environment, then the overrides. */
export function sessionSettings(
  overrides: Partial<SessionSettings> = {},
  env: NodeJS.ProcessEnv = process.env,
): SessionSettings {
  const days = env.SHIFAN_PASSWORD_MAX_AGE_DAYS;
  const fromEnv = days !== undefined && /^\d+$/.test(days) ? { passwordMaxAgeDays: Number(days) } : {};
  return { ...DEFAULT_SESSION_SETTINGS, ...fromEnv, ...overrides };
}

/** Whether the account must change its password before doing anything else. */
export function passwordChangeRequired(
  user: { must_change_password: number; password_changed_at: string | null },
  settings: SessionSettings,
  now: Date = new Date(),
): boolean {
  if (user.must_change_password) return true;
  if (!settings.passwordMaxAgeDays || !user.password_changed_at) return false;
  return (
    now.getTime() - new Date(user.password_changed_at).getTime() > settings.passwordMaxAgeDays * 86_400_000
  );
}

const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");
const minutesFrom = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000);

// Compares ISO timestamps as instants (all carry the same +08:00 offset, but parse to be safe).
const isAfter = (a: string, b: Date) => new Date(a).getTime() > b.getTime();

/**
 * Counts a wrong password against the username from this address (sign-in-lockout.ts), whether
 * typed at sign-in or as the current password of a change — one budget, so neither way guesses
 * on for free — and audits it, or the lock it causes.
 */
export async function countWrongPassword(
  db: Kysely<Database>,
  user: { id: string; username: string },
  lockout: SignInLockout,
  address: string,
  action: "session.failed" | "password.change_failed",
): Promise<void> {
  const { failures, locked } = lockout.countFailure(user.username, address);
  await db.transaction().execute((trx) =>
    recordAudit(
      trx,
      { id: user.id, name: user.username },
      {
        action: locked ? "account.locked" : action,
        entity: "user",
        entityId: user.id,
        after: { failures, address },
        kind: "access",
      },
    ),
  );
}

/**
 * What the audit log keeps of a typed username that no account has: people type passwords into
 * that field, and the log is kept for ever. Two characters and the length still show the pattern.
 */
export function maskUnknownUsername(typed: string): string {
  const chars = [...typed];
  return `${chars.slice(0, 2).join("")}…${chars.length}`;
}

// A fixed hash to spend the same time on unknown usernames as on known ones.
let decoyHash: Promise<string> | undefined;

/**
 * Checks a password and opens a session; throws 401 for bad credentials, 423 while the username
 * is locked from this address — for real and unknown usernames alike, so neither answer tells
 * whether an account exists. Failures of unknown usernames are audited only when `sampleUnknown`
 * allows (an anonymous flood must not grow the log without bound); failures of real accounts are
 * bounded by the lockout.
 */
export async function signIn(
  db: Kysely<Database>,
  attempt: { username: string; password: string; address: string },
  lockout: SignInLockout,
  settings: SessionSettings = DEFAULT_SESSION_SETTINGS,
  sampleUnknown: () => boolean = () => false,
): Promise<{ token: string; principal: Principal; passwordChangeRequired: boolean }> {
  const { username, password, address } = attempt;
  const now = new Date();
  lockout.refuseWhileLocked(username, address);
  const user = await db.selectFrom("users").selectAll().where("username", "=", username).executeTakeFirst();
  const badCredentials = new AppError(401, "bad_credentials", {
    zh: "用户名或密码错误",
    en: "Wrong username or password",
  });
  if (!user || user.is_disabled) {
    decoyHash ??= hashPassword("decoy-password-for-timing");
    await verifyPassword(password, await decoyHash);
    lockout.countFailure(username, address);
    if (sampleUnknown()) {
      await db.transaction().execute((trx) =>
        recordAudit(
          trx,
          { id: null, name: "anonymous" },
          {
            action: "session.failed",
            entity: "user",
            after: user
              ? { username: user.username, reason: "disabled" }
              : { username: maskUnknownUsername(username), reason: "unknown_user" },
            kind: "access",
          },
        ),
      );
    }
    throw badCredentials;
  }
  if (!(await verifyPassword(password, user.password_hash))) {
    await countWrongPassword(db, user, lockout, address, "session.failed");
    throw badCredentials;
  }
  lockout.clear(username, address);
  if (!isRole(user.role)) throw badCredentials;
  const mustChange = passwordChangeRequired(user, settings, now);
  const token = randomBytes(32).toString("base64url");
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("sessions")
      .values({
        id: tokenHash(token),
        user_id: user.id,
        created_at: chinaTimestamp(now),
        last_seen_at: chinaTimestamp(now),
        expires_at: chinaTimestamp(minutesFrom(now, settings.idleMinutes)),
      })
      .execute();
    await recordAudit(
      trx,
      { id: user.id, name: user.username },
      {
        action: "session.created",
        entity: "user",
        entityId: user.id,
        after: mustChange ? { passwordChangeRequired: true } : undefined,
        kind: "access",
      },
    );
  });
  return {
    token,
    principal: {
      id: user.id,
      username: user.username,
      displayName: user.display_name,
      role: user.role,
      regionCode: user.region_code,
      grantedCounties: GRANT_SCOPED_ROLES.has(user.role) ? await grantedCounties(db, user.id) : undefined,
    },
    passwordChangeRequired: mustChange,
  };
}

/**
 * The principal of a live session, sliding its idle expiry, and whether its password must change
 * first; undefined when expired or unknown.
 */
export async function resolveSession(
  db: Kysely<Database>,
  token: string,
  settings: SessionSettings = DEFAULT_SESSION_SETTINGS,
): Promise<{ principal: Principal; passwordChangeRequired: boolean } | undefined> {
  const now = new Date();
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select([
      "sessions.id as sessionId",
      "sessions.expires_at",
      "sessions.last_seen_at",
      "users.id",
      "users.username",
      "users.display_name",
      "users.role",
      "users.region_code",
      "users.is_disabled",
      "users.must_change_password",
      "users.password_changed_at",
    ])
    .where("sessions.id", "=", tokenHash(token))
    .executeTakeFirst();
  if (!row || row.is_disabled || !isRole(row.role) || !isAfter(row.expires_at, now)) return undefined;
  // Refresh at most once a minute: reads stay reads under load.
  if (now.getTime() - new Date(row.last_seen_at).getTime() > 60_000) {
    // Sliding never shortens a session: a station phone's lasts days (stations-app), by design.
    const slid = minutesFrom(now, settings.idleMinutes);
    await db
      .updateTable("sessions")
      .set({
        last_seen_at: chinaTimestamp(now),
        ...(isAfter(row.expires_at, slid) ? {} : { expires_at: chinaTimestamp(slid) }),
      })
      .where("id", "=", row.sessionId)
      .execute();
  }
  return {
    principal: {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      regionCode: row.region_code,
      grantedCounties: GRANT_SCOPED_ROLES.has(row.role) ? await grantedCounties(db, row.id) : undefined,
    },
    passwordChangeRequired: passwordChangeRequired(row, settings, now),
  };
}

/** Counties with a live access grant for the account. */
export async function grantedCounties(db: Kysely<Database>, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("access_grants")
    .select("county_code")
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .execute();
  return rows.map((r) => r.county_code);
}

export async function signOut(db: Kysely<Database>, token: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const session = await trx
      .selectFrom("sessions")
      .innerJoin("users", "users.id", "sessions.user_id")
      .select(["users.id", "users.username"])
      .where("sessions.id", "=", tokenHash(token))
      .executeTakeFirst();
    if (!session) return;
    await trx.deleteFrom("sessions").where("id", "=", tokenHash(token)).execute();
    await recordAudit(
      trx,
      { id: session.id, name: session.username },
      {
        action: "session.deleted",
        entity: "user",
        entityId: session.id,
        kind: "access",
      },
    );
  });
}

export const newId = () => randomUUID();

/** A session's id: the hash of its cookie token. */
export const sessionId = tokenHash;
