/**
 * The acceptance domain's part of a county's facts: the day its acceptance is judged (rule E4
 * reading): the M4 date, or the day the assessor signed the county's scorecard if that was earlier.
 */
import type { CountyFacts } from "../../rules/acceptance/facts";
import { DEFAULT_MILESTONES, type MilestoneSettings } from "../../rules/acceptance/timeline";
import type { Db } from "../platform/db/database";
import { latestSignoff } from "./acceptance.repository";

export async function acceptanceFacts(
  db: Db,
  countyCode: string,
  milestones: MilestoneSettings = DEFAULT_MILESTONES,
): Promise<Pick<CountyFacts, "acceptanceOn">> {
  const signoff = await latestSignoff(db.db, countyCode);
  const signedOn = signoff?.signed_at.slice(0, 10);
  const m4 = milestones.acceptanceBy;
  return { acceptanceOn: signedOn && signedOn < m4 ? signedOn : m4 };
}
