/** Builds the run's demo installation once; every e2e suite starts its server on a copy of it. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildDemoInstallation, DEMO_TEMPLATE_ENV } from "./support";

export default async function setup(): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), "shifan-e2e-demo-"));
  const filesDir = process.env.SHIFAN_FILES_DIR;
  const db = await buildDemoInstallation(dir);
  await db.close(); // closing checkpoints the WAL into the file that is copied
  if (filesDir === undefined) delete process.env.SHIFAN_FILES_DIR;
  else process.env.SHIFAN_FILES_DIR = filesDir;
  process.env[DEMO_TEMPLATE_ENV] = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
