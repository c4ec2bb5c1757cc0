/**
 * Stable pseudonymous person ids. County staff paste ID-card numbers into 人员编号 (and sometimes
 * 户编号): such a number is replaced by its HMAC-SHA256 under a per-installation secret (never stored in the database) before
 * anything is stored or logged, so the same person still matches across imports while the database
 * never holds the number. Other identifiers are kept as given.
 */
import { createHmac } from "node:crypto";
import type { Kysely } from "kysely";
import { classifyPersonId, maskIdCard } from "../../rules/id-card";
import { databaseOf } from "../platform/db/database";
import type { Database } from "../platform/db/schema";
import { installationSecret } from "../platform/secrets/installation-secret";
import type { Bilingual } from "../platform/workbook/sheet-handler";

const SECRET_PURPOSE = "upward.person_id_hmac_secret";
// Keys derived from ID numbers start with this; a given id starting so is refused, so the two never mix.
const HASH_PREFIX = "idh:";
const MAX_ID_LENGTH = 64;

/**
 * The installation's HMAC secret, derived from the key kept outside the database (platform/secrets);
 * installs that stored it in `meta` under this name keep that value so old pseudonyms still match.
 */
export function personIdSecret(db: Kysely<Database>): Promise<Buffer> {
  return installationSecret(databaseOf(db), SECRET_PURPOSE);
}

export type PseudonymResult =
  | { ok: true; key: string; label: string; isIdCard: boolean }
  | { ok: false; reason: Bilingual };

/**
 * The stored key and the displayed label of a pasted identifier. Reasons never repeat the value:
 * it may be a mistyped ID-card number.
 */
export function pseudonymize(secret: Buffer, text: string): PseudonymResult {
  const id = classifyPersonId(text);
  if (id.kind === "id_card") {
    const key = HASH_PREFIX + createHmac("sha256", secret).update(id.normalized).digest("hex");
    return { ok: true, key, label: maskIdCard(id.normalized), isIdCard: true };
  }
  if (id.kind === "bad_id_card") {
    return {
      ok: false,
      reason: {
        zh: "疑似身份证号但校验位不正确，请核对（为保护个人信息，不保存也不显示该号码）",
        en: "Looks like an ID-card number with a wrong check character; not stored or shown",
      },
    };
  }
  const value = id.value;
  if (value === "") return { ok: false, reason: { zh: "不能为空", en: "Must not be empty" } };
  if (value.length > MAX_ID_LENGTH || /\p{Cc}/u.test(value)) {
    return {
      ok: false,
      reason: {
        zh: `编号最长${MAX_ID_LENGTH}个字符，且不含控制字符`,
        en: `At most ${MAX_ID_LENGTH} printable characters`,
      },
    };
  }
  if (value.toLowerCase().startsWith(HASH_PREFIX)) {
    return {
      ok: false,
      reason: { zh: `编号不能以“${HASH_PREFIX}”开头`, en: `Must not start with "${HASH_PREFIX}"` },
    };
  }
  return { ok: true, key: value, label: value, isIdCard: false };
}
