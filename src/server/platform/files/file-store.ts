/**
 * Uploaded files (evidence, photos) on disk under SHIFAN_FILES_DIR (default ./data/files), named by
 * a generated id so no client-supplied path ever reaches the file system; each file is hashed.
 */
import { createHash, randomUUID } from "node:crypto";
import { createWriteStream, mkdirSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

export function filesRoot(): string {
  return resolve(process.env.SHIFAN_FILES_DIR ?? "./data/files");
}

/** A display-safe base name: no directories, no control characters, at most 80 characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .replace(/[\p{Cc}<>:"|?*]/gu, "_")
    .replace(/^\.+/, "")
    .slice(-80);
  return cleaned || "file";
}

export type StoredFile = { path: string; sha256: string; bytes: number };

/** Streams an upload to `<root>/<area>/<uuid>` and returns its relative path and hash. */
export async function storeFile(area: string, input: Readable): Promise<StoredFile> {
  const dir = join(filesRoot(), area.replace(/[^a-z0-9_-]/gi, "_"));
  mkdirSync(dir, { recursive: true });
  const id = randomUUID();
  const hash = createHash("sha256");
  let bytes = 0;
  input.on("data", (chunk: Buffer) => {
    hash.update(chunk);
    bytes += chunk.length;
  });
  await pipeline(input, createWriteStream(join(dir, id)));
  return { path: join(area, id), sha256: hash.digest("hex"), bytes };
}

export function absolutePath(relative: string): string {
  const full = resolve(filesRoot(), relative);
  if (!full.startsWith(filesRoot())) throw new Error("path escapes the file store");
  return full;
}

/** Removes a stored file (after the row that named it is deleted); a file already gone is no error. */
export async function removeStoredFile(relative: string): Promise<void> {
  await rm(absolutePath(relative), { force: true });
}
