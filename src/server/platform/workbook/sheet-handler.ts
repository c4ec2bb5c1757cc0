/**
 * The contract between the county workbook importer (platform) and the domains: each domain
 * registers a handler for the sheet names it owns (村庄, 站点, 资金安排 …).
 */
import type { Kysely } from "kysely";
import type { FundCategoryKey } from "../../../rules/funds";
import type { Actor } from "../audit/audit";
import type { Database } from "../db/schema";

export type Bilingual = { zh: string; en: string };

export type ColumnSpec = {
  /** The Chinese header as county staff type it, e.g. 村代码. */
  header: string;
  /** Other headers accepted for this column (English, older templates). */
  aliases?: string[];
  required: boolean;
  /** Value of the template's example row. */
  example: string;
  /** One line of help, shown in the template's note row. */
  help: Bilingual;
};

export type CellProblem = { column?: string; reason: Bilingual };

export type ParsedRow<T> = { ok: true; value: T } | { ok: false; problems: CellProblem[] };

export type ImportContext = {
  db: Kysely<Database>;
  countyCode: string;
  actor: Actor;
  /**
   * While a sheet commits: a handler of a large sheet calls it as chunks of rows are written, so
   * the progress shown moves during a long write (rows not reported count when commit returns).
   */
  rowsWritten?: (rows: number) => void;
};

export type SheetHandler<T, C = unknown> = {
  /** The sheet name in the workbook (and the .csv file name in a folder). */
  sheet: string;
  /**
   * Fund categories (rule F2 keys) whose contractor may import this sheet for the county (its
   * stations' months, its parcels, its trainees); unset: the county's administrators only.
   */
  contractorCategories?: readonly FundCategoryKey[];
  aliases?: string[];
  columns: ColumnSpec[];
  /** Loads what row checks need (e.g. the county's village codes), once per import. */
  prepare(ctx: ImportContext): Promise<C>;
  /** Validates one row; cells are keyed by the column's main header, '' when blank. */
  parseRow(cells: Record<string, string>, state: C, row: number): ParsedRow<T>;
  /** Writes the accepted rows inside the import's transaction; returns how many rows changed. */
  commit(
    trx: Kysely<Database>,
    rows: { row: number; value: T }[],
    state: C,
    ctx: ImportContext,
  ): Promise<number>;
};

// The registry holds handlers of every row type.
export type AnySheetHandler = SheetHandler<any, any>;

/** The handlers of one app instance, keyed by sheet name and aliases. */
export class SheetRegistry {
  readonly #byName = new Map<string, AnySheetHandler>();
  readonly #ordered: AnySheetHandler[] = [];

  register(handler: AnySheetHandler): this {
    for (const name of [handler.sheet, ...(handler.aliases ?? [])]) {
      if (this.#byName.has(name)) throw new Error(`sheet ${name} registered twice`);
      this.#byName.set(name, handler);
    }
    this.#ordered.push(handler);
    return this;
  }

  find(name: string): AnySheetHandler | undefined {
    return this.#byName.get(name.trim());
  }

  /** In registration order, which is also the order sheets are committed in. */
  all(): readonly AnySheetHandler[] {
    return this.#ordered;
  }
}
