/**
 * A new version of a county's fund arrangement (资金安排意见), from the form, the workbook sheet
 * 资金安排 or the demo. Drafts and notices not yet filed are superseded by it (a changed plan
 * needs a new notice, F6); once the original is filed, every new version is a change that needs the
 * province's approval (E3).
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { SupportMethod } from "../../rules/fund-plan";
import type { FundCategoryKey } from "../../rules/funds";
import { type Actor, recordAudit } from "../platform/audit/audit";
import { lockForTransaction } from "../platform/db/dialect";
import type { Database } from "../platform/db/schema";
import { badRequest, notFound } from "../platform/http/errors";
import { chinaDate, chinaTimestamp } from "../platform/time/china-time";
import { fundsDb, linesOfPlans, listPlanVersions } from "./fund-plans.repository";
import type { FundPlanLineTable, FundPlanTable } from "./funds.tables";

export type PlanLineInput = {
  category: FundCategoryKey;
  amountFen: number;
  description: string;
  supportMethod: SupportMethod | null;
  /** The line of an earlier version this one continues (keeps contracts pointing at it). */
  lineKey?: string;
};

export type CreateFundPlanVersionOptions = {
  db: Kysely<Database>;
  actor: Actor;
  countyCode: string;
  lines: readonly PlanLineInput[];
  source: "form" | "workbook" | "demo";
  /** 编制日期, default today (China). */
  preparedOn?: string;
  changeReason?: string | null;
  isDemo?: boolean;
};

/** Serialises version numbering per county. */
export const planLockKey = (countyCode: string) => 7_320_000_000 + Number(countyCode);

const sameLine = (
  a: { category: string; description: string },
  b: { category: string; description: string },
) => a.category === b.category && a.description.trim() === b.description.trim();

/**
 * Line keys and carried clearances for new lines: a line continues an earlier line when it names its
 * key, or else has the same category and content; a cleared F4 alarm stays cleared while the text
 * that raised it is unchanged.
 */
export function continueLines(
  lines: readonly PlanLineInput[],
  earlier: readonly FundPlanLineTable[],
  knownKeys: ReadonlySet<string>,
): { lineKey: string; clearance: Pick<FundPlanLineTable, "cleared_reason" | "cleared_by" | "cleared_at"> }[] {
  const used = new Set<string>();
  return lines.map((line, i) => {
    if (line.lineKey && !knownKeys.has(line.lineKey)) {
      throw badRequest("unknown_line_key", {
        zh: `第${i + 1}条：lineKey ${line.lineKey} 不属于本县的资金安排`,
        en: `Line ${i + 1}: lineKey ${line.lineKey} is not a line of this county's plan`,
      });
    }
    const match = line.lineKey
      ? earlier.find((e) => e.line_key === line.lineKey)
      : earlier.find((e) => !used.has(e.line_key) && sameLine(e, line));
    let lineKey = line.lineKey ?? match?.line_key ?? randomUUID();
    if (used.has(lineKey)) {
      if (line.lineKey) {
        throw badRequest("duplicate_line_key", {
          zh: `第${i + 1}条：lineKey 与前面的行重复`,
          en: `Line ${i + 1}: lineKey repeats an earlier line`,
        });
      }
      lineKey = randomUUID();
    }
    used.add(lineKey);
    const cleared = earlier.find((e) => e.cleared_reason && e.description.trim() === line.description.trim());
    return {
      lineKey,
      clearance: {
        cleared_reason: cleared?.cleared_reason ?? null,
        cleared_by: cleared?.cleared_by ?? null,
        cleared_at: cleared?.cleared_at ?? null,
      },
    };
  });
}

async function insertVersion(trx: Kysely<Database>, options: CreateFundPlanVersionOptions) {
  const { actor, countyCode, lines } = options;
  await lockForTransaction(trx, planLockKey(countyCode));
  const fdb = fundsDb(trx);
  const county = await trx
    .selectFrom("demonstration_counties")
    .select("subsidy_fen")
    .where("county_code", "=", countyCode)
    .executeTakeFirst();
  if (!county) throw notFound({ zh: "该示范县", en: "Demonstration county" });

  const versions = await listPlanVersions(trx, countyCode);
  const basedOn = versions[0];
  const allLines = await linesOfPlans(
    trx,
    versions.map((v) => v.id),
  );
  const earlier = basedOn ? allLines.filter((l) => l.plan_id === basedOn.id) : [];
  const continued = continueLines(lines, earlier, new Set(allLines.map((l) => l.line_key)));
  const isChange = versions.some(
    (v) => !v.is_change && v.filed_on && (v.status === "filed" || v.status === "approved"),
  );
  const now = chinaTimestamp();
  const today = options.preparedOn ?? chinaDate();

  // Not yet filed, or a change still awaiting approval: replaced by the new version.
  for (const v of versions) {
    const replaceable =
      v.status === "draft" || v.status === "notice" || (v.is_change && v.status === "filed");
    if (!replaceable) continue;
    await fdb
      .updateTable("fund_plans")
      .set({ status: "superseded", superseded_on: today, updated_at: now })
      .where("id", "=", v.id)
      .execute();
    await recordAudit(trx, actor, {
      action: "fund_plan.superseded",
      entity: "fund_plan",
      entityId: v.id,
      countyCode,
      before: { version: v.version, status: v.status },
      after: { status: "superseded" },
    });
  }

  const plan: FundPlanTable = {
    id: randomUUID(),
    county_code: countyCode,
    version: (basedOn?.version ?? 0) + 1,
    is_change: isChange ? 1 : 0,
    based_on_id: basedOn?.id ?? null,
    status: "draft",
    source: options.source,
    subsidy_fen: Number(county.subsidy_fen),
    prepared_on: today,
    change_reason: options.changeReason?.trim() || null,
    notice_start: null,
    notice_working_days: null,
    notice_last_day: null,
    notice_earliest_submission: null,
    filed_on: null,
    approved_on: null,
    rejected_on: null,
    decided_by: null,
    decision_note: null,
    superseded_on: null,
    created_by: actor.name,
    created_at: now,
    updated_at: now,
    is_demo: options.isDemo ? 1 : 0,
  };
  await fdb.insertInto("fund_plans").values(plan).execute();
  const rows: FundPlanLineTable[] = lines.map((line, i) => ({
    id: randomUUID(),
    plan_id: plan.id,
    county_code: countyCode,
    line_no: i + 1,
    line_key: continued[i]!.lineKey,
    category: line.category,
    amount_fen: line.amountFen,
    description: line.description.trim(),
    support_method: line.supportMethod,
    ...continued[i]!.clearance,
  }));
  if (rows.length) await fdb.insertInto("fund_plan_lines").values(rows).execute();
  await recordAudit(trx, actor, {
    action: "fund_plan.version_created",
    entity: "fund_plan",
    entityId: plan.id,
    countyCode,
    after: {
      version: plan.version,
      isChange: isChange,
      source: plan.source,
      changeReason: plan.change_reason,
      lines: rows.map((r) => ({
        category: r.category,
        amountFen: r.amount_fen,
        description: r.description,
        supportMethod: r.support_method,
        clearance: r.cleared_reason,
      })),
    },
  });
  return { id: plan.id, version: plan.version, isChange };
}

/** Creates the version; joins the caller's transaction (workbook import) or opens one. */
export async function createFundPlanVersion(options: CreateFundPlanVersionOptions) {
  if (options.db.isTransaction) return insertVersion(options.db, options);
  return options.db.transaction().execute((trx) => insertVersion(trx, options));
}
