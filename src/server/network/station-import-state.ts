/**
 * What the 站点 sheet of one workbook import tells the sheets that name stations (站点月报, 物流):
 * the 站点编号 it declares, so that a row may name a station registered in the same workbook.
 * Keyed by the import's context object, which the importer passes to every sheet's prepare.
 */
import type { ImportContext } from "../platform/workbook/sheet-handler";

export type StationImportState = {
  /** Set once the 站点 sheet has been validated (sheets are validated one after another). */
  stationSheetValidated: boolean;
  /** 站点编号 of the accepted rows of this workbook's 站点 sheet. */
  stations: Set<string>;
};

const states = new WeakMap<ImportContext, StationImportState>();

export function stationImportState(ctx: ImportContext): StationImportState {
  let state = states.get(ctx);
  if (!state) {
    state = { stationSheetValidated: false, stations: new Set() };
    states.set(ctx, state);
  }
  return state;
}
