/**
 * 站点编号 in 站点月报 and 物流 must name a station of the same workbook's 站点 sheet or of the
 * county's register (interfaces.md); any other is a bad row, never a new station in the B2/B3
 * counts. When the 站点 sheet is validated after the sheet naming it (a large workbook read in
 * file order), the check waits for the commit, where the 站点 sheet has been written first.
 */
import type { Kysely } from "kysely";
import { type StationImportState, stationImportState, stationRegister } from "../network";
import type { Database } from "../platform/db/schema";
import { AppError } from "../platform/http/errors";
import type { Bilingual, CellProblem, ImportContext } from "../platform/workbook/sheet-handler";

export type KnownStations = {
  register: ReadonlySet<string>;
  shared: StationImportState;
  /** Whether this workbook's 站点 sheet (if any) was validated before this sheet. */
  sheetComplete: boolean;
  deferred: { row: number; stationCode: string }[];
};

export function unknownStation(stationCode: string): Bilingual {
  return {
    zh: `站点编号 ${stationCode} 不是本县登记的站点（请先在「站点」表中登记）`,
    en: `Station ${stationCode} is not a registered station of the county (add it on the 站点 sheet first)`,
  };
}

export async function prepareKnownStations(ctx: ImportContext): Promise<KnownStations> {
  const shared = stationImportState(ctx);
  return {
    register: new Set((await stationRegister(ctx.db, ctx.countyCode)).keys()),
    shared,
    sheetComplete: shared.stationSheetValidated,
    deferred: [],
  };
}

/** A problem when the row names no known station; a row left to the commit check otherwise. */
export function checkStationKnown(
  known: KnownStations,
  stationCode: string,
  row: number,
): CellProblem | undefined {
  if (known.register.has(stationCode) || known.shared.stations.has(stationCode)) return undefined;
  if (known.sheetComplete) return { column: "站点编号", reason: unknownStation(stationCode) };
  known.deferred.push({ row, stationCode });
  return undefined;
}

/** At commit (the 站点 sheet written first in this transaction): every deferred station must exist. */
export async function assertDeferredStationsKnown(
  trx: Kysely<Database>,
  sheet: string,
  known: KnownStations,
  acceptedRows: readonly { row: number }[],
  countyCode: string,
): Promise<void> {
  if (!known.deferred.length) return;
  const accepted = new Set(acceptedRows.map((r) => r.row));
  const register = await stationRegister(trx, countyCode);
  const missing = known.deferred.filter((d) => accepted.has(d.row) && !register.has(d.stationCode));
  if (!missing.length) return;
  throw new AppError(
    422,
    "import_rejected",
    {
      zh: `${missing.length} 处错误，未写入任何数据`,
      en: `${missing.length} problems found; nothing was written`,
    },
    missing.map((m) => ({
      sheet,
      row: m.row,
      column: "站点编号",
      message: unknownStation(m.stationCode).zh,
    })),
  );
}
