/**
 * The county files its liaison list with the provincial department (R4, due by the M3 deadline).
 * Filing is refused while the list has problems. Filing again later updates the list on file but
 * keeps the first filing day: that day decides whether the deadline was met.
 */
import type { Kysely } from "kysely";
import { liaisonListProblems } from "../../../rules/reporting";
import { type Actor, recordAudit } from "../../platform/audit/audit";
import type { Database } from "../../platform/db/schema";
import { badRequest } from "../../platform/http/errors";
import { chinaDate, chinaTimestamp } from "../../platform/time/china-time";
import { reportingDb } from "../reporting-db";
import { getLiaisonFiling, knownContractors, type LiaisonFiling, listLiaisons } from "./liaisons.repository";

export async function fileLiaisonList(options: {
  db: Kysely<Database>;
  actor: Actor;
  countyCode: string;
}): Promise<LiaisonFiling> {
  const { db, actor, countyCode } = options;
  return db.transaction().execute(async (trx) => {
    const liaisons = await listLiaisons(trx, countyCode);
    const contractors = await knownContractors(trx, countyCode);
    const problems = liaisonListProblems(
      liaisons.map((l) => ({
        role: l.role,
        name: l.name,
        phone: l.phone,
        organizationName: l.organizationName,
      })),
      contractors.map((c) => c.name),
    );
    if (problems.length) {
      throw badRequest(
        "liaison_list_incomplete",
        { zh: "联络员名单不完整，不能报送", en: "The liaison list is incomplete and cannot be filed" },
        problems.map((message) => ({ message })),
      );
    }
    const before = await getLiaisonFiling(trx, countyCode);
    const now = chinaTimestamp();
    const list = liaisons.map((l) => ({
      role: l.role,
      organizationName: l.organizationName,
      name: l.name,
      position: l.position,
      phone: l.phone,
      email: l.email,
    }));
    const filing = {
      county_code: countyCode,
      filed_on: before?.filedOn ?? chinaDate(),
      filed_at: now,
      filed_by: actor.name,
      list_json: JSON.stringify(list),
      is_demo: 0,
    };
    await reportingDb(trx)
      .insertInto("reporting_liaison_filings")
      .values(filing)
      .onConflict((oc) =>
        oc
          .column("county_code")
          .doUpdateSet({ filed_at: now, filed_by: actor.name, list_json: filing.list_json, is_demo: 0 }),
      )
      .execute();
    await recordAudit(trx, actor, {
      action: before ? "reporting.liaison_list_refiled" : "reporting.liaison_list_filed",
      entity: "reporting_liaison_filing",
      entityId: countyCode,
      countyCode,
      before,
      after: { filedOn: filing.filed_on, liaisons: list.length },
    });
    return { filedOn: filing.filed_on, filedAt: now, filedBy: actor.name, isDemo: false };
  });
}
