/**
 * Signed checkpoints of the audit chain (issue 14). The province exports one now and then — the
 * head's seq and hash, the number of entries, the time — signed (HMAC-SHA256) with a key derived
 * from the installation key, and keeps it away from the database (mail it, print it, file it).
 * `shifan audit verify --checkpoint FILE` then proves the chain still holds those entries
 * unchanged: it catches a truncation after the checkpoint, and an edit by someone who holds the
 * installation key and recomputed every HMAC, which the keyed chain alone cannot.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Kysely } from "kysely";
import { databaseOf } from "../db/database";
import type { Database } from "../db/schema";
import { installationSecret } from "../secrets/installation-secret";
import { chinaTimestamp } from "../time/china-time";

const SIGNING_PURPOSE = "audit.checkpoint_signing_key";

export type AuditCheckpoint = {
  format: "shifan-audit-checkpoint/1";
  /** Entries 1…count are covered; the last of them is the head. */
  count: number;
  headSeq: number;
  headHash: string;
  at: string;
  signature: string;
};

type Unsigned = Omit<AuditCheckpoint, "signature">;

const canonical = (c: Unsigned) => JSON.stringify([c.format, c.count, c.headSeq, c.headHash, c.at]);

async function sign(db: Kysely<Database>, checkpoint: Unsigned): Promise<string> {
  const key = await installationSecret(databaseOf(db), SIGNING_PURPOSE);
  return createHmac("sha256", key).update(canonical(checkpoint)).digest("hex");
}

/** A checkpoint of the chain as it stands now. */
export async function createCheckpoint(db: Kysely<Database>): Promise<AuditCheckpoint> {
  const head = await db
    .selectFrom("audit_log")
    .select(["seq", "hash"])
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
  const count = await db
    .selectFrom("audit_log")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const unsigned: Unsigned = {
    format: "shifan-audit-checkpoint/1",
    count: Number(count.n),
    headSeq: Number(head?.seq ?? 0),
    headHash: head?.hash ?? "0".repeat(64),
    at: chinaTimestamp(),
  };
  return { ...unsigned, signature: await sign(db, unsigned) };
}

/** Problems of the chain against a checkpoint; empty when it still holds what the checkpoint saw. */
export async function checkAgainstCheckpoint(db: Kysely<Database>, checkpoint: unknown): Promise<string[]> {
  const c = checkpoint as Partial<AuditCheckpoint>;
  if (
    c?.format !== "shifan-audit-checkpoint/1" ||
    typeof c.count !== "number" ||
    typeof c.headSeq !== "number" ||
    typeof c.headHash !== "string" ||
    typeof c.at !== "string" ||
    typeof c.signature !== "string"
  ) {
    return ["the checkpoint file is not a shifan audit checkpoint"];
  }
  const expected = Buffer.from(await sign(db, c as Unsigned), "hex");
  const actual = Buffer.from(c.signature, "hex");
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    return ["the checkpoint's signature does not match: altered, or made by another installation"];
  }
  if (c.count === 0) return [];
  const head = await db
    .selectFrom("audit_log")
    .select("hash")
    .where("seq", "=", c.headSeq)
    .executeTakeFirst();
  if (!head)
    return [`entry ${c.headSeq}, the checkpoint's head (${c.at}), is missing: the log was truncated`];
  if (head.hash !== c.headHash) {
    return [`entry ${c.headSeq} differs from the checkpoint of ${c.at}: entries up to it were rewritten`];
  }
  const count = await db
    .selectFrom("audit_log")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("seq", "<=", c.headSeq)
    .executeTakeFirstOrThrow();
  if (Number(count.n) !== c.count) {
    return [`the log holds ${count.n} entries up to ${c.headSeq}, the checkpoint of ${c.at} ${c.count}`];
  }
  return [];
}
