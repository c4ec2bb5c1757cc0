/**
 * No shared or default account survives set-up (issue 9): `shifan migrate` and `shifan serve`
 * without --demo create no account at all, so nothing answers to a known password; the first
 * account is the operator's (`shifan user add`, password from stdin). The demo's password is random
 * unless the operator sets one.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomDemoPassword } from "../../src/server/demo/load-demo";
import { passwordProblems } from "../../src/server/platform/auth/password";
import { createTestDb, DIALECTS, type TestDb } from "../support/databases";
import { startServer, withDb } from "../support/server-process";

const run = promisify(execFile);

const accounts = (url: string) =>
  withDb(url, (db) => db.db.selectFrom("users").select(["username", "role"]).execute());

describe.each(DIALECTS)("set-up without --demo on %s", (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    // The CLI opens the database itself, as in production.
    db = await createTestDb(dialect, { counties: ["130533"] });
  });
  afterAll(async () => {
    await db.drop();
  });

  it("`shifan migrate` then `shifan serve` leave no account to sign in to", async () => {
    const { stdout } = await run("node", ["bin/shifan.js", "migrate", "--db", db.url], {
      env: { ...process.env, SHIFAN_LOG: "off" },
    });
    expect(stdout).toContain("migrations applied");
    expect(await accounts(db.url)).toEqual([]);

    const server = await startServer(db.url);
    try {
      expect(server.output()).not.toContain("演示账户");
      expect(await accounts(db.url)).toEqual([]);
      for (const username of ["admin", "root", "province", "shifan", "test"]) {
        for (const password of ["admin", "123456", "Shifan-2017", "password"]) {
          const res = await fetch(`${server.base}/api/v1/session`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ username, password }),
          });
          expect(res.status, `${username}/${password}`).toBe(401);
        }
      }
    } finally {
      server.child.kill("SIGTERM");
      await server.exit;
    }
  });
});

describe("the demo's password", () => {
  it("is random for each set-up unless SHIFAN_DEMO_PASSWORD names one, and meets the policy", () => {
    const passwords = new Set(Array.from({ length: 20 }, () => randomDemoPassword()));
    expect(passwords.size).toBe(20);
    for (const p of passwords) expect(passwordProblems(p)).toEqual([]);
  });
});
