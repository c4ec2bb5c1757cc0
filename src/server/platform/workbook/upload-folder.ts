/**
 * Where an uploaded workbook waits while it is imported. Workbooks carry ID-card numbers in clear,
 * so they live in one private folder (0700) and nowhere else: each upload in its own folder under
 * the process's own subfolder, removed when its import ends; at start-up every subfolder of a
 * process that is gone (killed, crashed, or this very process's pid reused) is removed, so what a
 * SIGKILL or power cut leaves behind is gone by the next start.
 *
 * The folder: SHIFAN_UPLOAD_DIR, else beside the SQLite file (`shifan.db.uploads`), else
 * `./data/uploads` (PostgreSQL), or under the system temp folder for an in-memory database.
 * Several processes may share it (per-pid subfolders; a live process's are left alone).
 */
import { chmodSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join, resolve } from "node:path";
import type { Db } from "../db/database";

export const UPLOAD_DIR_ENV = "SHIFAN_UPLOAD_DIR";

export function uploadRoot(db: Pick<Db, "url" | "dialect">): string {
  const configured = process.env[UPLOAD_DIR_ENV];
  if (configured) return resolve(configured);
  if (db.dialect === "postgres") return resolve("./data/uploads");
  const path = db.url.slice("sqlite:".length);
  return path === ":memory:"
    ? join(tmpdir(), `shifan-uploads-${userInfo().uid}`)
    : resolve(`${path}.uploads`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

// Roots this process has prepared: its own subfolder is emptied only the first time (an earlier
// process with the same pid), not when a second app in the same process starts (tests).
const prepared = new Set<string>();

/**
 * Creates the private folder (or tightens it to 0700) and removes whatever dead processes — or an
 * earlier process with this pid — left in it. Returns this process's own subfolder.
 */
export function prepareUploadFolder(root: string): string {
  mkdirSync(root, { recursive: true, mode: 0o700 });
  chmodSync(root, 0o700);
  const first = !prepared.has(root);
  prepared.add(root);
  for (const entry of readdirSync(root)) {
    const pid = /^\d+$/.test(entry) ? Number(entry) : undefined;
    if (pid === process.pid ? !first : pid !== undefined && alive(pid)) continue;
    rmSync(join(root, entry), { recursive: true, force: true });
  }
  const own = join(root, String(process.pid));
  mkdirSync(own, { recursive: true, mode: 0o700 });
  return own;
}
