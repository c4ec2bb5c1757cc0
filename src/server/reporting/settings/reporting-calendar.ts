/**
 * The working-day calendar reporting due dates are counted on (R2, via rule F6's calendar): the
 * State Council calendar from `chinese-days` with the province's corrections (calendar domain).
 */
import type { Kysely } from "kysely";
import type { WorkCalendar } from "../../../rules/calendar";
import { loadWorkCalendar } from "../../calendar";
import type { Database } from "../../platform/db/schema";

export async function reportingCalendar(kdb: Kysely<Database>): Promise<WorkCalendar> {
  return loadWorkCalendar(kdb);
}
