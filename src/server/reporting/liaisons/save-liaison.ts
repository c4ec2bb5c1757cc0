/**
 * Adds or changes an information liaison (信息联络员, R4): one for the county authority, one per
 * contractor. A contractor may be a registered organization (its id becomes the reporter key, so
 * its accounts can file its reports) or just a name.
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { isWithin } from "../../../rules/regions";
import { type Actor, recordAudit } from "../../platform/audit/audit";
import type { Database } from "../../platform/db/schema";
import { AppError, badRequest, notFound } from "../../platform/http/errors";
import { chinaTimestamp } from "../../platform/time/china-time";
import type { LiaisonTable } from "../reporting.tables";
import { reportingDb } from "../reporting-db";
import { COUNTY_REPORTER_KEY, type LiaisonRecord, liaisonRecord } from "./liaisons.repository";

export type LiaisonInput = {
  role: "authority" | "contractor";
  organizationId: string | null;
  organizationName: string;
  name: string;
  position: string;
  phone: string;
  email: string | null;
  reportsFrom: string | null;
  reportsUntil: string | null;
};

export type SaveLiaisonOptions = {
  db: Kysely<Database>;
  actor: Actor;
  countyCode: string;
  /** The liaison to change; a new one when absent. */
  id?: string;
  input: LiaisonInput;
};

const duplicate = () =>
  new AppError(409, "liaison_exists", {
    zh: "该单位已有信息联络员（每个单位只能确定1名，R4）",
    en: "This body already has an information liaison (one each, R4)",
  });

export async function saveLiaison({
  db,
  actor,
  countyCode,
  id,
  input,
}: SaveLiaisonOptions): Promise<LiaisonRecord> {
  return db.transaction().execute(async (trx) => {
    const rdb = reportingDb(trx);
    const before = id
      ? await rdb
          .selectFrom("reporting_liaisons")
          .selectAll()
          .where("id", "=", id)
          .where("county_code", "=", countyCode)
          .executeTakeFirst()
      : undefined;
    if (id && !before) throw notFound({ zh: "该联络员", en: "Liaison" });
    if (before && before.role !== input.role) {
      throw badRequest("role_fixed", {
        zh: "联络员的类别不能修改，请删除后重新添加",
        en: "A liaison's role cannot change",
      });
    }
    let organizationName = input.organizationName.trim();
    let reporterKey = before?.reporter_key;
    if (input.role === "authority") {
      reporterKey = COUNTY_REPORTER_KEY;
    } else if (!before) {
      if (input.organizationId) {
        const org = await trx
          .selectFrom("organizations")
          .select(["id", "name", "kind", "region_code"])
          .where("id", "=", input.organizationId)
          .executeTakeFirst();
        if (org?.kind !== "contractor" || !isWithin(org.region_code, countyCode)) {
          throw badRequest("unknown_contractor", {
            zh: "所选单位不是本县登记的承办企业",
            en: "The organization is not a contractor registered in this county",
          });
        }
        organizationName = org.name;
        reporterKey = org.id;
      } else {
        reporterKey = randomUUID();
      }
    }
    if (!organizationName) {
      throw badRequest("organization_required", { zh: "请填写单位名称", en: "The body's name is required" });
    }
    if (input.reportsFrom && input.reportsUntil && input.reportsUntil < input.reportsFrom) {
      throw badRequest("bad_months", {
        zh: "报送截止月份早于起始月份",
        en: "Last month is before the first month",
      });
    }
    const clash = await rdb
      .selectFrom("reporting_liaisons")
      .select("id")
      .where("county_code", "=", countyCode)
      .where((eb) =>
        eb.or([
          eb("reporter_key", "=", reporterKey!),
          eb.and([eb("role", "=", "contractor"), eb("organization_name", "=", organizationName)]),
        ]),
      )
      .where("id", "!=", before?.id ?? "")
      .executeTakeFirst();
    if (clash) throw duplicate();

    const now = chinaTimestamp();
    const columns = {
      organization_name: organizationName,
      name: input.name.trim(),
      position: input.position.trim(),
      phone: input.phone.trim(),
      email: input.email?.trim() || null,
      reports_from: input.role === "contractor" ? input.reportsFrom : null,
      reports_until: input.role === "contractor" ? input.reportsUntil : null,
      is_demo: 0,
    };
    let row: LiaisonTable;
    if (before) {
      row = { ...before, ...columns, updated_at: now };
      await rdb
        .updateTable("reporting_liaisons")
        .set({ ...columns, updated_at: now })
        .where("id", "=", before.id)
        .execute();
    } else {
      row = {
        id: randomUUID(),
        county_code: countyCode,
        role: input.role,
        reporter_key: reporterKey!,
        organization_id: input.role === "contractor" ? input.organizationId : null,
        ...columns,
        created_at: now,
        updated_at: now,
      };
      await rdb.insertInto("reporting_liaisons").values(row).execute();
    }
    await recordAudit(trx, actor, {
      action: before ? "reporting.liaison_updated" : "reporting.liaison_added",
      entity: "reporting_liaison",
      entityId: row.id,
      countyCode,
      before,
      after: row,
    });
    return liaisonRecord(row);
  });
}
