/**
 * Per-installation secrets (the HMAC keys that pseudonymise ID-card numbers and sign public form
 * challenges), kept out of the database: each purpose's 32 bytes are derived with HKDF-SHA256
 * (info = purpose) from one master key, taken from SHIFAN_SECRET_KEY or a key file created on first
 * use. The database keeps the key's fingerprint and refuses any other key. Legacy installs keep a
 * `meta` row named after the purpose. See README.md beside this file.
 */
import { hkdfSync, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Kysely } from "kysely";
import type { Db } from "../db/database";
import type { Database } from "../db/schema";
import { createKeyFile, KEY_BYTES, type KeyFile, parseKey, readKeyFile, warnOnce } from "./key-file";
import {
  FINGERPRINT_PURPOSE,
  type KeyOrigin,
  keyFingerprint,
  keyMismatch,
  keyMissing,
  recordFingerprint,
  storedFingerprint,
} from "./key-fingerprint";

export const SECRET_KEY_ENV = "SHIFAN_SECRET_KEY";
export const SECRET_KEY_FILE_ENV = "SHIFAN_SECRET_KEY_FILE";
const POSTGRES_KEY_FILE = "./data/shifan.key";

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

const ENV_ORIGIN: KeyOrigin = { zh: `环境变量 ${SECRET_KEY_ENV} `, en: SECRET_KEY_ENV };
const fileOrigin = (path: string): KeyOrigin => ({ zh: `密钥文件 ${path} `, en: `the key file ${path}` });

type KeyMaterial = KeyFile & { secrets: Map<string, Buffer> };

/**
 * The master key and pins for `db`, its fingerprint checked against (or, on a new database,
 * recorded in) `meta`. A database that has a fingerprint never gets a new key file.
 */
async function loadKeyMaterial(
  db: Db,
  envKey: string | undefined,
  path: string | undefined,
  via: Kysely<Database>,
) {
  let key: KeyFile;
  let origin: KeyOrigin;
  if (envKey) {
    const pins = path && existsSync(path) ? readKeyFile(path).pins : new Map<string, Buffer>();
    key = { master: parseKey(envKey, SECRET_KEY_ENV), pins };
    origin = ENV_ORIGIN;
  } else if (!path) {
    key = { master: randomBytes(KEY_BYTES), pins: new Map() };
    origin = { zh: "进程内临时密钥", en: "the temporary in-memory key" };
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
    if (!existsSync(path)) {
      const recorded = await storedFingerprint(via);
      // Looked again: a process racing on this new database links its file before recording it.
      if (!existsSync(path)) {
        if (recorded !== undefined) throw keyMissing(path);
        createKeyFile(path);
      }
    }
    key = readKeyFile(path);
    origin = fileOrigin(path);
  }
  const fingerprint = keyFingerprint(key.master);
  if ((await recordFingerprint(via, fingerprint)) !== fingerprint) throw keyMismatch(origin);
  return { ...key, secrets: new Map<string, Buffer>() };
}

// Per handle and per the two variables (so a changed environment is honoured): a new handle
// re-reads the key and re-checks the fingerprint. A failure is not kept, so a fixed key works.
const loaded = new WeakMap<Kysely<Database>, { settings: string; material: Promise<KeyMaterial> }>();

function keyMaterial(db: Db, via: Kysely<Database>): Promise<KeyMaterial> {
  // Read before any await: a caller's environment is the one in force when it called.
  const envKey = process.env[SECRET_KEY_ENV];
  const path = keyFilePath(db);
  const settings = `${envKey ?? ""}\0${path ?? ""}`;
  const hit = loaded.get(db.db);
  if (hit?.settings === settings) return hit.material;
  const material = loadKeyMaterial(db, envKey, path, via);
  loaded.set(db.db, { settings, material });
  material.catch(() => {
    if (loaded.get(db.db)?.material === material) loaded.delete(db.db);
  });
  return material;
}

export type MasterKeyCheck = "unrecorded" | "matches" | "missing" | "differs";

/**
 * Whether the key this database's fingerprint names is at hand, creating and recording nothing
 * (for `shifan restore`). "unrecorded": no fingerprint yet (new, or made before fingerprints).
 */
export async function checkMasterKey(db: Db): Promise<MasterKeyCheck> {
  const stored = await storedFingerprint(db.db);
  if (stored === undefined) return "unrecorded";
  const envKey = process.env[SECRET_KEY_ENV];
  const path = keyFilePath(db);
  let master: Buffer;
  if (envKey) master = parseKey(envKey, SECRET_KEY_ENV);
  else if (path && existsSync(path)) master = readKeyFile(path).master;
  else return "missing";
  return keyFingerprint(master) === stored ? "matches" : "differs";
}

/** A secret left in clear in `meta` by versions that kept it there, if any. */
async function legacySecret(via: Kysely<Database>, purpose: string): Promise<Buffer | undefined> {
  const row = await via.selectFrom("meta").select("value").where("key", "=", purpose).executeTakeFirst();
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

/**
 * The installation's 32-byte secret for `purpose` (e.g. "upward.person_id_hmac_secret"). `via`:
 * the transaction to read `meta` through when called inside one (SQLite has one connection, and
 * a query on the handle itself would wait for the transaction holding it).
 */
export async function installationSecret(
  db: Db,
  purpose: string,
  via: Kysely<Database> = db.db,
): Promise<Buffer> {
  // Its secret serves the fingerprint only, so the stored fingerprint says nothing of a secret in use.
  if (purpose === FINGERPRINT_PURPOSE) throw new Error(`"${purpose}" is reserved for the key fingerprint`);
  const material = await keyMaterial(db, via);
  const cached = material.secrets.get(purpose);
  if (cached) return cached;
  const pinned = material.pins.get(purpose);
  const legacy = await legacySecret(via, purpose);
  if (legacy) warnLegacy(db, purpose, pinned !== undefined);
  const secret =
    pinned ?? legacy ?? Buffer.from(hkdfSync("sha256", material.master, Buffer.alloc(0), purpose, KEY_BYTES));
  material.secrets.set(purpose, secret);
  return secret;
}
