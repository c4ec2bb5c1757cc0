/** Adds or changes a project of the special fund in the county's column, with the T1 fields. */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../../platform/audit/audit";
import type { Database } from "../../platform/db/schema";
import { notFound } from "../../platform/http/errors";
import { chinaDate, chinaTimestamp } from "../../platform/time/china-time";
import type { ColumnProjectTable } from "../reporting.tables";
import { reportingDb } from "../reporting-db";

export type ColumnProjectInput = {
  name: string;
  content: string;
  contractorName: string;
  subsidyFen: number | null;
  deadline: string | null;
  performanceTargets: string;
  countyResponsible: string;
  contractorResponsible: string;
  /** 合同编号 of the contract the project publishes (E2). */
  contractNo: string | null;
  progressBp: number | null;
  progressText: string;
  sortOrder: number;
};

export async function saveColumnProject(options: {
  db: Kysely<Database>;
  actor: Actor;
  countyCode: string;
  id?: string;
  /** For an update, only the fields given change. */
  input: Partial<ColumnProjectInput>;
}): Promise<string> {
  const { db, actor, countyCode, id, input } = options;
  return db.transaction().execute(async (trx) => {
    const rdb = reportingDb(trx);
    const before = id
      ? await rdb
          .selectFrom("transparency_projects")
          .selectAll()
          .where("id", "=", id)
          .where("region_code", "=", countyCode)
          .executeTakeFirst()
      : undefined;
    if (id && !before) throw notFound({ zh: "该项目", en: "Project" });
    const now = chinaTimestamp();
    const text = (v: string | undefined, old: string | undefined) =>
      v !== undefined ? v.trim() : (old ?? "");
    const progressChanged =
      (input.progressBp !== undefined && input.progressBp !== before?.progress_bp) ||
      (input.progressText !== undefined && input.progressText.trim() !== before?.progress_text);
    const columns = {
      name: text(input.name, before?.name),
      content: text(input.content, before?.content),
      contractor_name: text(input.contractorName, before?.contractor_name),
      subsidy_fen: input.subsidyFen !== undefined ? input.subsidyFen : (before?.subsidy_fen ?? null),
      deadline: input.deadline !== undefined ? input.deadline : (before?.deadline ?? null),
      performance_targets: text(input.performanceTargets, before?.performance_targets),
      county_responsible: text(input.countyResponsible, before?.county_responsible),
      contractor_responsible: text(input.contractorResponsible, before?.contractor_responsible),
      contract_no:
        input.contractNo !== undefined ? input.contractNo?.trim() || null : (before?.contract_no ?? null),
      progress_bp: input.progressBp !== undefined ? input.progressBp : (before?.progress_bp ?? null),
      progress_text: text(input.progressText, before?.progress_text),
      // Publishing progress is what T1 asks to be regular: its day is kept with it.
      progress_updated_on: progressChanged ? chinaDate() : (before?.progress_updated_on ?? null),
      sort_order: input.sortOrder ?? before?.sort_order ?? 0,
      is_demo: 0,
      updated_at: now,
    };
    let row: ColumnProjectTable;
    if (before) {
      row = { ...before, ...columns };
      await rdb.updateTable("transparency_projects").set(columns).where("id", "=", before.id).execute();
    } else {
      row = { id: randomUUID(), region_code: countyCode, ...columns, created_at: now };
      await rdb.insertInto("transparency_projects").values(row).execute();
    }
    await recordAudit(trx, actor, {
      action: before ? "transparency.project_updated" : "transparency.project_added",
      entity: "transparency_project",
      entityId: row.id,
      countyCode,
      before,
      after: row,
    });
    return row.id;
  });
}
