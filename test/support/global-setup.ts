/**
 * One test run's scratch space: a folder for the SQLite templates and an id that names the
 * PostgreSQL templates (test/support/databases.ts). Both are removed when the run ends.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

export default function setup(): () => Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "shifan-run-"));
  const runId = randomBytes(4).toString("hex");
  process.env.SHIFAN_TEST_RUN_DIR = dir;
  process.env.SHIFAN_TEST_RUN_ID = runId;
  return async () => {
    rmSync(dir, { recursive: true, force: true });
    const url = process.env.SHIFAN_TEST_PG;
    if (!url) return;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ datname: string }>(
        "select datname from pg_database where datname like $1",
        [`shifan_tpl_${runId}_%`],
      );
      for (const { datname } of rows) await admin.query(`drop database if exists ${datname} with (force)`);
    } finally {
      await admin.end();
    }
  };
}
