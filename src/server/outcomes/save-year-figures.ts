/** Saves 年度指标 (rule K7): upsert by county and year, one audit entry per save with what changed. */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { YearFigures } from "../../rules/acceptance/facts";
import { type Actor, recordAudit } from "../platform/audit/audit";
import type { Database } from "../platform/db/schema";
import { chinaTimestamp } from "../platform/time/china-time";
import type { OutcomesTables } from "./outcomes.tables";

export type YearFiguresInput = YearFigures & { sourceDocument: string };

/** A stored row as figures (bigint columns come back as strings on PostgreSQL). */
export function presentYearFigures(
  r: OutcomesTables["year_figures"],
): YearFiguresInput & { isDemo: boolean } {
  return {
    year: Number(r.year),
    transactionsFen: Number(r.transactions_fen),
    ruralRetailFen: Number(r.rural_retail_fen),
    agriRetailFen: Number(r.agri_retail_fen),
    jobs: Number(r.jobs),
    sourceDocument: r.source_document,
    isDemo: Number(r.is_demo) === 1,
  };
}

const same = (a: YearFiguresInput, b: YearFiguresInput) =>
  a.transactionsFen === b.transactionsFen &&
  a.ruralRetailFen === b.ruralRetailFen &&
  a.agriRetailFen === b.agriRetailFen &&
  a.jobs === b.jobs &&
  a.sourceDocument === b.sourceDocument;

/** Upserts the years given; returns how many were created or changed. Call inside a transaction. */
export async function saveYearFigures(
  kdb: Kysely<Database>,
  countyCode: string,
  years: readonly YearFiguresInput[],
  actor: Actor,
): Promise<number> {
  const db = kdb.withTables<OutcomesTables>();
  const existing = new Map(
    (await db.selectFrom("year_figures").selectAll().where("county_code", "=", countyCode).execute()).map(
      (r) => [Number(r.year), presentYearFigures(r)],
    ),
  );
  const now = chinaTimestamp();
  const changes: { year: number; before: YearFiguresInput | null; after: YearFiguresInput }[] = [];
  for (const y of years) {
    const before = existing.get(y.year);
    if (before && !before.isDemo && same(before, y)) continue;
    const columns = {
      transactions_fen: y.transactionsFen,
      rural_retail_fen: y.ruralRetailFen,
      agri_retail_fen: y.agriRetailFen,
      jobs: y.jobs,
      source_document: y.sourceDocument,
      // Real figures replace demo values: the row is no longer demo data.
      is_demo: 0,
      updated_at: now,
    };
    await db
      .insertInto("year_figures")
      .values({ id: randomUUID(), county_code: countyCode, year: y.year, created_at: now, ...columns })
      .onConflict((oc) => oc.columns(["county_code", "year"]).doUpdateSet(columns))
      .execute();
    const { isDemo: _, ...plain } = before ?? { isDemo: false };
    changes.push({ year: y.year, before: before ? (plain as YearFiguresInput) : null, after: y });
  }
  if (changes.length) {
    await recordAudit(kdb, actor, {
      action: "year_figures.saved",
      entity: "year_figures",
      entityId: countyCode,
      countyCode,
      before: Object.fromEntries(changes.map((c) => [c.year, c.before])),
      after: Object.fromEntries(changes.map((c) => [c.year, c.after])),
    });
  }
  return changes.length;
}
