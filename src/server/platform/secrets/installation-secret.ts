/**
 * Per-installation secrets (the HMAC keys that pseudonymise ID-card numbers and sign public form
 * challenges), kept out of the database: each purpose's 32 bytes are derived with HKDF-SHA256
 * (info = purpose) from one master key, taken from SHIFAN_SECRET_KEY or a key file created on first
 * use. Legacy installs keep a `meta` row named after the purpose. See README.md beside this file.
 */
import { hkdfSync, randomBytes } from "node:crypto";
import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { dirname, resolve } from "node:path";
import type { Db } from "../db/database";

export const SECRET_KEY_ENV = "SHIFAN_SECRET_KEY";
export const SECRET_KEY_FILE_ENV = "SHIFAN_SECRET_KEY_FILE";
const POSTGRES_KEY_FILE = "./data/shifan.key";
const KEY_BYTES = 32;

export type MasterKeySource = { kind: "env" } | { kind: "file"; path: string } | { kind: "memory" };

/** Where this database's master key comes from (a place, never key material). */
export function masterKeySource(db: Pick<Db, "url" | "dialect">): MasterKeySource {
  if (process.env[SECRET_KEY_ENV]) return { kind: "env" };
  const path = keyFilePath(db);
  return path ? { kind: "file", path } : { kind: "memory" };
}

/** The key file: SHIFAN_SECRET_KEY_FILE, else beside the SQLite file, else ./data/shifan.key. */
function keyFilePath(db: Pick<Db, "url" | "dialect">): string | undefined {
  const configured = process.env[SECRET_KEY_FILE_ENV];
  if (configured) return resolve(configured);
  if (db.dialect === "postgres") return resolve(POSTGRES_KEY_FILE);
  const path = db.url.slice("sqlite:".length);
  // An in-memory database keeps nothing, so neither need its key.
  return path === ":memory:" ? undefined : resolve(`${path}.key`);
}

/** Hex or base64 of at least 32 bytes; the error names where the text came from, never the text. */
function parseKey(text: string, origin: string): Buffer {
  const value = text.trim();
  let key: Buffer | undefined;
  if (/^(?:[0-9a-f]{2})+$/i.test(value)) key = Buffer.from(value, "hex");
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) key = Buffer.from(value, "base64");
  if (!key || key.length < KEY_BYTES) {
    throw new Error(
      `${origin} 无效：须为十六进制或 base64 编码、解码后至少 ${KEY_BYTES} 字节的密钥 / ` +
        `${origin} is invalid: it must be a hex or base64 key of at least ${KEY_BYTES} bytes`,
    );
  }
  return key;
}

type KeyMaterial = { master: Buffer; pins: Map<string, Buffer>; secrets: Map<string, Buffer> };

/**
 * Key file: the master key on its first line, then optional `purpose=hex` lines pinning a purpose
 * to a secret moved out of `meta` by an operator (see README.md); `#` starts a comment.
 */
function readKeyFile(path: string): Omit<KeyMaterial, "secrets"> {
  const lines = readFileSync(path, "utf8")
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
function createKeyFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
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
}

const warned = new Set<string>();
const warnOnce = (topic: string, message: string) => {
  if (warned.has(topic)) return;
  warned.add(topic);
  process.stderr.write(`${message}\n`);
};

// Per database URL and the two variables, so a changed environment (tests) is honoured.
const materials = new Map<string, KeyMaterial>();

function keyMaterial(db: Pick<Db, "url" | "dialect">): KeyMaterial {
  const envKey = process.env[SECRET_KEY_ENV];
  const cacheKey = [db.url, envKey ?? "", process.env[SECRET_KEY_FILE_ENV] ?? ""].join("\0");
  const cached = materials.get(cacheKey);
  if (cached) return cached;
  const path = keyFilePath(db);
  let material: Omit<KeyMaterial, "secrets">;
  if (envKey) {
    const pins = path && existsSync(path) ? readKeyFile(path).pins : new Map<string, Buffer>();
    material = { master: parseKey(envKey, SECRET_KEY_ENV), pins };
  } else if (!path) {
    material = { master: randomBytes(KEY_BYTES), pins: new Map() };
  } else {
    if (db.dialect === "postgres") {
      warnOnce(
        "postgres",
        `[shifan] 未设置 ${SECRET_KEY_ENV}，安装密钥取自本机文件 ${path}；多台主机共用该 PostgreSQL 数据库时` +
          `必须使用同一密钥，请在各主机设置相同的 ${SECRET_KEY_ENV}。 / ${SECRET_KEY_ENV} is not set: the ` +
          `installation key comes from the local file ${path}; hosts sharing this PostgreSQL database ` +
          `must share the same key (set the same ${SECRET_KEY_ENV} on every host).`,
      );
    }
    if (!existsSync(path)) createKeyFile(path);
    material = readKeyFile(path);
  }
  const full = { ...material, secrets: new Map<string, Buffer>() };
  materials.set(cacheKey, full);
  return full;
}

/** A secret left in clear in `meta` by versions that kept it there, if any. */
async function legacySecret(db: Db, purpose: string): Promise<Buffer | undefined> {
  const row = await db.db.selectFrom("meta").select("value").where("key", "=", purpose).executeTakeFirst();
  return row ? parseKey(row.value, `meta "${purpose}"`) : undefined;
}

function warnLegacy(db: Db, purpose: string, pinned: boolean) {
  const path = keyFilePath(db) ?? `$${SECRET_KEY_FILE_ENV}`;
  const read = `select value from meta where key = '${purpose}'`;
  const remove = `delete from meta where key = '${purpose}'`;
  warnOnce(
    `legacy:${db.url}:${purpose}`,
    pinned
      ? `[shifan] 密钥“${purpose}”已在密钥文件 ${path} 中，但数据库 meta 表仍有明文副本（以密钥文件为准），` +
          `请删除：${remove} / The secret "${purpose}" is in the key file ${path} but a clear copy ` +
          `remains in the database's meta table (the key file wins); delete it: ${remove}`
      : `[shifan] 密钥“${purpose}”仍以明文存于数据库 meta 表（旧版本写入，为使已有化名继续匹配而沿用）。` +
          `迁出：把 ${read} 的结果以“${purpose}=<值>”一行追加到密钥文件 ${path}，重启后执行 ${remove}。 / ` +
          `The secret "${purpose}" still sits in clear in the database's meta table (written by an ` +
          `older version; kept so existing pseudonyms still match). To move it: append the line ` +
          `"${purpose}=<value>" (the value of ${read}) to the key file ${path}, restart, then ${remove}.`,
  );
}

/** The installation's 32-byte secret for `purpose` (e.g. "upward.person_id_hmac_secret"). */
export async function installationSecret(db: Db, purpose: string): Promise<Buffer> {
  const material = keyMaterial(db);
  const cached = material.secrets.get(purpose);
  if (cached) return cached;
  const pinned = material.pins.get(purpose);
  const legacy = await legacySecret(db, purpose);
  if (legacy) warnLegacy(db, purpose, pinned !== undefined);
  const secret =
    pinned ?? legacy ?? Buffer.from(hkdfSync("sha256", material.master, Buffer.alloc(0), purpose, KEY_BYTES));
  material.secrets.set(purpose, secret);
  return secret;
}
