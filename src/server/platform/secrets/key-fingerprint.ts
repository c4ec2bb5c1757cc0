/**
 * The master key's fingerprint, kept in `meta` so that a database refuses any key but the one its
 * pseudonyms were made with (a restore without the key file, another working directory, a second
 * PostgreSQL host with its own key file). It is an HMAC under a secret derived for this use only,
 * over a fixed label: it tells nothing about the key or the secrets derived for real purposes.
 */
import { createHmac, hkdfSync } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";

export const FINGERPRINT_META_KEY = "secrets.master_key_fingerprint";
/** HKDF info reserved for the fingerprint: no caller may ask for a secret of this purpose. */
export const FINGERPRINT_PURPOSE = "shifan.key-fingerprint";
const LABEL = "shifan installation master key fingerprint";
// The prefix leaves room for another scheme without mistaking old rows for mismatches.
const VERSION = "v1:";

export function keyFingerprint(master: Buffer): string {
  const key = Buffer.from(hkdfSync("sha256", master, Buffer.alloc(0), FINGERPRINT_PURPOSE, 32));
  return VERSION + createHmac("sha256", key).update(LABEL).digest("hex");
}

export async function storedFingerprint(db: Kysely<Database>): Promise<string | undefined> {
  const row = await db
    .selectFrom("meta")
    .select("value")
    .where("key", "=", FINGERPRINT_META_KEY)
    .executeTakeFirst();
  return row?.value;
}

/**
 * Records `fingerprint` unless one is stored, and returns what is stored afterwards: of processes
 * racing on a new database, the first insert wins and all read it back. One statement, not an
 * explicit transaction: the insert is atomic alone, and an open SQLite write transaction awaited
 * across would block another handle of the same process.
 */
export async function recordFingerprint(
  db: Kysely<Database>,
  fingerprint: string,
): Promise<string | undefined> {
  const stored = await storedFingerprint(db);
  if (stored !== undefined) return stored;
  await db
    .insertInto("meta")
    .values({ key: FINGERPRINT_META_KEY, value: fingerprint })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
  return storedFingerprint(db);
}

/** Where a master key came from, as the errors name it. */
export type KeyOrigin = { zh: string; en: string };

export function keyMismatch(origin: KeyOrigin): Error {
  return new Error(
    `${origin.zh}中的安装密钥与本数据库不符：不是本数据库已有人员化名所用的密钥（与 meta 表中的密钥指纹不同）。` +
      "请恢复原密钥文件或设置原来的 SHIFAN_SECRET_KEY；在此之前拒绝使用该密钥。 / " +
      `The installation key from ${origin.en} does not match the key this database's pseudonyms were made ` +
      "with (its fingerprint differs from the one in the meta table). Restore the original key file or set " +
      "the original SHIFAN_SECRET_KEY; until then the key is refused.",
  );
}

export function keyMissing(path: string): Error {
  return new Error(
    `本数据库的人员化名已用某个安装密钥生成，但密钥文件 ${path} 不存在；为免新化名与已有化名无法匹配，不新建密钥。` +
      `请将原密钥文件复制到 ${path}，或设置 SHIFAN_SECRET_KEY（或用 SHIFAN_SECRET_KEY_FILE 指向原密钥文件）。 / ` +
      `This database's pseudonyms were made with an installation key, but the key file ${path} is missing; ` +
      "no new key is created, since new pseudonyms would not match the stored ones. Restore the original " +
      `key file to ${path}, or set SHIFAN_SECRET_KEY (or point SHIFAN_SECRET_KEY_FILE at the original key file).`,
  );
}
