/**
 * The State Council working-day calendar (rule F6) from the npm package `chinese-days` (2004–2026),
 * with province-admin corrections on top.
 *
 * The package documents its data file `dist/chinese-days.json` for non-JS use:
 * `{ holidays: {date: "name"}, workdays: {date: "name"}, inLieuDays: {…} }`, where `holidays` are the
 * days off (weekends included when they are part of a holiday) and `workdays` the make-up working
 * weekends (调休). We read that file instead of calling the package's functions: those parse dates
 * through `Date` in the host time zone, while our rules keep dates as plain strings.
 */
import { createRequire } from "node:module";
import { isIsoDate, RuleInputError, type WorkCalendar } from "../../rules/calendar";

/** A correction by the province administrator; it wins over the package data. */
export type CalendarOverride = { date: string; kind: "holiday" | "workday" };

/** The shape of `chinese-days/dist/chinese-days.json` that we use. */
export type ChineseDaysData = {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};

let packageData: ChineseDaysData | undefined;

/** The package's data file, read once. */
export function loadChineseDaysData(): ChineseDaysData {
  if (!packageData) {
    // createRequire reads JSON without the import-attributes syntax, which Node 20 still flags.
    const data = createRequire(import.meta.url)("chinese-days/dist/chinese-days.json") as unknown;
    if (!isChineseDaysData(data)) throw new Error("chinese-days: unexpected data file shape");
    packageData = data;
  }
  return packageData;
}

function isChineseDaysData(data: unknown): data is ChineseDaysData {
  if (typeof data !== "object" || data === null) return false;
  const { holidays, workdays } = data as Record<string, unknown>;
  return [holidays, workdays].every(
    (map) => typeof map === "object" && map !== null && Object.keys(map).every(isIsoDate),
  );
}

/**
 * Merges package data and overrides into a {@link WorkCalendar}. An override moves its date out of
 * the other set, so a corrected day is never both. `coveredYears` are the years the package has
 * data for; overrides do not extend coverage (a few corrections do not make a year's calendar).
 * Throws {@link RuleInputError} on an override with a bad date or kind.
 */
export function buildWorkCalendar(
  data: ChineseDaysData,
  overrides: readonly CalendarOverride[] = [],
): WorkCalendar {
  const holidays = new Set(Object.keys(data.holidays));
  const workdays = new Set(Object.keys(data.workdays));
  const coveredYears = new Set([...holidays, ...workdays].map((date) => Number(date.slice(0, 4))));
  overrides.forEach(({ date, kind }, i) => {
    if (!isIsoDate(date)) {
      throw new RuleInputError(`overrides.${i}.date`, {
        zh: `日历更正的日期应为 YYYY-MM-DD，实为“${date}”`,
        en: `A calendar override date must be YYYY-MM-DD, got "${date}"`,
      });
    }
    if (kind !== "holiday" && kind !== "workday") {
      throw new RuleInputError(`overrides.${i}.kind`, {
        zh: `日历更正的类型应为 holiday 或 workday，实为“${String(kind)}”`,
        en: `A calendar override kind must be holiday or workday, got "${String(kind)}"`,
      });
    }
    const [add, remove] = kind === "holiday" ? [holidays, workdays] : [workdays, holidays];
    add.add(date);
    remove.delete(date);
  });
  return { holidays, workdays, coveredYears };
}

/** The official calendar from `chinese-days`, with the province's overrides applied (rule F6). */
export function chineseDaysCalendar(overrides: readonly CalendarOverride[] = []): WorkCalendar {
  return buildWorkCalendar(loadChineseDaysData(), overrides);
}
