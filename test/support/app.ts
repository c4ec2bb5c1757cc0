/** Builds the app over a test database, with factories for accounts and signed-in requests. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { buildApp } from "../../src/server/app";
import type { Role } from "../../src/server/platform/auth/roles";
import { createUser } from "../../src/server/platform/auth/users";
import type { TestDb } from "./databases";

export const TEST_PASSWORD = "Test-Password-2017";

// Uploaded files go to a temporary folder, never into the checkout's data/.
process.env.SHIFAN_FILES_DIR ??= mkdtempSync(join(tmpdir(), "shifan-files-"));

export async function buildTestApp(db: TestDb): Promise<FastifyInstance> {
  const app = await buildApp({ db });
  await app.ready();
  return app;
}

let counter = 0;

/** Creates an account (unique username) and signs it in; returns its cookie header. */
export async function signedIn(
  app: FastifyInstance,
  db: TestDb,
  role: Role,
  regionCode: string,
): Promise<{ cookie: string; username: string }> {
  const username = `${role.replace(/_/g, "")}${++counter}x${regionCode}`;
  await createUser(db.db, "system", { username, role, regionCode, password: TEST_PASSWORD });
  const res = await app.inject({
    method: "POST",
    url: "/api/v1/session",
    payload: { username, password: TEST_PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.body}`);
  return { cookie: sessionCookie(res), username };
}

export function sessionCookie(res: LightMyRequestResponse): string {
  const header = [res.headers["set-cookie"]].flat().find((c) => c?.startsWith("shifan_session="));
  if (!header) throw new Error("no session cookie");
  return header.split(";")[0]!;
}

/** Asserts the API's error shape and returns its code. */
export function errorCode(res: LightMyRequestResponse): string {
  const body = res.json() as { error?: { code?: unknown; message?: unknown; details?: unknown } };
  if (
    !body.error ||
    typeof body.error.code !== "string" ||
    typeof body.error.message !== "string" ||
    !Array.isArray(body.error.details)
  ) {
    throw new Error(`not the error shape: ${res.body}`);
  }
  return body.error.code;
}
