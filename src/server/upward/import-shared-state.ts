/**
 * What the 贫困户 and 培训 sheets of one workbook import share: the households the 贫困户 sheet
 * declares, so that a trainee's 户编号 may refer to a household registered in the same workbook.
 * Keyed by the import's context object, which the importer passes to every sheet's prepare.
 */
import type { ImportContext } from "../platform/workbook/sheet-handler";

export type HouseholdImportState = {
  /** Set once the 贫困户 sheet has been validated (sheets are validated one after another). */
  poorSheetValidated: boolean;
  /** Household keys declared by the 贫困户 sheet of this workbook. */
  households: Set<string>;
};

const states = new WeakMap<ImportContext, HouseholdImportState>();

export function householdImportState(ctx: ImportContext): HouseholdImportState {
  let state = states.get(ctx);
  if (!state) {
    state = { poorSheetValidated: false, households: new Set() };
    states.set(ctx, state);
  }
  return state;
}
