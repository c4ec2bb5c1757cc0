/**
 * The third-party assessor decides an item (pass / fail / n/a) or a veto item (clear / triggered)
 * with a note; the province may also decide E5. Only an assessor engaged by the county may; the
 * county cannot change it; a newer decision supersedes the older one; a signed scorecard is frozen.
 * Overturning what the data decided needs a written reason and evidence on the item, and so does
 * an E5 finding or clearing the data-quality leads (rules.md, "How the standard is applied").
 */
import type { Kysely } from "kysely";
import { decisionRequirements, mayDecide } from "../../rules/acceptance/decision-rules";
import { HEBEI_2017 } from "../../rules/acceptance/standard";
import { recordAudit } from "../platform/audit/audit";
import type { Principal } from "../platform/auth/roles";
import { newId } from "../platform/auth/sessions";
import type { Database } from "../platform/db/schema";
import { AppError, badRequest, forbidden } from "../platform/http/errors";
import { chinaTimestamp } from "../platform/time/china-time";
import { acceptanceDb, latestSignoff } from "./acceptance.repository";

const ITEM_STATUSES = ["pass", "fail", "n/a", "pending"];
const VETO_STATUSES = ["clear", "triggered"];

export type DecideItemOptions = {
  db: Kysely<Database>;
  assessor: Principal;
  countyCode: string;
  itemId: string;
  status: string;
  note: string;
  /** The item's status as the data decide it today ("pending" where the data cannot). */
  dataStatus: string;
  /** Whether the data raised data-quality leads (E5). */
  hasLeads: boolean;
};

export async function decideItem({
  db,
  assessor,
  countyCode,
  itemId,
  status,
  note,
  dataStatus,
  hasLeads,
}: DecideItemOptions) {
  if (!mayDecide(assessor.role, itemId)) throw forbidden();
  const isVeto = HEBEI_2017.veto.some((v) => v.id === itemId);
  const isItem = HEBEI_2017.items.some((i) => i.id === itemId);
  if (!isVeto && !isItem) {
    throw badRequest("unknown_item", {
      zh: `验收标准中没有 ${itemId}`,
      en: `No item ${itemId} in the standard`,
    });
  }
  if (!(isVeto ? VETO_STATUSES : ITEM_STATUSES).includes(status)) {
    throw badRequest("invalid_status", {
      zh: `${itemId} 的结论只能是 ${(isVeto ? VETO_STATUSES : ITEM_STATUSES).join("/")}`,
      en: `${itemId} takes ${(isVeto ? VETO_STATUSES : ITEM_STATUSES).join("/")}`,
    });
  }
  const needs = decisionRequirements({ itemId, status, dataStatus, hasLeads });
  if (note.trim().length < needs.reasonMinLength) {
    throw badRequest(
      "note_required",
      needs.isOverride
        ? {
            zh: `推翻数据判定结果（${dataStatus}）须书面说明理由，不少于 ${needs.reasonMinLength} 个字`,
            en: `Overturning the data's result (${dataStatus}) needs a written reason of at least ${needs.reasonMinLength} characters`,
          }
        : { zh: "请填写判定依据", en: "A note with the grounds is required" },
    );
  }
  if (needs.needsEvidence) {
    const evidence = await acceptanceDb(db)
      .selectFrom("acceptance_evidence")
      .select("id")
      .where("county_code", "=", countyCode)
      .where("item_id", "=", itemId)
      .limit(1)
      .executeTakeFirst();
    if (!evidence) {
      throw new AppError(409, "evidence_required", {
        zh: needs.isOverride
          ? `推翻 ${itemId} 的数据判定须先上传证据`
          : `${itemId} 的认定须先上传证据（现场核实记录、审计报告等）`,
        en: needs.isOverride
          ? `Upload evidence for ${itemId} before overturning the data's result`
          : `Upload evidence for ${itemId} before deciding it`,
      });
    }
  }
  if (await latestSignoff(db, countyCode)) {
    throw new AppError(409, "already_signed", {
      zh: "评估结论已签署，不能再修改",
      en: "The scorecard is signed and can no longer change",
    });
  }
  const now = chinaTimestamp();
  return db.transaction().execute(async (trx) => {
    const adb = acceptanceDb(trx);
    const before = await adb
      .selectFrom("assessor_decisions")
      .select(["id", "status", "note"])
      .where("county_code", "=", countyCode)
      .where("item_id", "=", itemId)
      .where("superseded_at", "is", null)
      .executeTakeFirst();
    if (before)
      await adb
        .updateTable("assessor_decisions")
        .set({ superseded_at: now })
        .where("id", "=", before.id)
        .execute();
    const row = {
      id: newId(),
      county_code: countyCode,
      item_id: itemId,
      status,
      note: note.trim(),
      decided_by: assessor.id,
      decided_by_name: assessor.displayName,
      decided_at: now,
      superseded_at: null,
    };
    await adb.insertInto("assessor_decisions").values(row).execute();
    await recordAudit(
      trx,
      { id: assessor.id, name: assessor.username },
      {
        action: "acceptance.decided",
        entity: "assessor_decision",
        entityId: row.id,
        countyCode,
        before: before ? { status: before.status, note: before.note } : undefined,
        after: { item: itemId, status, note: row.note, dataStatus, override: needs.isOverride },
      },
    );
    return { id: row.id };
  });
}
