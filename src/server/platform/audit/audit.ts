/**
 * The append-only, hash-chained audit log. Every write of the platform records who, when, what,
 * before and after here, in the same transaction as the write. Each entry's hash covers the
 * previous entry's hash, so an edited or deleted entry breaks the chain (`shifan audit verify`).
 *
 * The chain is keyed (issue 14): entries from the cut-over on carry HMAC-SHA256 under a key
 * derived from the installation key (platform/secrets, never in the database), so whoever holds
 * only the database cannot recompute the hashes after an edit. Entries written before the
 * upgrade keep their plain SHA-256; the cut-over (`meta` row audit_keyed_from: its first keyed seq
 * and the hash of the last plain entry) is itself MACed, so it can neither be moved nor deleted
 * unnoticed, and the first keyed entry covers the last plain one. See audit-checkpoint.ts for the
 * signed checkpoints that catch what the key cannot (a holder of the key, a truncation).
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { Kysely } from "kysely";
import { ANY_COUNTY, bumpDataVersion, feedScope } from "../cache/data-versions";
import { type Db, databaseOf } from "../db/database";
import { lockForTransaction } from "../db/dialect";
import type { Database } from "../db/schema";
import { installationSecret } from "../secrets/installation-secret";
import { chinaTimestamp } from "../time/china-time";

export type Actor = { id: string | null; name: string };

export type AuditEntry = {
  action: string;
  entity: string;
  entityId?: string | null;
  countyCode?: string | null;
  before?: unknown;
  after?: unknown;
  /**
   * "write" (the default) changed data and bumps the county's data version, so cached read models
   * recompute; "feed" is machine data arriving continuously (device ingest and what is derived
   * from it), which bumps only the county's feed version; "access" records who read, exported,
   * signed in or was refused, and changes nothing.
   */
  kind?: "write" | "feed" | "access";
};

const GENESIS = "0".repeat(64);
const AUDIT_LOCK = 7_310_001;
// Never written into the log, whatever a caller passes in before/after.
const SECRET_KEYS = /^(password|password_hash|passwordHash|token|token_hash|secret|id_card|idCard)$/i;

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        SECRET_KEYS.test(k) ? "[redacted]" : redact(v),
      ]),
    );
  }
  return value;
}

const toJson = (value: unknown) => (value === undefined ? null : JSON.stringify(redact(value)));

type ChainFields = Omit<Database["audit_log"], "hash">;

/** Plain SHA-256 without a key (entries before the cut-over), HMAC-SHA256 with one. */
export function entryHash(row: ChainFields, key?: Buffer): string {
  const canonical = JSON.stringify([
    row.seq,
    row.at,
    row.actor_id,
    row.actor_name,
    row.action,
    row.entity,
    row.entity_id,
    row.county_code,
    row.before_json,
    row.after_json,
  ]);
  const text = `${row.prev_hash}\n${canonical}`;
  return (key ? createHmac("sha256", key) : createHash("sha256")).update(text).digest("hex");
}

// --- the chain key and the cut-over -------------------------------------------------------------

const KEY_PURPOSE = "audit.chain_hmac_key";
const KEYED_FROM = "audit_keyed_from";

type KeyState = { key: Buffer } | { error: Error };
// Per database handle (keyed by the adapter its transactions share), so a write does not derive
// the key again.
const keys = new WeakMap<object, KeyState>();
const adapterOf = (db: Kysely<Database>) => db.getExecutor().adapter;

/**
 * Loads the chain key for this handle (through `via` inside a transaction); remembers a failure
 * (a missing key file) to report it.
 */
export async function loadAuditKey(db: Db, via: Kysely<Database> = db.db): Promise<KeyState> {
  const state: KeyState = await installationSecret(db, KEY_PURPOSE, via).then(
    (key) => ({ key }),
    (error: Error) => ({ error }),
  );
  keys.set(adapterOf(db.db), state);
  return state;
}

async function chainKey(trx: Kysely<Database>): Promise<Buffer> {
  let state = keys.get(adapterOf(trx));
  // Not loaded yet (a handle opened without migrate) or failed before: try again, through the
  // transaction, since on SQLite the handle's one connection is held by it.
  if (!state || "error" in state) state = await loadAuditKey(databaseOf(trx), trx);
  if ("error" in state) throw state.error;
  return state.key;
}

type CutOver = { from: number; prev: string; mac: string };

const cutOverMac = (key: Buffer, from: number, prev: string) =>
  createHmac("sha256", key).update(`${KEYED_FROM}\n${from}\n${prev}`).digest("hex");

async function readCutOver(db: Kysely<Database>): Promise<CutOver | "unreadable" | undefined> {
  const row = await db.selectFrom("meta").select("value").where("key", "=", KEYED_FROM).executeTakeFirst();
  if (!row) return undefined;
  try {
    const value = JSON.parse(row.value) as CutOver;
    return typeof value.from === "number" && typeof value.prev === "string" ? value : "unreadable";
  } catch {
    return "unreadable";
  }
}

/** Records the cut-over at the next seq when there is none yet; call holding the audit lock. */
async function ensureCutOver(
  trx: Kysely<Database>,
  key: Buffer,
  head: { seq: number; hash: string } | undefined,
): Promise<void> {
  if (cutOvers.has(adapterOf(trx))) return;
  if ((await readCutOver(trx)) === undefined) {
    const from = (head?.seq ?? 0) + 1;
    const prev = head?.hash ?? GENESIS;
    const value = JSON.stringify({ from, prev, mac: cutOverMac(key, from, prev) });
    await trx.insertInto("meta").values({ key: KEYED_FROM, value }).execute();
  }
  cutOvers.add(adapterOf(trx));
}
// Handles that have seen the cut-over recorded (it never moves once written).
const cutOvers = new WeakSet<object>();

/**
 * Loads the chain key and records the cut-over if the database has none (an upgraded one: its
 * existing entries stay plain SHA-256). Run at every start (setup.ts migrate). Without the key at
 * hand (a restore whose key file is not yet in place) this records nothing and writes are refused
 * with the key's error until it is.
 */
export async function prepareAuditChain(db: Db): Promise<void> {
  const state = await loadAuditKey(db);
  if ("error" in state) return;
  await db.db.transaction().execute(async (trx) => {
    await lockForTransaction(trx, AUDIT_LOCK);
    const head = await chainHead(trx);
    await ensureCutOver(trx, state.key, head);
  });
}

async function chainHead(db: Kysely<Database>) {
  const head = await db
    .selectFrom("audit_log")
    .select(["seq", "hash"])
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
  return head ? { seq: Number(head.seq), hash: head.hash } : undefined;
}

/** Appends one entry; call inside the transaction that makes the change. */
export async function recordAudit(trx: Kysely<Database>, actor: Actor, entry: AuditEntry): Promise<void> {
  const key = await chainKey(trx);
  await lockForTransaction(trx, AUDIT_LOCK);
  const head = await chainHead(trx);
  await ensureCutOver(trx, key, head);
  const row: ChainFields = {
    seq: Number(head?.seq ?? 0) + 1,
    at: chinaTimestamp(),
    actor_id: actor.id,
    actor_name: actor.name,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId ?? null,
    county_code: entry.countyCode ?? null,
    before_json: toJson(entry.before),
    after_json: toJson(entry.after),
    prev_hash: head?.hash ?? GENESIS,
  };
  await trx
    .insertInto("audit_log")
    .values({ ...row, hash: entryHash(row, key) })
    .execute();
  // The head is kept apart from the log so that deleting the newest entries is noticed too.
  const value = String(row.seq);
  await trx
    .insertInto("meta")
    .values({ key: "audit_head", value })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value }))
    .execute();
  if (entry.kind === "feed" && entry.countyCode) await bumpDataVersion(trx, feedScope(entry.countyCode));
  else if (entry.kind !== "access") await bumpDataVersion(trx, entry.countyCode ?? ANY_COUNTY);
}

export type AuditVerification = {
  ok: boolean;
  entries: number;
  problems: string[];
  /** The key was not at hand: keyed entries were checked for their links only, not their MACs. */
  keyUnavailable?: boolean;
};

/** The cut-over as recorded, or a problem with it; `from` 1 when there is none to trust. */
async function verifiedCutOver(db: Kysely<Database>, key: Buffer | undefined, problems: string[]) {
  const cutOver = await readCutOver(db);
  if (cutOver === "unreadable") {
    problems.push("the keyed cut-over record (meta audit_keyed_from) was altered");
    return { from: 1, prev: GENESIS };
  }
  if (!cutOver) return undefined;
  if (key) {
    const expected = Buffer.from(cutOverMac(key, cutOver.from, cutOver.prev), "hex");
    const actual = Buffer.from(String(cutOver.mac), "hex");
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
      problems.push("the keyed cut-over record (meta audit_keyed_from) was altered or moved");
    }
  }
  return cutOver;
}

/**
 * Walks the whole chain in order; reports gaps (deleted entries), hash mismatches (edits) and a
 * missing or altered cut-over. Entries before the cut-over are plain SHA-256, the rest HMAC.
 */
export async function verifyAuditChain(db: Kysely<Database>): Promise<AuditVerification> {
  const problems: string[] = [];
  const state = await loadAuditKey(databaseOf(db));
  const key = "key" in state ? state.key : undefined;
  const cutOver = await verifiedCutOver(db, key, problems);
  let prevHash = GENESIS;
  let expectedSeq = 1;
  let entries = 0;
  const pageSize = 5000;
  for (;;) {
    const page = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("seq", ">=", expectedSeq)
      .orderBy("seq")
      .limit(pageSize)
      .execute();
    for (const raw of page) {
      const row = { ...raw, seq: Number(raw.seq) };
      if (row.seq !== expectedSeq) {
        problems.push(`entries ${expectedSeq}–${row.seq - 1} are missing (deleted)`);
      }
      if (row.prev_hash !== prevHash) problems.push(`entry ${row.seq} does not follow the entry before it`);
      // Without a cut-over every entry must be keyed: deleting the record turns nothing plain.
      const keyed = row.seq >= (cutOver?.from ?? 1);
      if (keyed && cutOver && row.seq === cutOver.from && row.prev_hash !== cutOver.prev) {
        problems.push(`entry ${row.seq} does not follow the last entry before the keyed cut-over`);
      }
      if (!keyed || key) {
        if (entryHash(row, keyed ? key : undefined) !== row.hash)
          problems.push(`entry ${row.seq} was altered`);
      }
      prevHash = row.hash;
      expectedSeq = row.seq + 1;
      entries++;
    }
    if (page.length < pageSize) break;
  }
  if (entries > 0 && !cutOver) problems.push("the keyed cut-over record (meta audit_keyed_from) is missing");
  if (cutOver && cutOver.from - 1 > expectedSeq - 1) {
    problems.push(`entries after ${expectedSeq - 1} up to ${cutOver.from - 1} are missing (deleted)`);
  }
  const head = await db.selectFrom("meta").select("value").where("key", "=", "audit_head").executeTakeFirst();
  if (head && Number(head.value) > expectedSeq - 1) {
    problems.push(`entries after ${expectedSeq - 1} up to ${head.value} are missing (deleted)`);
  }
  return { ok: problems.length === 0, entries, problems, ...(key ? {} : { keyUnavailable: true }) };
}
