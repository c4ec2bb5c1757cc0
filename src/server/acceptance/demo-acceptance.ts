/**
 * Demo assessor decisions (see platform/demo/demo-outcomes.ts): the demo third-party assessor has
 * judged the items data cannot decide in every county but the one still awaiting it, so as of
 * 2018-10-31 the verdicts spread across passed, failed, vetoed and incomplete.
 */
import { randomUUID } from "node:crypto";
import { recordAudit } from "../platform/audit/audit";
import type { Db } from "../platform/db/database";
import { demoOutcome } from "../platform/demo/demo-outcomes";
import type { DemoContext } from "../platform/domain";
import { acceptanceDb } from "./acceptance.repository";

/** Items only an assessor can judge (B1, B9, C4; and B8 when no follow-up record shows it), with the grounds. */
const ASSESSED: [id: string, note: string][] = [
  ["B1", "（演示）县域电商服务企业提供代购、仓储配送、在线支付及增值服务，现场核实"],
  ["B8", "（演示）培训后跟踪、孵化与统计记录齐全"],
  ["B9", "（演示）项目设施按市场化原则对外开放，收费合理"],
  ["C4", "（演示）出台扶持政策，开展市场秩序监管与信用评价"],
];
// C1, C2, C5 and D1–D4 are decided from the outcomes domain's records and year figures (issue 17).

export async function loadDemoAcceptance(db: Db, { counties }: DemoContext): Promise<void> {
  const decidedAt = "2018-10-30T16:00:00.000+08:00";
  await db.db.transaction().execute(async (trx) => {
    const adb = acceptanceDb(trx);
    for (const county of counties) {
      if (demoOutcome(county.code) === "awaiting_assessor") continue;
      const existing = await adb
        .selectFrom("assessor_decisions")
        .select("id")
        .where("county_code", "=", county.code)
        .limit(1)
        .execute();
      if (existing.length) continue; // real decisions are never overlaid with demo ones
      const rows = [
        ...ASSESSED,
        ["E5", "（演示）未发现弄虚作假、重大审计问题或安全质量事故"] as [string, string],
      ].map(([itemId, note]) => ({
        id: randomUUID(),
        county_code: county.code,
        item_id: itemId,
        status: itemId === "E5" ? "clear" : "pass",
        note,
        decided_by: "demo",
        decided_by_name: "第三方评估机构（演示）",
        decided_at: decidedAt,
        superseded_at: null,
      }));
      await adb.insertInto("assessor_decisions").values(rows).execute();
      await recordAudit(
        trx,
        { id: null, name: "demo" },
        {
          action: "demo.assessor_decisions_loaded",
          entity: "county",
          entityId: county.code,
          countyCode: county.code,
          after: { decisions: rows.length },
        },
      );
    }
  });
}
