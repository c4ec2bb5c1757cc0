/**
 * The append-only, hash-chained audit log. Every write of the platform records who, when, what,
 * before and after here, in the same transaction as the write. Each entry's hash covers the
 * previous entry's hash, so an edited or deleted entry breaks the chain (`shifan audit verify`).
 */
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import { ANY_COUNTY, bumpDataVersion, feedScope } from "../cache/data-versions";
import { lockForTransaction } from "../db/dialect";
import type { Database } from "../db/schema";
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

export function entryHash(row: ChainFields): string {
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
  return createHash("sha256").update(`${row.prev_hash}\n${canonical}`).digest("hex");
}

/** Appends one entry; call inside the transaction that makes the change. */
export async function recordAudit(trx: Kysely<Database>, actor: Actor, entry: AuditEntry): Promise<void> {
  await lockForTransaction(trx, AUDIT_LOCK);
  const head = await trx
    .selectFrom("audit_log")
    .select(["seq", "hash"])
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
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
    .values({ ...row, hash: entryHash(row) })
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

export type AuditVerification = { ok: boolean; entries: number; problems: string[] };

/** Walks the whole chain in order; reports gaps (deleted entries) and hash mismatches (edits). */
export async function verifyAuditChain(db: Kysely<Database>): Promise<AuditVerification> {
  const problems: string[] = [];
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
      if (entryHash(row) !== row.hash) problems.push(`entry ${row.seq} was altered`);
      prevHash = row.hash;
      expectedSeq = row.seq + 1;
      entries++;
    }
    if (page.length < pageSize) break;
  }
  const head = await db.selectFrom("meta").select("value").where("key", "=", "audit_head").executeTakeFirst();
  if (head && Number(head.value) > expectedSeq - 1) {
    problems.push(`entries after ${expectedSeq - 1} up to ${head.value} are missing (deleted)`);
  }
  return { ok: problems.length === 0, entries, problems };
}
