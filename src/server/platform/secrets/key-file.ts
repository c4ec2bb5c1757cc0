/**
 * Reading and creating the master key file, and parsing key text. Errors and warnings name where
 * a key came from, never the key.
 */
import { randomBytes } from "node:crypto";
import {
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { dirname } from "node:path";

export const KEY_BYTES = 32;
// File modes mean nothing there, and a directory cannot be opened to fsync it.
const POSIX = process.platform !== "win32";

const warned = new Set<string>();
export const warnOnce = (topic: string, message: string) => {
  if (warned.has(topic)) return;
  warned.add(topic);
  process.stderr.write(`${message}\n`);
};

const invalid = (origin: string, zh: string, en: string) =>
  new Error(`${origin} 无效：${zh} / ${origin} is invalid: ${en}`);

/** Hex or base64 of at least 32 bytes; the error names where the text came from, never the text. */
export function parseKey(text: string, origin: string): Buffer {
  const value = text.trim();
  let key: Buffer | undefined;
  if (/^[0-9a-f]+$/i.test(value)) {
    // Read as base64 it would "work" and silently give another key.
    if (value.length % 2 === 1) {
      throw invalid(
        origin,
        "十六进制密钥的位数为奇数（多输或少输了一位？）",
        "a hex key with an odd number of digits (one missing or extra?)",
      );
    }
    key = Buffer.from(value, "hex");
  } else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) key = Buffer.from(value, "base64");
  if (!key || key.length < KEY_BYTES) {
    throw invalid(
      origin,
      `须为十六进制或 base64 编码、解码后至少 ${KEY_BYTES} 字节的密钥`,
      `it must be a hex or base64 key of at least ${KEY_BYTES} bytes`,
    );
  }
  return key;
}

export type KeyFile = { master: Buffer; pins: Map<string, Buffer> };

/**
 * Key file: the master key on its first line, then optional `purpose=hex` lines pinning a purpose
 * to a secret moved out of `meta` by an operator (see README.md); `#` starts a comment.
 */
export function readKeyFile(path: string): KeyFile {
  const text = readFileSync(path, "utf8");
  const mode = statSync(path).mode & 0o777;
  if (POSIX && (mode & 0o077) !== 0) {
    warnOnce(
      `mode:${path}`,
      `[shifan] 密钥文件 ${path} 可被同组或其他用户读取（权限 0${mode.toString(8)}），请执行 chmod 600 ${path} / ` +
        `The key file ${path} is readable by its group or others (mode 0${mode.toString(8)}): run chmod 600 ${path}`,
    );
  }
  const lines = text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
  const [first, ...rest] = lines;
  const master = parseKey(first ?? "", `密钥文件 key file ${path}`);
  const pins = new Map<string, Buffer>();
  for (const line of rest) {
    const at = line.indexOf("=");
    if (at <= 0) throw new Error(`密钥文件格式错误 / malformed line in key file ${path}`);
    const purpose = line.slice(0, at).trim();
    pins.set(purpose, parseKey(line.slice(at + 1), `密钥文件 key file ${path} (${purpose})`));
  }
  return { master, pins };
}

/** Writes a new key file without ever replacing one: temp file (0600), then a hard link. */
export function createKeyFile(path: string): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const temp = `${path}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  const fd = openSync(temp, "wx", 0o600);
  try {
    writeSync(fd, `${randomBytes(KEY_BYTES).toString("hex")}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    // link() fails if the name exists (rename would overwrite): a racing process's file wins.
    linkSync(temp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    unlinkSync(temp);
  }
  // The new name must survive a crash too, or a restart would make yet another key.
  if (POSIX) {
    const dirFd = openSync(dir, "r");
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  }
}
