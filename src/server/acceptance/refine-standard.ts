/**
 * The province refines the acceptance standard (the appendix allows local refinement:
 * "各地在实际验收过程中可根据当地实际对标准进行细化") by saving changed thresholds as a new version;
 * scorecards from then on name that version. Audited with the values before and after.
 */
import type { Kysely } from "kysely";
import type { AcceptanceThresholds } from "../../rules/acceptance/standard";
import { recordAudit } from "../platform/audit/audit";
import type { Principal } from "../platform/auth/roles";
import type { Database } from "../platform/db/schema";
import { AppError, badRequest, type ErrorDetail, forbidden } from "../platform/http/errors";
import { chinaTimestamp } from "../platform/time/china-time";
import { acceptanceDb, currentStandard } from "./acceptance.repository";

export type RefineStandardOptions = {
  db: Kysely<Database>;
  actor: Principal;
  /** Only the thresholds that change. */
  thresholds: Partial<AcceptanceThresholds>;
  note: string;
};

/** Ranges that must stay ordered once merged with the thresholds in force. */
const RANGES: [min: keyof AcceptanceThresholds, max: keyof AcceptanceThresholds, zh: string][] = [
  ["developedProductsMin", "developedProductsMax", "开发单品数下限不得大于上限"],
  ["traceEnterprisesMin", "traceEnterprisesMax", "追溯企业数下限不得大于上限"],
];

const isDuplicateKey = (error: unknown) => {
  const code = (error as { code?: unknown })?.code;
  return code === "23505" || (typeof code === "string" && code.startsWith("SQLITE_CONSTRAINT"));
};

export async function refineStandard({ db, actor, thresholds, note }: RefineStandardOptions) {
  if (actor.role !== "province_admin") throw forbidden();
  const current = await currentStandard(db);
  const merged: AcceptanceThresholds = { ...current.thresholds, ...thresholds };
  const problems: ErrorDetail[] = RANGES.filter(([min, max]) => merged[min] > merged[max]).map(
    ([min, , zh]) => ({ path: `thresholds.${min}`, message: zh }),
  );
  if (problems.length) {
    throw badRequest("invalid_thresholds", { zh: "阈值不一致", en: "Inconsistent thresholds" }, problems);
  }
  const changed = (Object.keys(merged) as (keyof AcceptanceThresholds)[]).filter(
    (k) => merged[k] !== current.thresholds[k],
  );
  if (changed.length === 0) {
    throw badRequest("no_change", {
      zh: "阈值与现行标准相同，无需另存新版本",
      en: "The thresholds equal the standard in force",
    });
  }
  const row = {
    id: current.id,
    version: current.version + 1,
    thresholds_json: JSON.stringify(merged),
    created_by: actor.displayName,
    created_at: chinaTimestamp(),
  };
  try {
    await db.transaction().execute(async (trx) => {
      await acceptanceDb(trx).insertInto("acceptance_standards").values(row).execute();
      await recordAudit(
        trx,
        { id: actor.id, name: actor.username },
        {
          action: "acceptance.standard_refined",
          entity: "acceptance_standard",
          entityId: `${row.id}@${row.version}`,
          before: {
            version: current.version,
            ...Object.fromEntries(changed.map((k) => [k, current.thresholds[k]])),
          },
          after: { version: row.version, note, ...Object.fromEntries(changed.map((k) => [k, merged[k]])) },
        },
      );
    });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    throw new AppError(409, "standard_changed", {
      zh: "标准刚被他人修订，请刷新后重试",
      en: "The standard was just refined by someone else; reload and retry",
    });
  }
  return { id: row.id, version: row.version, thresholds: merged, changed };
}
