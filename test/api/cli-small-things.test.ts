/**
 * The CLI's small promises (issue 18.9), run as an operator runs them: `--partial` that wrote the
 * good rows exits 0; `backup` never overwrites without --force; `audit verify` on a missing
 * database says so and creates nothing; `user password` resets a forgotten password.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../../src/server/platform/auth/password";
import { createUser } from "../../src/server/platform/auth/users";
import { openDatabase } from "../../src/server/platform/db/database";
import { migrate } from "../../src/server/setup";
import { VILLAGE_HEADER, writeCsvFolder } from "../support/workbooks";

const exec = promisify(execFile);

type Run = { code: number; stdout: string; stderr: string };

function shifan(args: string[], input?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      "node",
      ["bin/shifan.js", ...args],
      { timeout: 120_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

describe("the CLI's small promises (sqlite)", () => {
  const dir = mkdtempSync(join(tmpdir(), "shifan-cli-"));
  const path = join(dir, "shifan.db");
  const url = `sqlite:${path}`;
  let villages: string[];

  beforeAll(async () => {
    process.env.SHIFAN_SECRET_KEY_FILE ??= join(dir, "shifan.key");
    const db = openDatabase(url);
    await migrate(db, { counties: ["130533"] });
    villages = (
      await db.db
        .selectFrom("regions")
        .select("code")
        .where("county_code", "=", "130533")
        .where("level", "=", "village")
        .limit(2)
        .execute()
    ).map((r) => r.code);
    await createUser(db.db, "system", {
      username: "forgetful",
      role: "county_admin",
      regionCode: "130533",
      password: "Old-Password-2017x",
    });
    await db.close();
  }, 120_000);
  afterAll(() => exec("rm", ["-rf", dir]));

  it("--partial that wrote the valid rows exits 0 and says how many were rejected", async () => {
    const folder = writeCsvFolder(join(dir, "partial"), [
      {
        name: "村庄",
        rows: [
          VILLAGE_HEADER,
          [villages[0]!, "甲村", "600", "否", "是"],
          ["999999999999", "乙村", "x", "否", "是"],
        ],
      },
    ]);
    const all = await shifan(["import", folder, "--county", "130533", "--db", url]);
    expect(all.code).toBe(1);
    const partial = await shifan(["import", folder, "--county", "130533", "--db", url, "--partial"]);
    expect(partial.code, partial.stderr).toBe(0);
    expect(partial.stdout).toContain("拒绝 1 行");
  });

  it("backup refuses to overwrite a file unless --force", async () => {
    const target = join(dir, "backup.db");
    writeFileSync(target, "keep me");
    const refused = await shifan(["backup", target, "--db", url]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("--force");
    const forced = await shifan(["backup", target, "--db", url, "--force"]);
    expect(forced.code, forced.stderr).toBe(0);
  });

  it("audit verify on a missing database says so in one line and creates nothing", async () => {
    const missing = join(dir, "nowhere", "missing.db");
    const run = await shifan(["audit", "verify", "--db", `sqlite:${missing}`]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain("数据库不存在");
    expect(existsSync(missing)).toBe(false);
  });

  it("user password resets a forgotten password from stdin, refusing a weak one", async () => {
    const weak = await shifan(["user", "password", "--username", "forgetful", "--db", url], "Password123\n");
    expect(weak.code).not.toBe(0);
    const reset = await shifan(
      ["user", "password", "--username", "forgetful", "--db", url],
      "New-Password-2018y\n",
    );
    expect(reset.code, reset.stderr).toBe(0);
    const db = openDatabase(url);
    const row = await db.db
      .selectFrom("users")
      .select("password_hash")
      .where("username", "=", "forgetful")
      .executeTakeFirstOrThrow();
    await db.close();
    expect(await verifyPassword("New-Password-2018y", row.password_hash)).toBe(true);
  });
});
