/**
 * Sets the county's benchmark upward fees (O3: upward express price ≤ the mainstream platforms'
 * price in the same area), one per weight class; the list given replaces the county's list.
 */
import { DEFAULT_OPERATIONS_SETTINGS, type OperationsSettings } from "../../rules/operations";
import { type Actor, recordAudit } from "../platform/audit/audit";
import type { Db } from "../platform/db/database";
import { badRequest } from "../platform/http/errors";
import { chinaTimestamp } from "../platform/time/china-time";
import { loadFeeBenchmarks } from "./fee-benchmarks.repository";
import type { OperationsTables } from "./operations.tables";

export type SaveFeeBenchmarksOptions = {
  db: Db;
  actor: Actor;
  countyCode: string;
  /** One per weight class (keys of the settings' weight classes). */
  benchmarks: { weightClass: string; feeFen: number; note?: string }[];
  isDemo?: boolean;
  settings?: OperationsSettings;
};

export async function saveFeeBenchmarks(options: SaveFeeBenchmarksOptions): Promise<void> {
  const { db, actor, countyCode, benchmarks } = options;
  const settings = options.settings ?? DEFAULT_OPERATIONS_SETTINGS;
  const known = new Set(settings.weightClasses.map((c) => c.key));
  const seen = new Set<string>();
  for (const [i, b] of benchmarks.entries()) {
    if (!known.has(b.weightClass) || seen.has(b.weightClass)) {
      throw badRequest(
        "bad_weight_class",
        {
          zh: `重量段「${b.weightClass}」不存在或重复，可用：${[...known].join("、")}`,
          en: `Unknown or repeated weight class "${b.weightClass}"; use ${[...known].join(", ")}`,
        },
        [{ path: `benchmarks.${i}.weightClass`, message: b.weightClass }],
      );
    }
    seen.add(b.weightClass);
  }
  await db.db.transaction().execute(async (kdb) => {
    const trx = kdb.withTables<OperationsTables>();
    const before = await loadFeeBenchmarks(kdb, countyCode);
    await trx.deleteFrom("fee_benchmarks").where("county_code", "=", countyCode).execute();
    const now = chinaTimestamp();
    if (benchmarks.length) {
      await trx
        .insertInto("fee_benchmarks")
        .values(
          benchmarks.map((b) => ({
            county_code: countyCode,
            weight_class: b.weightClass,
            fee_fen: b.feeFen,
            note: b.note ?? "",
            is_demo: options.isDemo ? 1 : 0,
            updated_at: now,
          })),
        )
        .execute();
    }
    await recordAudit(kdb, actor, {
      action: "operations.fee_benchmarks_set",
      entity: "fee_benchmarks",
      entityId: countyCode,
      countyCode,
      before: before.map(({ weightClass, feeFen, note }) => ({ weightClass, feeFen, note })),
      after: benchmarks,
    });
  });
}
