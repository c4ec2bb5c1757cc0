/** Reads of the acceptance domain: the standard in force, current decisions, evidence, sign-offs. */
import type { Kysely } from "kysely";
import type { AssessorDecision } from "../../rules/acceptance/evaluate";
import { type AcceptanceStandard, HEBEI_2017 } from "../../rules/acceptance/standard";
import type { Database } from "../platform/db/schema";
import type { AcceptanceTables } from "./acceptance.tables";

export const acceptanceDb = (db: Kysely<Database>) => db.withTables<AcceptanceTables>();

/** The standard in force: Hebei 2017 with the province's latest refinement of its thresholds. */
export async function currentStandard(db: Kysely<Database>): Promise<AcceptanceStandard> {
  const latest = await acceptanceDb(db)
    .selectFrom("acceptance_standards")
    .selectAll()
    .where("id", "=", HEBEI_2017.id)
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!latest) return HEBEI_2017;
  return {
    ...HEBEI_2017,
    version: latest.version,
    thresholds: { ...HEBEI_2017.thresholds, ...JSON.parse(latest.thresholds_json) },
  };
}

export type DecisionRecord = AssessorDecision & { decidedBy: string; decidedAt: string };

/** The assessor's standing decisions for a county (the newest per item). */
export async function currentDecisions(db: Kysely<Database>, countyCode: string): Promise<DecisionRecord[]> {
  const rows = await acceptanceDb(db)
    .selectFrom("assessor_decisions")
    .selectAll()
    .where("county_code", "=", countyCode)
    .where("superseded_at", "is", null)
    .orderBy("item_id")
    .execute();
  return rows.map((r) => ({
    id: r.item_id,
    status: r.status as AssessorDecision["status"],
    note: r.note,
    decidedBy: r.decided_by_name,
    decidedAt: r.decided_at,
  }));
}

export async function listEvidence(db: Kysely<Database>, countyCode: string) {
  const rows = await acceptanceDb(db)
    .selectFrom("acceptance_evidence")
    .select(["id", "item_id", "kind", "note", "file_name", "file_sha256", "created_by", "created_at"])
    .where("county_code", "=", countyCode)
    .orderBy("created_at")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    itemId: r.item_id,
    kind: r.kind,
    note: r.note,
    fileName: r.file_name,
    sha256: r.file_sha256,
    createdBy: r.created_by,
    createdAt: r.created_at,
  }));
}

export async function latestSignoff(db: Kysely<Database>, countyCode: string) {
  return acceptanceDb(db)
    .selectFrom("acceptance_signoffs")
    .selectAll()
    .where("county_code", "=", countyCode)
    .orderBy("signed_at", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** Every saved refinement of the standard, newest first (version 1 is the published standard). */
export async function standardVersions(db: Kysely<Database>) {
  const rows = await acceptanceDb(db)
    .selectFrom("acceptance_standards")
    .select(["version", "thresholds_json", "created_by", "created_at"])
    .where("id", "=", HEBEI_2017.id)
    .orderBy("version", "desc")
    .execute();
  return rows.map((r) => ({
    version: Number(r.version),
    thresholds: JSON.parse(r.thresholds_json) as Record<string, number>,
    createdBy: r.created_by,
    createdAt: r.created_at,
  }));
}

/** The standing decisions of several counties in one query, by county. */
export async function decisionsByCounty(
  db: Kysely<Database>,
  countyCodes: readonly string[],
): Promise<Map<string, AssessorDecision[]>> {
  const byCounty = new Map<string, AssessorDecision[]>(countyCodes.map((c) => [c, []]));
  if (countyCodes.length === 0) return byCounty;
  const rows = await acceptanceDb(db)
    .selectFrom("assessor_decisions")
    .select(["county_code", "item_id", "status", "note"])
    .where("county_code", "in", [...countyCodes])
    .where("superseded_at", "is", null)
    .execute();
  for (const r of rows) {
    byCounty
      .get(r.county_code)
      ?.push({ id: r.item_id, status: r.status as AssessorDecision["status"], note: r.note });
  }
  return byCounty;
}

/** The latest sign-off of several counties in one query, by county. */
export async function signoffsByCounty(db: Kysely<Database>, countyCodes: readonly string[]) {
  const byCounty = new Map<string, { signedAt: string; signedBy: string; verdict: string; asOf: string }>();
  if (countyCodes.length === 0) return byCounty;
  const rows = await acceptanceDb(db)
    .selectFrom("acceptance_signoffs")
    .select(["county_code", "signed_at", "signed_by_name", "verdict", "as_of"])
    .where("county_code", "in", [...countyCodes])
    .orderBy("signed_at")
    .execute();
  for (const r of rows) {
    byCounty.set(r.county_code, {
      signedAt: r.signed_at,
      signedBy: r.signed_by_name,
      verdict: r.verdict,
      asOf: r.as_of,
    });
  }
  return byCounty;
}
