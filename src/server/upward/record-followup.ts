/**
 * Records after-training service for a trainee (O8): a visit, coaching, incubation, a start-up or a
 * job. The trainee is named by the same id as on the 培训 sheet; an ID-card number is hashed first.
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { FollowupKind } from "../../rules/upward";
import { type Actor, recordAudit } from "../platform/audit/audit";
import type { Database } from "../platform/db/schema";
import { AppError, badRequest } from "../platform/http/errors";
import { chinaTimestamp } from "../platform/time/china-time";
import { personIdSecret, pseudonymize } from "./person-pseudonym";
import type { UpwardTables } from "./upward.tables";

export type FollowupInput = { personId: string; date: string; kind: FollowupKind; note: string };

export async function recordFollowup(options: {
  db: Kysely<Database>;
  actor: Actor;
  countyCode: string;
  followup: FollowupInput;
}): Promise<{ id: string; person: string }> {
  const { db, actor, countyCode, followup } = options;
  const person = pseudonymize(await personIdSecret(db), followup.personId);
  if (!person.ok)
    throw badRequest("invalid_person_id", person.reason, [{ path: "personId", message: person.reason.zh }]);
  return db.transaction().execute(async (trx) => {
    const t = trx.withTables<UpwardTables>();
    const trainee = await t
      .selectFrom("training_attendances")
      .select("id")
      .where("county_code", "=", countyCode)
      .where("person_key", "=", person.key)
      .executeTakeFirst();
    if (!trainee) {
      throw new AppError(422, "not_a_trainee", {
        zh: `人员 ${person.label} 没有本县的培训记录`,
        en: `Person ${person.label} has no training record in this county`,
      });
    }
    const row = {
      id: randomUUID(),
      county_code: countyCode,
      person_key: person.key,
      person_label: person.label,
      date: followup.date,
      kind: followup.kind,
      note: followup.note,
      is_demo: 0,
      created_at: chinaTimestamp(),
    };
    await t.insertInto("training_followups").values(row).execute();
    await recordAudit(trx, actor, {
      action: "training_followup.created",
      entity: "training_followup",
      entityId: row.id,
      countyCode,
      after: { person: person.label, date: row.date, kind: row.kind, note: row.note },
    });
    return { id: row.id, person: person.label };
  });
}
