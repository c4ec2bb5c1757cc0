/** The assessor signs the scorecard as it stands; the signed copy is frozen and audited. */
import type { Kysely } from "kysely";
import type { Scorecard } from "../../rules/acceptance/evaluate";
import { recordAudit } from "../platform/audit/audit";
import type { Principal } from "../platform/auth/roles";
import { newId } from "../platform/auth/sessions";
import type { Database } from "../platform/db/schema";
import { AppError, forbidden } from "../platform/http/errors";
import { chinaTimestamp } from "../platform/time/china-time";
import { acceptanceDb, latestSignoff } from "./acceptance.repository";

export async function signScorecard(db: Kysely<Database>, assessor: Principal, scorecard: Scorecard) {
  if (assessor.role !== "assessor") throw forbidden();
  if (await latestSignoff(db, scorecard.county)) {
    throw new AppError(409, "already_signed", {
      zh: "评估结论已签署",
      en: "The scorecard is already signed",
    });
  }
  const row = {
    id: newId(),
    county_code: scorecard.county,
    as_of: scorecard.asOf,
    standard_id: scorecard.standard,
    verdict: scorecard.verdict,
    scorecard_json: JSON.stringify(scorecard),
    signed_by: assessor.id,
    signed_by_name: assessor.displayName,
    signed_at: chinaTimestamp(),
  };
  await db.transaction().execute(async (trx) => {
    await acceptanceDb(trx).insertInto("acceptance_signoffs").values(row).execute();
    await recordAudit(
      trx,
      { id: assessor.id, name: assessor.username },
      {
        action: "acceptance.signed",
        entity: "acceptance_signoff",
        entityId: row.id,
        countyCode: scorecard.county,
        after: { asOf: row.as_of, verdict: row.verdict },
      },
    );
  });
  return { id: row.id, signedAt: row.signed_at, verdict: row.verdict };
}
