/**
 * Issue 14, finding 3: a workbook (ID-card numbers in clear) never outlives its import. The real
 * server is killed with SIGKILL while a workbook is arriving; the part already received sits in
 * the private upload folder (0700) — so the test can tell the outcomes apart — and is gone once
 * the server starts again. A finished import leaves nothing either.
 */

import { mkdtempSync, readdirSync, statSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../src/server/platform/auth/users";
import { TEST_PASSWORD } from "../support/app";
import { createTestDb, DIALECTS, type TestDb } from "../support/databases";
import { type ServerProcess, startServer, until, withDb } from "../support/server-process";

const COUNTY = "130533";
const BOUNDARY = "----shifancrash";

/** Every file under `dir`, however deep. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

async function signIn(server: ServerProcess, username: string): Promise<string> {
  const res = await fetch(`${server.base}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: TEST_PASSWORD }),
  });
  expect(res.status).toBe(200);
  return res.headers
    .getSetCookie()
    .find((c) => c.startsWith("shifan_session="))!
    .split(";")[0]!;
}

describe.each(DIALECTS)("uploads after a crash on %s", (dialect) => {
  let db: TestDb;
  const uploads = join(mkdtempSync(join(tmpdir(), "shifan-uploads-test-")), "uploads");
  const saved = process.env.SHIFAN_UPLOAD_DIR;

  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: [COUNTY] });
    await withDb(db.url, (handle) =>
      createUser(handle.db, "system", {
        username: "crashadmin",
        role: "county_admin",
        regionCode: COUNTY,
        password: TEST_PASSWORD,
      }),
    );
    process.env.SHIFAN_UPLOAD_DIR = uploads; // the child server inherits it
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.SHIFAN_UPLOAD_DIR;
    else process.env.SHIFAN_UPLOAD_DIR = saved;
    await db?.drop();
  });

  it("leaves no workbook in clear after SIGKILL mid-upload once the server restarts", async () => {
    const server = await startServer(db.url);
    const cookie = await signIn(server, "crashadmin");
    expect(statSync(uploads).mode & 0o777).toBe(0o700);
    // A 村庄.csv with ID-card-like numbers, sent slowly: half of it, then the server dies.
    const head = Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="村庄.csv"\r\nContent-Type: text/csv\r\n\r\n`,
    );
    const rows = Buffer.from(
      "村代码,村名称,常住人口,备注\n".concat("130533100201,甲村,100,130533199001011234\n".repeat(20_000)),
    );
    const upload = request(`${server.base}/api/v1/counties/${COUNTY}/workbook`, {
      method: "POST",
      headers: {
        cookie,
        "content-type": `multipart/form-data; boundary=${BOUNDARY}`,
        "content-length": String(head.length + rows.length * 2 + 64),
      },
    });
    upload.on("error", () => {}); // the server is killed under it
    upload.write(head);
    upload.write(rows);
    await until(
      () => filesUnder(uploads).some((f) => statSync(f).size > 100_000),
      30_000,
      "the upload to reach the private folder",
    );
    server.child.kill("SIGKILL");
    expect(await server.exit).toEqual({ code: null, signal: "SIGKILL" });
    upload.destroy();
    // The crash left the part received so far: this is what the restart must clear.
    expect(filesUnder(uploads).length).toBeGreaterThan(0);

    const again = await startServer(db.url);
    try {
      expect(filesUnder(uploads)).toEqual([]);
      // A finished import (here refused: the rows are bad) leaves nothing behind either.
      const form = Buffer.concat([head, rows.subarray(0, 2000), Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]);
      const res = await fetch(`${again.base}/api/v1/counties/${COUNTY}/workbook`, {
        method: "POST",
        headers: {
          cookie: await signIn(again, "crashadmin"),
          "content-type": `multipart/form-data; boundary=${BOUNDARY}`,
        },
        body: form,
      });
      expect(res.status).toBeLessThan(500);
      expect(filesUnder(uploads)).toEqual([]);
    } finally {
      again.child.kill("SIGTERM");
      await again.exit;
    }
  }, 180_000);
});
