/**
 * The spam question of the public windows (T2): a simple sum in Chinese, answered in a plain form
 * without JavaScript. The question travels as a signed token (HMAC-SHA256 under the installation's
 * secret, kept outside the database), valid for 30 minutes and usable once per process.
 */
import { createHmac, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import type { Db } from "../../platform/db/database";
import { installationSecret } from "../../platform/secrets/installation-secret";

const SECRET_PURPOSE = "reporting.window_challenge_secret";
export const CHALLENGE_TTL_MS = 30 * 60 * 1000;

/** The installation's challenge secret (platform/secrets; a legacy `meta` row of this name wins). */
export function challengeSecret(db: Db): Promise<Buffer> {
  return installationSecret(db, SECRET_PURPOSE);
}

const sign = (secret: Buffer, payload: string) =>
  createHmac("sha256", secret).update(payload).digest("base64url");

export type Challenge = { question: string; token: string };

export function issueChallenge(secret: Buffer, now: number = Date.now()): Challenge {
  const a = randomInt(1, 20);
  const b = randomInt(1, 20);
  const payload = Buffer.from(
    JSON.stringify({ a, b, exp: now + CHALLENGE_TTL_MS, n: randomBytes(9).toString("base64url") }),
  ).toString("base64url");
  return { question: `${a} 加 ${b} 等于多少？`, token: `${payload}.${sign(secret, payload)}` };
}

const used = new Map<string, number>();

/** Whether the answer is right for an untampered, unexpired, unused token; marks the token used. */
export function verifyChallenge(
  secret: Buffer,
  token: string,
  answer: string,
  now: number = Date.now(),
): boolean {
  const [payload, mac] = token.split(".");
  if (!payload || !mac) return false;
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
  let data: { a: number; b: number; exp: number; n: string };
  try {
    data = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return false;
  }
  if (typeof data.exp !== "number" || data.exp < now || used.has(data.n)) return false;
  const value = Number(answer.normalize("NFKC").trim());
  if (!Number.isInteger(value) || value !== data.a + data.b) return false;
  for (const [n, exp] of used) if (exp < now) used.delete(n);
  used.set(data.n, data.exp);
  return true;
}
