/**
 * One-time sign-in links for station phones: a random token shown once as a QR code, stored as its
 * sha256, valid for a few hours and for one scan. Scanning it opens a long session (a day or more
 * offline in a village) that the county can end at any time by revoking the account.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import QRCode from "qrcode";
import { type Actor, recordAudit } from "../platform/audit/audit";
import { newId, sessionId } from "../platform/auth/sessions";
import type { Database } from "../platform/db/schema";
import { AppError } from "../platform/http/errors";
import { chinaTimestamp } from "../platform/time/china-time";
import { findStationBinding } from "./station-accounts.repository";
import type { StationAppSettings } from "./station-app-settings";
import type { StationsAppTables } from "./stations-app.tables";

const PREFIX = "stn_";
const linkHash = (token: string) => createHash("sha256").update(token).digest("hex");

export type SignInLink = { url: string; qrDataUrl: string; expiresAt: string };

/** Creates a link for the account (earlier unused links stay valid until they expire). */
export async function issueSignInLink(
  kdb: Kysely<Database>,
  actor: Actor,
  account: { userId: string; countyCode: string },
  origin: string,
  settings: StationAppSettings,
): Promise<SignInLink> {
  const token = `${PREFIX}${randomBytes(32).toString("base64url")}`;
  const now = new Date();
  const expiresAt = chinaTimestamp(new Date(now.getTime() + settings.linkHours * 3_600_000));
  const id = newId();
  await kdb.transaction().execute(async (trx) => {
    await trx
      .withTables<StationsAppTables>()
      .insertInto("station_sign_in_links")
      .values({
        id,
        token_hash: linkHash(token),
        user_id: account.userId,
        county_code: account.countyCode,
        created_by: actor.id,
        created_at: chinaTimestamp(now),
        expires_at: expiresAt,
        used_at: null,
      })
      .execute();
    await recordAudit(trx, actor, {
      action: "station_account.link_issued",
      entity: "user",
      entityId: account.userId,
      countyCode: account.countyCode,
      after: { linkId: id, expiresAt },
      kind: "access",
    });
  });
  // The token travels in the fragment: it never reaches a server log or a Referer header.
  const url = `${origin}/station/#t=${token}`;
  const qrDataUrl = await QRCode.toDataURL(url, { errorCorrectionLevel: "M", margin: 2, width: 320 });
  return { url, qrDataUrl, expiresAt };
}

const badLink = () =>
  new AppError(401, "bad_sign_in_link", {
    zh: "二维码无效、已使用或已过期，请联系县里重新生成",
    en: "The sign-in code is invalid, used or expired; ask the county for a new one",
  });

/** Consumes a link and opens a session; returns the cookie token and when the session ends. */
export async function signInWithLink(
  kdb: Kysely<Database>,
  token: string,
  settings: StationAppSettings,
): Promise<{ token: string; expiresAt: string; userId: string }> {
  if (!token.startsWith(PREFIX) || token.length > 100) throw badLink();
  const now = new Date();
  const nowText = chinaTimestamp(now);
  return kdb.transaction().execute(async (trx) => {
    // Single use even under two scans at once: only the update that sees used_at null wins.
    const link = await trx
      .withTables<StationsAppTables>()
      .updateTable("station_sign_in_links")
      .set({ used_at: nowText })
      .where("token_hash", "=", linkHash(token))
      .where("used_at", "is", null)
      .where("expires_at", ">", nowText)
      .returning(["user_id", "county_code"])
      .executeTakeFirst();
    if (!link) throw badLink();
    const binding = await findStationBinding(trx, link.user_id);
    if (!binding) throw badLink();
    const sessionToken = randomBytes(32).toString("base64url");
    const expiresAt = chinaTimestamp(new Date(now.getTime() + settings.sessionDays * 86_400_000));
    await trx
      .insertInto("sessions")
      .values({
        id: sessionId(sessionToken),
        user_id: link.user_id,
        created_at: nowText,
        last_seen_at: nowText,
        expires_at: expiresAt,
      })
      .execute();
    await recordAudit(
      trx,
      { id: link.user_id, name: binding.username },
      {
        action: "session.created",
        entity: "user",
        entityId: link.user_id,
        countyCode: link.county_code,
        after: { via: "station_sign_in_link", expiresAt },
        kind: "access",
      },
    );
    return { token: sessionToken, expiresAt, userId: link.user_id };
  });
}

/**
 * Keeps a phone's session alive while it keeps in touch: each contact moves its end to
 * `sessionDays` from now (never earlier than it was).
 */
export async function renewStationSession(
  kdb: Kysely<Database>,
  token: string,
  settings: StationAppSettings,
): Promise<string> {
  const expiresAt = chinaTimestamp(new Date(Date.now() + settings.sessionDays * 86_400_000));
  await kdb
    .updateTable("sessions")
    .set({ expires_at: expiresAt })
    .where("id", "=", sessionId(token))
    .where("expires_at", "<", expiresAt)
    .execute();
  return expiresAt;
}
